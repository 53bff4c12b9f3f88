import type { ChatMessageFragment } from '../gql/graphql';

/** A citation as the chat shows it: where a passage of an answer comes from (the shape the API's `Citation` has). */
export type CitationView = ChatMessageFragment['citations'][number];

const MARKER = /\[(\d{1,3})\]/g;

/**
 * The citation each `[n]` of an answer refers to. The chat stores only the cited sources, in order of
 * number, so the k-th distinct number in the text is the k-th citation (numbers may skip: [1] [3]).
 */
export function citationsByNumber(text: string, citations: readonly CitationView[]): Map<number, CitationView> {
  const numbers = [...new Set([...text.matchAll(MARKER)].map((match) => Number(match[1])))].sort((a, b) => a - b);
  const byNumber = new Map<number, CitationView>();
  numbers.forEach((number, index) => {
    const citation = citations[index];
    if (citation) byNumber.set(number, citation);
  });
  return byNumber;
}
