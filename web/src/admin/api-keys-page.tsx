import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { ApiKeysQuery, ApiScope } from '../gql/graphql';
import { apiKeyStatusLabels, apiScopeLabels, keysOf } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { fieldErrorOf } from '../ui/field-errors';
import { describedBy, FormField } from '../ui/form-field';
import { formatDateTime } from '../ui/format';
import { StatusMessage } from '../ui/status-message';
import { AdminNav } from './admin-nav';

const API_KEYS = graphql(`
  query ApiKeys {
    apiKeys {
      id
      name
      prefix
      scopes
      status
      expiresAt
      lastUsedAt
      createdAt
      revokedAt
      createdBy {
        id
        name
      }
    }
  }
`);

const CREATE_API_KEY = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
        id
        name
      }
    }
  }
`);

const REVOKE_API_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      status
      revokedAt
    }
  }
`);

type ApiKey = ApiKeysQuery['apiKeys'][number];

/** The new key, shown once: selected for copying, with a button that copies it. */
function NewKey({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => field.current?.select(), []);
  const copy = async () => {
    field.current?.select();
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('The browser did not allow copying: the key is selected, press Ctrl+C (⌘C on a Mac).');
    }
  };
  return (
    <section className="new-key card" aria-labelledby="new-key-title">
      <h2 id="new-key-title">Key “{name}” created</h2>
      <p className="notice">Copy it now: it is shown only this once. Send it as Authorization: Bearer &lt;key&gt;.</p>
      <div className="inline-form">
        <label htmlFor="new-key-secret">New API key</label>
        <input id="new-key-secret" ref={field} readOnly value={secret} className="secret" spellCheck={false} />
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          I have copied it
        </button>
      </div>
      <StatusMessage text={copied} />
    </section>
  );
}

function KeyRow({ apiKey }: { apiKey: ApiKey }) {
  const [confirming, setConfirming] = useState(false);
  const [revoke, { loading, error }] = useMutation(REVOKE_API_KEY);
  return (
    <li className="card api-key" data-key-id={apiKey.id}>
      <p className="card-title">
        {apiKey.name} <code>{apiKey.prefix}…</code>{' '}
        <span className={`badge badge-${apiKey.status.toLowerCase()} key-status`}>{apiKeyStatusLabels[apiKey.status]}</span>
      </p>
      <p className="muted">{apiKey.scopes.map((scope) => apiScopeLabels[scope].split(' — ')[0]).join(', ')}</p>
      <p className="muted">
        Created {formatDateTime(apiKey.createdAt)}
        {apiKey.createdBy && ` by ${apiKey.createdBy.name}`} · last used {apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : 'never'}
        {apiKey.expiresAt && ` · expires ${formatDateTime(apiKey.expiresAt)}`}
        {apiKey.revokedAt && ` · revoked ${formatDateTime(apiKey.revokedAt)}`}
      </p>
      {apiKey.status === 'ACTIVE' &&
        (confirming ? (
          <div className="actions" role="group" aria-label={`Revoke ${apiKey.name}?`}>
            <span>Revoke “{apiKey.name}”? Partners using it are refused from their next request.</span>
            <button
              type="button"
              className="danger"
              disabled={loading}
              onClick={() => void revoke({ variables: { id: apiKey.id } }).catch(() => undefined)}
            >
              Yes, revoke
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        ) : (
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            Revoke<span className="visually-hidden"> {apiKey.name}</span>
          </button>
        ))}
      <ErrorMessage error={error} />
    </li>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ReadonlySet<ApiScope>>(new Set(['CRM_READ']));
  const [expires, setExpires] = useState('');
  const [create, { loading, error }] = useMutation(CREATE_API_KEY, { refetchQueries: ['ApiKeys'], awaitRefetchQueries: true });
  const fieldError = fieldErrorOf(error);
  const errorFor = (field: string) => (fieldError?.field === field ? fieldError.message : null);
  const toggle = (scope: ApiScope, on: boolean) =>
    setScopes((previous) => {
      const next = new Set(previous);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await create({
        variables: {
          input: {
            name: name.trim(),
            scopes: [...scopes],
            // The end of the chosen day in Bali.
            expiresAt: expires ? new Date(`${expires}T23:59:59+08:00`).toISOString() : undefined,
          },
        },
      });
      if (!result.data) return;
      setName('');
      onCreated(result.data.createApiKey.apiKey.name, result.data.createApiKey.key);
    } catch {
      // Shown on its field or below.
    }
  };
  return (
    <form className="stacked-form" aria-labelledby="create-key-title" onSubmit={(event) => void submit(event)}>
      <h2 id="create-key-title">Create a key</h2>
      <FormField id="key-name" label="Name" hint="Who it is for, for example “Partner X booking integration”" error={errorFor('name')}>
        <input
          id="key-name"
          required
          value={name}
          aria-invalid={errorFor('name') ? true : undefined}
          aria-describedby={describedBy('key-name', { hint: true, error: errorFor('name') })}
          onChange={(event) => setName(event.target.value)}
        />
      </FormField>
      <fieldset>
        <legend>Scopes</legend>
        {keysOf(apiScopeLabels).map((scope) => (
          <div key={scope} className="check">
            <input
              id={`scope-${scope}`}
              type="checkbox"
              checked={scopes.has(scope)}
              onChange={(event) => toggle(scope, event.target.checked)}
            />
            <label htmlFor={`scope-${scope}`}>{apiScopeLabels[scope]}</label>
          </div>
        ))}
        {errorFor('scopes') && (
          <p className="error" role="alert">
            {errorFor('scopes')}
          </p>
        )}
      </fieldset>
      <FormField
        id="key-expires"
        label="Expires (end of day, Bali time)"
        hint="Leave empty for a key that does not expire"
        error={errorFor('expiresAt')}
      >
        <input
          id="key-expires"
          type="date"
          value={expires}
          aria-invalid={errorFor('expiresAt') ? true : undefined}
          aria-describedby={describedBy('key-expires', { hint: true, error: errorFor('expiresAt') })}
          onChange={(event) => setExpires(event.target.value)}
        />
      </FormField>
      <ErrorMessage error={fieldError ? null : error} />
      <div className="actions">
        <button type="submit" disabled={loading || name.trim() === '' || scopes.size === 0}>
          {loading ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}

/** API keys for partners: create with scopes (the secret shown once), see their last use, revoke. */
export function ApiKeysPage() {
  const { data, loading, error } = useQuery(API_KEYS);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  return (
    <section aria-labelledby="api-keys-title">
      <header className="page-header">
        <AdminNav />
        <h1 id="api-keys-title">API keys</h1>
      </header>
      {created && <NewKey name={created.name} secret={created.secret} onDone={() => setCreated(null)} />}
      <div className="columns">
        <div>
          <ErrorMessage error={error} />
          {loading && !data && <p>Loading the keys…</p>}
          {data?.apiKeys.length === 0 && <p className="muted">No API keys yet.</p>}
          {data && data.apiKeys.length > 0 && (
            <ul className="key-list" aria-label="API keys">
              {data.apiKeys.map((apiKey) => (
                <KeyRow key={apiKey.id} apiKey={apiKey} />
              ))}
            </ul>
          )}
        </div>
        <div className="side-panel">
          <CreateKeyForm onCreated={(name, secret) => setCreated({ name, secret })} />
        </div>
      </div>
    </section>
  );
}
