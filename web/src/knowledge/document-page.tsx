import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
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

/** A knowledge document, passage by passage, with the cited passage (`?chunk=n`) marked and in view. */
export function DocumentPage({ documentId }: { documentId: string }) {
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
