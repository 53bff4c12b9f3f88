import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../gql';
import type { DocumentState } from '../gql/graphql';
import { documentStateLabels, keysOf } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { formatDateTime } from '../ui/format';
import { StatusMessage } from '../ui/status-message';

const SET_PRACTICE_DOCUMENT = graphql(`
  mutation SetPracticeDocument($practiceId: ID!, $document: String!, $state: DocumentState!) {
    setPracticeDocument(practiceId: $practiceId, document: $document, state: $state) {
      id
      documents {
        name
        state
        updatedAt
        updatedBy {
          id
          name
        }
      }
    }
  }
`);

export interface PracticeDocumentView {
  name: string;
  state: DocumentState;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}

/** The practice's required documents: each one received, missing or not needed, with who set it and when. */
export function DocumentChecklist({ practiceId, documents }: { practiceId: string; documents: readonly PracticeDocumentView[] }) {
  const [set, { loading, error }] = useMutation(SET_PRACTICE_DOCUMENT, { refetchQueries: ['PracticePage'] });
  const [said, setSaid] = useState<string | null>(null);
  // The choice being saved shows at once; the checklist as stored replaces it when the answer comes.
  const [pending, setPending] = useState<{ document: string; state: DocumentState } | null>(null);
  if (documents.length === 0) return <p className="muted">No checklist: this practice was opened without a catalog service.</p>;
  const choose = async (document: string, state: DocumentState) => {
    setPending({ document, state });
    try {
      await set({ variables: { practiceId, document, state } });
      setSaid(`${document}: ${documentStateLabels[state].toLowerCase()}.`);
    } catch {
      // Shown by ErrorMessage below.
    } finally {
      setPending(null);
    }
  };
  return (
    <>
      <ul className="document-checklist" aria-label="Documents">
        {documents.map((document, index) => (
          <li key={document.name} className="checklist-item" data-state={document.state}>
            <fieldset>
              <legend>{document.name}</legend>
              {keysOf(documentStateLabels).map((state) => {
                const id = `document-${index}-${state}`;
                return (
                  <span key={state} className="checklist-choice">
                    <input
                      type="radio"
                      id={id}
                      name={`document-${index}`}
                      checked={(pending?.document === document.name ? pending.state : document.state) === state}
                      disabled={loading}
                      onChange={() => void choose(document.name, state)}
                    />
                    <label htmlFor={id}>{documentStateLabels[state]}</label>
                  </span>
                );
              })}
              <p className="muted checklist-by">
                {document.updatedAt
                  ? `${documentStateLabels[document.state]} · ${document.updatedBy?.name ?? 'an integration'}, ${formatDateTime(document.updatedAt)}`
                  : 'Not ticked yet'}
              </p>
            </fieldset>
          </li>
        ))}
      </ul>
      <StatusMessage text={said} />
      <ErrorMessage error={error} />
    </>
  );
}
