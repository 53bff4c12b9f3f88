import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { DELETE_DOCUMENT } from '../admin/knowledge-admin-page';
import { graphql } from '../gql';
import { useLocation } from '../routing/history';
import { ErrorMessage } from '../ui/error-message';

const KNOWLEDGE_DOCUMENT = graphql(`
  query KnowledgeDocument($id: ID!) {
    knowledgeDocument(id: $id) {
      id
      title
      source
      collection
      updatedAt
      chunks {
        chunkIndex
        text
        headingPath
      }
    }
  }
`);

/** Whether a source is a web address a person can open (not a file path of an import). */
function isWebAddress(source: string): boolean {
  return /^https?:\/\//.test(source);
}

/** Deleting the document, for administrators: a second press confirms. */
function DeleteDocument({ documentId, title, onDeleted }: { documentId: string; title: string; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [remove, { loading, error }] = useMutation(DELETE_DOCUMENT, { refetchQueries: ['KnowledgeCollections'] });
  const confirm = async () => {
    try {
      await remove({ variables: { id: documentId } });
      onDeleted();
    } catch {
      // Shown by ErrorMessage below.
    }
  };
  return (
    <>
      {confirming ? (
        <div className="actions" role="group" aria-label="Delete this document?">
          <span>Delete “{title}” from the knowledge base? Answers stop citing it.</span>
          <button type="button" className="danger" disabled={loading} onClick={() => void confirm()}>
            Yes, delete
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Delete document
        </button>
      )}
      <ErrorMessage error={error} />
    </>
  );
}

/** A knowledge document, passage by passage, with the cited passage (`?chunk=n`) marked and in view. */
export function DocumentPage({ documentId, canDelete = false }: { documentId: string; canDelete?: boolean }) {
  const [deleted, setDeleted] = useState(false);
  const { search } = useLocation();
  const cited = search.has('chunk') ? Number(search.get('chunk')) : null;
  const { data, loading, error } = useQuery(KNOWLEDGE_DOCUMENT, { variables: { id: documentId } });
  const document = data?.knowledgeDocument;
  useEffect(() => {
    if (cited === null || !document) return;
    const passage = window.document.getElementById(`chunk-${cited}`);
    passage?.scrollIntoView({ block: 'center' });
    passage?.focus({ preventScroll: true });
  }, [cited, document]);
  if (deleted) return <p role="status">The document was deleted.</p>;
  if (loading && !data) return <p>Loading the document…</p>;
  if (!document) return <ErrorMessage error={error ?? new Error('This document does not exist (it may have been deleted).')} />;
  return (
    <article className="document" aria-labelledby="document-title">
      <header className="page-header">
        <h1 id="document-title">{document.title}</h1>
        <p className="muted">
          {document.collection}
          {document.source && (
            <>
              {' · '}
              {isWebAddress(document.source) ? (
                <a href={document.source} rel="noreferrer noopener" target="_blank">
                  {document.source}
                </a>
              ) : (
                document.source
              )}
            </>
          )}
        </p>
        {canDelete && <DeleteDocument documentId={document.id} title={document.title} onDeleted={() => setDeleted(true)} />}
      </header>
      <ol className="chunks">
        {document.chunks.map((chunk) => (
          <li
            key={chunk.chunkIndex}
            id={`chunk-${chunk.chunkIndex}`}
            className={chunk.chunkIndex === cited ? 'chunk cited' : 'chunk'}
            tabIndex={chunk.chunkIndex === cited ? -1 : undefined}
            aria-current={chunk.chunkIndex === cited ? 'location' : undefined}
          >
            {chunk.headingPath.length > 0 && <p className="muted">{chunk.headingPath.join(' › ')}</p>}
            <p className="passage">{chunk.text}</p>
            {chunk.chunkIndex === cited && <p className="cited-label">Cited passage</p>}
          </li>
        ))}
      </ol>
    </article>
  );
}
