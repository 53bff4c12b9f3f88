import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { PracticeType, ServiceCatalogQuery } from '../gql/graphql';
import { navigate } from '../routing/history';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { keysOf, practiceTypeLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { fieldErrorOf } from '../ui/field-errors';
import { describedBy, FormField } from '../ui/form-field';
import { formatIdr } from '../ui/format';
import { TEAM_MEMBERS } from './assignee-form';

const SERVICE_CATALOG = graphql(`
  query ServiceCatalog {
    serviceCatalog {
      code
      type
      name
      description
      priceIdr
      typicalDurationDays
      requiredDocuments
    }
  }
`);

const CLIENT_NAME = graphql(`
  query ClientName($id: ID!) {
    client(id: $id) {
      id
      fullName
    }
  }
`);

const OPEN_PRACTICE = graphql(`
  mutation OpenPractice($input: OpenPracticeInput!) {
    openPractice(input: $input) {
      id
    }
  }
`);

type Service = ServiceCatalogQuery['serviceCatalog'][number];

function duration(days: number): string {
  if (days % 7 === 0 && days >= 14) return `about ${days / 7} weeks`;
  return days === 1 ? 'about 1 day' : `about ${days} days`;
}

/** One service of the catalog as a choice: its price, how long it usually takes, what the client must bring. */
function ServiceChoice({ service, checked, onChoose }: { service: Service; checked: boolean; onChoose: () => void }) {
  const id = `service-${service.code}`;
  return (
    <li className={checked ? 'service card chosen' : 'service card'}>
      <input
        type="radio"
        id={id}
        name="service"
        value={service.code}
        checked={checked}
        onChange={onChoose}
        aria-describedby={`${id}-details`}
      />
      <label htmlFor={id}>
        {service.name} <span className="price">{formatIdr(service.priceIdr)}</span>
      </label>
      <div id={`${id}-details`} className="service-details">
        <p className="muted">
          {practiceTypeLabels[service.type]} · {duration(service.typicalDurationDays)}
        </p>
        <p>{service.description}</p>
        {service.requiredDocuments.length > 0 && (
          <>
            <p className="documents-title">Documents the client brings:</p>
            <ul className="documents">
              {service.requiredDocuments.map((document) => (
                <li key={document}>{document}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </li>
  );
}

/** Opens a practice for a client from the agency's service catalog. */
export function OpenPracticePage({ clientId }: { clientId: string }) {
  const client = useQuery(CLIENT_NAME, { variables: { id: clientId } });
  const catalog = useQuery(SERVICE_CATALOG);
  const team = useQuery(TEAM_MEMBERS);
  const [type, setType] = useState<PracticeType | ''>('');
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [expiryDate, setExpiryDate] = useState('');
  const [notes, setNotes] = useState('');
  const [open, { loading, error }] = useMutation(OPEN_PRACTICE, { refetchQueries: ['ClientPage'] });
  const fieldError = fieldErrorOf(error);
  const errorFor = (field: string) => (fieldError?.field === field ? fieldError.message : null);
  const services = (catalog.data?.serviceCatalog ?? []).filter((service) => !type || service.type === type);
  const chosen = catalog.data?.serviceCatalog.find((service) => service.code === code);

  const choose = (service: Service) => {
    // The title follows the service until someone writes their own.
    if (!title || title === chosen?.name) setTitle(service.name);
    setCode(service.code);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
    try {
      const result = await open({
        variables: {
          input: {
            clientId,
            type: chosen.type,
            serviceCode: chosen.code,
            title: optional(title),
            assigneeId: optional(assigneeId),
            dueDate: optional(dueDate),
            expiryDate: optional(expiryDate),
            notes: optional(notes),
          },
        },
      });
      if (result.data) navigate(paths.practice(result.data.openPractice.id));
    } catch {
      // Shown on its field or below.
    }
  };
  const clientName = client.data?.client?.fullName;
  return (
    <section aria-labelledby="open-practice-title" className="form-page">
      <header className="page-header">
        <p>
          <Link href={paths.client(clientId)}>← {clientName ?? 'Client'}</Link>
        </p>
        <h1 id="open-practice-title">Open a practice{clientName ? ` for ${clientName}` : ''}</h1>
      </header>
      <ErrorMessage error={client.error ?? catalog.error} />
      <form className="stacked-form" onSubmit={(event) => void submit(event)}>
        <FormField id="service-type" label="Kind of service">
          <select id="service-type" value={type} onChange={(event) => setType(event.target.value as PracticeType | '')}>
            <option value="">Every kind</option>
            {keysOf(practiceTypeLabels).map((value) => (
              <option key={value} value={value}>
                {practiceTypeLabels[value]}
              </option>
            ))}
          </select>
        </FormField>
        <fieldset className="service-choice">
          <legend>Service</legend>
          {catalog.loading && <p>Loading the service catalog…</p>}
          {catalog.data && services.length === 0 && <p className="muted">The catalog has no service of this kind.</p>}
          <ul className="service-list">
            {services.map((service) => (
              <ServiceChoice key={service.code} service={service} checked={service.code === code} onChoose={() => choose(service)} />
            ))}
          </ul>
        </fieldset>
        <FormField id="practice-title-input" label="Title" hint="Defaults to the service's name" error={errorFor('title')}>
          <input
            id="practice-title-input"
            value={title}
            aria-invalid={errorFor('title') ? true : undefined}
            aria-describedby={describedBy('practice-title-input', { hint: true, error: errorFor('title') })}
            onChange={(event) => setTitle(event.target.value)}
          />
        </FormField>
        <FormField id="practice-assignee" label="Assignee" error={errorFor('assigneeId')}>
          <select id="practice-assignee" value={assigneeId} onChange={(event) => setAssigneeId(event.target.value)}>
            <option value="">Nobody yet</option>
            {team.data?.teamMembers.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </FormField>
        <div className="field-row">
          <FormField id="practice-due" label="Due date (Bali, WITA)" error={errorFor('dueDate')}>
            <input
              id="practice-due"
              type="date"
              value={dueDate}
              aria-invalid={errorFor('dueDate') ? true : undefined}
              aria-describedby={describedBy('practice-due', { error: errorFor('dueDate') })}
              onChange={(event) => setDueDate(event.target.value)}
            />
          </FormField>
          <FormField id="practice-expiry" label="Permit expires (Bali, WITA)" error={errorFor('expiryDate')}>
            <input
              id="practice-expiry"
              type="date"
              value={expiryDate}
              aria-invalid={errorFor('expiryDate') ? true : undefined}
              aria-describedby={describedBy('practice-expiry', { error: errorFor('expiryDate') })}
              onChange={(event) => setExpiryDate(event.target.value)}
            />
          </FormField>
        </div>
        <FormField id="practice-notes" label="Notes" error={errorFor('notes')}>
          <textarea id="practice-notes" rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} />
        </FormField>
        <ErrorMessage error={fieldError ? null : error} />
        <div className="actions">
          <button type="submit" disabled={loading || !chosen}>
            {loading ? 'Opening…' : chosen ? `Open ${chosen.name}` : 'Choose a service first'}
          </button>
          <Link href={paths.client(clientId)}>Cancel</Link>
        </div>
      </form>
    </section>
  );
}
