import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { ClientStatus, UpdateClientInput } from '../gql/graphql';
import { navigate } from '../routing/history';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { clientStatusLabels, keysOf } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { fieldErrorOf, type FieldError } from '../ui/field-errors';
import { describedBy, FormField } from '../ui/form-field';

const CLIENT_FOR_EDIT = graphql(`
  query ClientForEdit($id: ID!) {
    client(id: $id) {
      id
      fullName
      email
      phone
      nationality
      status
      notes
    }
  }
`);

const CREATE_CLIENT = graphql(`
  mutation CreateClient($input: CreateClientInput!) {
    createClient(input: $input) {
      id
    }
  }
`);

const UPDATE_CLIENT = graphql(`
  mutation UpdateClient($id: ID!, $input: UpdateClientInput!) {
    updateClient(id: $id, input: $input) {
      id
      fullName
      email
      phone
      nationality
      status
      notes
      updatedAt
    }
  }
`);

interface ClientDraft {
  fullName: string;
  email: string;
  phone: string;
  nationality: string;
  status: ClientStatus;
  notes: string;
}

type TextField = Exclude<keyof ClientDraft, 'status'>;

const EMPTY: ClientDraft = { fullName: '', email: '', phone: '', nationality: '', status: 'LEAD', notes: '' };

const FIELDS: { name: TextField; label: string; hint?: string; type?: string; autoComplete?: string }[] = [
  { name: 'fullName', label: 'Full name', autoComplete: 'off' },
  { name: 'email', label: 'Email', type: 'email', autoComplete: 'off' },
  { name: 'phone', label: 'Phone', hint: 'International form, for example +6281234567890', type: 'tel', autoComplete: 'off' },
  { name: 'nationality', label: 'Nationality', hint: 'Two-letter country code, for example AU' },
];

const TEXT_FIELDS: readonly TextField[] = ['fullName', 'email', 'phone', 'nationality', 'notes'];

/** The fields that differ from what is stored; an emptied optional field becomes null (cleared). */
function changes(draft: ClientDraft, stored: ClientDraft): UpdateClientInput {
  const input: UpdateClientInput = {};
  for (const key of TEXT_FIELDS) {
    if (draft[key] === stored[key]) continue;
    const value = draft[key].trim();
    input[key] = value === '' && key !== 'fullName' ? null : value;
  }
  if (draft.status !== stored.status) input.status = draft.status;
  return input;
}

interface ClientFormProps {
  clientId?: string;
  initial: ClientDraft;
}

function ClientForm({ clientId, initial }: ClientFormProps) {
  const [draft, setDraft] = useState(initial);
  const [fieldError, setFieldError] = useState<FieldError | null>(null);
  const [create, creating] = useMutation(CREATE_CLIENT);
  const [update, updating] = useMutation(UPDATE_CLIENT);
  const form = useRef<HTMLFormElement>(null);
  const failure = creating.error ?? updating.error;
  const otherError = failure && !fieldError ? failure : null;
  // The field the API refused gets the focus, so its message is read next to its label.
  useEffect(() => {
    if (fieldError) form.current?.querySelector<HTMLElement>(`[name="${fieldError.field}"]`)?.focus();
  }, [fieldError]);

  const set = <K extends keyof ClientDraft>(name: K, value: ClientDraft[K]) => {
    setDraft((previous) => ({ ...previous, [name]: value }));
    if (fieldError?.field === name) setFieldError(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFieldError(null);
    try {
      if (clientId) {
        await update({ variables: { id: clientId, input: changes(draft, initial) } });
        navigate(paths.client(clientId));
      } else {
        const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
        const result = await create({
          variables: {
            input: {
              fullName: draft.fullName.trim(),
              email: optional(draft.email),
              phone: optional(draft.phone),
              nationality: optional(draft.nationality),
              status: draft.status,
              notes: optional(draft.notes),
            },
          },
        });
        if (result.data) navigate(paths.client(result.data.createClient.id));
      }
    } catch (error) {
      setFieldError(fieldErrorOf(error));
    }
  };
  const errorFor = (name: keyof ClientDraft) => (fieldError?.field === name ? fieldError.message : null);
  const busy = creating.loading || updating.loading;
  return (
    <form ref={form} className="stacked-form" noValidate onSubmit={(event) => void submit(event)}>
      {FIELDS.map(({ name, label, hint, type, autoComplete }) => (
        <FormField key={name} id={`client-${name}`} label={label} hint={hint} error={errorFor(name)}>
          <input
            id={`client-${name}`}
            name={name}
            type={type ?? 'text'}
            autoComplete={autoComplete}
            required={name === 'fullName'}
            value={draft[name]}
            aria-invalid={errorFor(name) ? true : undefined}
            aria-describedby={describedBy(`client-${name}`, { hint: Boolean(hint), error: errorFor(name) })}
            onChange={(event) => set(name, event.target.value)}
          />
        </FormField>
      ))}
      <FormField id="client-status" label="Status" error={errorFor('status')}>
        <select
          id="client-status"
          name="status"
          value={draft.status}
          onChange={(event) => set('status', event.target.value as ClientStatus)}
        >
          {keysOf(clientStatusLabels).map((status) => (
            <option key={status} value={status}>
              {clientStatusLabels[status]}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="client-notes" label="Notes" error={errorFor('notes')}>
        <textarea
          id="client-notes"
          name="notes"
          rows={4}
          value={draft.notes}
          aria-invalid={errorFor('notes') ? true : undefined}
          aria-describedby={describedBy('client-notes', { error: errorFor('notes') })}
          onChange={(event) => set('notes', event.target.value)}
        />
      </FormField>
      <ErrorMessage error={otherError} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : clientId ? 'Save changes' : 'Create client'}
        </button>
        <Link href={clientId ? paths.client(clientId) : paths.clients}>Cancel</Link>
      </div>
    </form>
  );
}

/** A new client. */
export function NewClientPage() {
  return (
    <section aria-labelledby="client-form-title" className="form-page">
      <header className="page-header">
        <p>
          <Link href={paths.clients}>← Clients</Link>
        </p>
        <h1 id="client-form-title">New client</h1>
      </header>
      <ClientForm initial={EMPTY} />
    </section>
  );
}

/** A client's details, changed. */
export function EditClientPage({ clientId }: { clientId: string }) {
  const { data, loading, error } = useQuery(CLIENT_FOR_EDIT, { variables: { id: clientId }, fetchPolicy: 'network-only' });
  if (loading && !data) return <p>Loading the client…</p>;
  const client = data?.client;
  if (!client) return <ErrorMessage error={error ?? new Error('This client does not exist.')} />;
  const initial: ClientDraft = {
    fullName: client.fullName,
    email: client.email ?? '',
    phone: client.phone ?? '',
    nationality: client.nationality ?? '',
    status: client.status,
    notes: client.notes ?? '',
  };
  return (
    <section aria-labelledby="client-form-title" className="form-page">
      <header className="page-header">
        <p>
          <Link href={paths.client(clientId)}>← {client.fullName}</Link>
        </p>
        <h1 id="client-form-title">Edit {client.fullName}</h1>
      </header>
      <ClientForm clientId={clientId} initial={initial} />
    </section>
  );
}
