import type { ReactNode } from 'react';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { citationsByNumber, type CitationView } from './citations';

const INLINE = /(\*\*[^*\n]+\*\*|(?<![\w])_[^_\n]+_(?![\w])|\[\d{1,3}\])/g;

function CitationMarker({ number, citation }: { number: number; citation: CitationView | undefined }) {
  if (!citation) return <span className="citation">[{number}]</span>;
  return (
    <Link
      className="citation"
      href={paths.document(citation.documentId, citation.chunkIndex)}
      aria-label={`Source ${number}: ${citation.title}`}
    >
      [{number}]
    </Link>
  );
}

function inline(text: string, citations: Map<number, CitationView>): ReactNode[] {
  return text.split(INLINE).map((part, index) => {
    if (index % 2 === 0) return part;
    if (part.startsWith('**')) return <strong key={index}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('_')) return <em key={index}>{part.slice(1, -1)}</em>;
    const number = Number(part.slice(1, -1));
    return <CitationMarker key={index} number={number} citation={citations.get(number)} />;
  });
}

const LIST_ITEM = /^[-*](\s|$)/;

/** A paragraph, a list, or a lead line followed by its list ("Conditions to check:" then items). */
function Block({ block, citations }: { block: string; citations: Map<number, CitationView> }) {
  const lines = block.split('\n');
  const firstItem = lines.findIndex((line) => LIST_ITEM.test(line));
  // A lone "-" is a list item whose first word has not streamed in yet.
  if (firstItem === -1 || !lines.slice(firstItem).every((line) => LIST_ITEM.test(line))) {
    return <p>{inline(block, citations)}</p>;
  }
  const lead = lines.slice(0, firstItem).join('\n');
  return (
    <>
      {lead !== '' && <p>{inline(lead, citations)}</p>}
      <ul>
        {lines.slice(firstItem).map((line, index) => (
          <li key={index}>{inline(line.slice(2), citations)}</li>
        ))}
      </ul>
    </>
  );
}

/**
 * An answer's text, with the little Markdown the assistant writes (paragraphs, lists, bold, italics)
 * and each `[n]` a link to the passage it cites once the citations are known. Never raw HTML.
 */
export function AnswerText({ text, citations }: { text: string; citations: readonly CitationView[] }) {
  const byNumber = citationsByNumber(text, citations);
  const blocks = text.split(/\n{2,}/).filter((block) => block.trim() !== '');
  return (
    <div className="answer-text">
      {blocks.map((block, index) => (
        <Block key={index} block={block.trim()} citations={byNumber} />
      ))}
    </div>
  );
}

/** The sources an answer cites, numbered as in its text, each a link to its passage. */
export function SourceList({ text, citations }: { text: string; citations: readonly CitationView[] }) {
  const entries = [...citationsByNumber(text, citations)];
  if (entries.length === 0) return null;
  return (
    <ol className="sources" aria-label="Sources">
      {entries.map(([number, citation]) => (
        <li key={number} value={number}>
          <Link href={paths.document(citation.documentId, citation.chunkIndex)}>{citation.title}</Link>
          {citation.headingPath.length > 0 && <span className="muted"> · {citation.headingPath.join(' › ')}</span>}
          <span className="muted"> · {citation.collection}</span>
        </li>
      ))}
    </ol>
  );
}
