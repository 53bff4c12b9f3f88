import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { InteractionChannel } from '../gql/graphql';
import { interactionChannelLabels, keysOf } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { fieldErrorOf } from '../ui/field-errors';
import { describedBy, FormField } from '../ui/form-field';
import { StatusMessage } from '../ui/status-message';

const LOG_INTERACTION = graphql(`
  mutation LogInteraction($input: LogInteractionInput!) {
    logInteraction(input: $input) {
      id
    }
  }
`);

interface LogInteractionFormProps {
  clientId: string;
  practiceId?: string;
  /** The queries to read again once it is logged (by operation name). */
  refetch: string[];
}

/** Logs a call, a WhatsApp, a meeting or a note on a client, or on one of its practices. */
export function LogInteractionForm({ clientId, practiceId, refetch }: LogInteractionFormProps) {
  const [channel, setChannel] = useState<InteractionChannel>('WHATSAPP');
  const [summary, setSummary] = useState('');
  const [occurredAt, setOccurredAt] = useState('');
  const [logged, setLogged] = useState<string | null>(null);
  const [log, { loading, error }] = useMutation(LOG_INTERACTION, { refetchQueries: refetch, awaitRefetchQueries: true });
  const fieldError = fieldErrorOf(error);
  const errorFor = (field: string) => (fieldError?.field === field ? fieldError.message : null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLogged(null);
    try {
      await log({
        variables: {
          input: {
            clientId,
            practiceId,
            channel,
            summary: summary.trim(),
            // datetime-local is the viewer's own clock; the API stores an instant.
            occurredAt: occurredAt ? new Date(occurredAt).toISOString() : undefined,
          },
        },
      });
      setSummary('');
      setOccurredAt('');
      setLogged(`${interactionChannelLabels[channel]} logged.`);
    } catch {
      // Shown on its field or below.
    }
  };
  const prefix = practiceId ? `practice-${practiceId}` : `client-${clientId}`;
  return (
    <form className="stacked-form log-interaction" aria-label="Log an interaction" onSubmit={(event) => void submit(event)}>
      <FormField id={`${prefix}-channel`} label="Channel">
        <select id={`${prefix}-channel`} value={channel} onChange={(event) => setChannel(event.target.value as InteractionChannel)}>
          {keysOf(interactionChannelLabels).map((value) => (
            <option key={value} value={value}>
              {interactionChannelLabels[value]}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id={`${prefix}-summary`} label="What was said or done" error={errorFor('summary')}>
        <textarea
          id={`${prefix}-summary`}
          rows={3}
          required
          value={summary}
          aria-invalid={errorFor('summary') ? true : undefined}
          aria-describedby={describedBy(`${prefix}-summary`, { error: errorFor('summary') })}
          onChange={(event) => setSummary(event.target.value)}
        />
      </FormField>
      <FormField id={`${prefix}-occurred`} label="When (your time)" hint="Leave empty for now" error={errorFor('occurredAt')}>
        <input
          id={`${prefix}-occurred`}
          type="datetime-local"
          value={occurredAt}
          aria-invalid={errorFor('occurredAt') ? true : undefined}
          aria-describedby={describedBy(`${prefix}-occurred`, { hint: true, error: errorFor('occurredAt') })}
          onChange={(event) => setOccurredAt(event.target.value)}
        />
      </FormField>
      <ErrorMessage error={fieldError ? null : error} />
      <div className="actions">
        <button type="submit" disabled={loading || summary.trim() === ''}>
          {loading ? 'Logging…' : 'Log interaction'}
        </button>
        <StatusMessage text={logged} />
      </div>
    </form>
  );
}
