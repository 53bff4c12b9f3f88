import type { CitationRecord } from '@nusa/subgraph';

/** The day a cited document was last checked, as YYYY-MM-DD; null when not known. */
function checkedDay(citation: CitationRecord): string | null {
  if (!citation.lastCheckedAt) return null;
  const date = new Date(citation.lastCheckedAt);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** The plain sentence an answer carries for a source that needs review; null for a fresh one. */
export function staleNote(citation: CitationRecord): string | null {
  if (!citation.stale) return null;
  const day = checkedDay(citation);
  return day
    ? `Note: ${citation.title} was last checked on ${day} and may be out of date.`
    : `Note: ${citation.title} is due for review and may be out of date.`;
}

/** One {@link staleNote} per stale document among `citations`, in order. */
export function staleNotes(citations: CitationRecord[]): string[] {
  const seen = new Set<string>();
  return citations.flatMap((citation) => {
    const note = staleNote(citation);
    if (!note || seen.has(citation.documentId)) return [];
    seen.add(citation.documentId);
    return [note];
  });
}
