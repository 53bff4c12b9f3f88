import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { SearchMode } from '../gql/graphql';
import { navigate, useLocation, withQuery } from '../routing/history';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { isKeyOf, keysOf, searchModeLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';

const SEARCH_KNOWLEDGE = graphql(`
  query SearchKnowledge($query: String!, $mode: SearchMode, $limit: Int) {
    searchKnowledge(query: $query, mode: $mode, limit: $limit) {
      score
      text
      citation {
        documentId
        title
        source
        collection
        chunkIndex
        headingPath
      }
    }
  }
`);

/** The knowledge base searched in one of three modes; the question and the mode live in the URL. */
export function KnowledgeSearchPage() {
  const { search } = useLocation();
  const query = search.get('q') ?? '';
  const requestedMode = search.get('mode');
  const mode: SearchMode = isKeyOf(searchModeLabels, requestedMode) ? requestedMode : 'HYBRID';
  const [draft, setDraft] = useState(query);
  const { data, loading, error } = useQuery(SEARCH_KNOWLEDGE, { variables: { query, mode, limit: 10 }, skip: query === '' });
  const go = (q: string, nextMode: SearchMode) =>
    navigate(withQuery(paths.knowledge, { q, mode: nextMode === 'HYBRID' ? null : nextMode }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go(draft.trim(), mode);
  };
  return (
    <section aria-labelledby="knowledge-title">
      <h1 id="knowledge-title">Knowledge base</h1>
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor="knowledge-query">Question</label>
        <input
          id="knowledge-query"
          type="search"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="E33G remote worker KITAS income"
        />
        <fieldset className="mode-switch">
          <legend>Mode</legend>
          {keysOf(searchModeLabels).map((option) => (
            <label key={option}>
              <input type="radio" name="mode" value={option} checked={mode === option} onChange={() => go(draft.trim(), option)} />
              {searchModeLabels[option]}
            </label>
          ))}
        </fieldset>
        <button type="submit">Search</button>
      </form>
      <ErrorMessage error={error} />
      {loading && <p>Searching…</p>}
      {data && data.searchKnowledge.length === 0 && <p>Nothing found. Try other words, or another mode.</p>}
      {data && data.searchKnowledge.length > 0 && (
        <ol className="hits" aria-label="Results">
          {data.searchKnowledge.map((hit) => (
            <li key={`${hit.citation.documentId}#${hit.citation.chunkIndex}`} className="card">
              <Link className="card-title" href={paths.document(hit.citation.documentId, hit.citation.chunkIndex)}>
                {hit.citation.title}
              </Link>
              <p className="muted">
                {[hit.citation.collection, ...hit.citation.headingPath].join(' › ')} · score {hit.score.toFixed(3)}
              </p>
              <p className="passage">{hit.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
