/** A passage of a document, with the headings it sits under (for citations). */
export interface Chunk {
  index: number;
  text: string;
  headingPath: string[];
}

/** Options of {@link chunkMarkdown}. */
export interface ChunkOptions {
  /** Largest chunk, in characters. Default: 900. */
  maxChars?: number;
  /** Text carried over from the end of the previous chunk of the same section. Default: 150. */
  overlapChars?: number;
}

interface Block {
  text: string;
  headingPath: string[];
}

/** Splits Markdown into blocks (paragraphs, whole lists, quotes), each under its heading path. */
function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  const path: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const text = current.join('\n').trim();
    if (text) blocks.push({ text, headingPath: [...path] });
    current = [];
  };
  for (const line of markdown.split('\n')) {
    const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1] && heading[2]) {
      flush();
      path.splice(heading[1].length - 1);
      while (path.length < heading[1].length - 1) path.push('');
      path.push(heading[2]);
      continue;
    }
    const startsList = /^\s*(?:[-*+]|\d+[.)])\s/.test(line);
    const inList = current.length > 0 && /^\s*(?:[-*+]|\d+[.)])\s/.test(current[0] ?? '');
    if (line.trim() === '' || (startsList && !inList && current.length > 0)) flush();
    if (line.trim() !== '') current.push(line);
  }
  flush();
  return blocks.map((block) => ({ ...block, headingPath: block.headingPath.filter(Boolean) }));
}

/** Cuts an over-long block at sentence ends, then at spaces. */
function split(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars);
    const cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('\n'));
    const at = cut > maxChars / 2 ? cut + 1 : window.lastIndexOf(' ') > 0 ? window.lastIndexOf(' ') : maxChars;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

function tail(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const start = text.indexOf(' ', text.length - chars);
  return text.slice(start === -1 ? text.length - chars : start + 1);
}

/**
 * Structure-aware chunking: blocks never straddle a heading, a list stays whole when it fits,
 * blocks are packed up to `maxChars`, and each chunk after the first of a section starts with the
 * last `overlapChars` of the one before, so an answer cut in two is still found.
 */
export function chunkMarkdown(markdown: string, options: ChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? 900;
  const overlapChars = options.overlapChars ?? 150;
  const chunks: Chunk[] = [];
  let text = '';
  let path: string[] = [];
  const emit = () => {
    if (text.trim()) chunks.push({ index: chunks.length, text: text.trim(), headingPath: path });
  };
  for (const block of blocksOf(markdown)) {
    for (const piece of split(block.text, maxChars - overlapChars)) {
      const samePath = block.headingPath.join('\u0000') === path.join('\u0000');
      if (!samePath || text.length + piece.length + 2 > maxChars) {
        emit();
        text = samePath && text ? `${tail(text, overlapChars)}\n\n${piece}` : piece;
        path = block.headingPath;
      } else {
        text = text ? `${text}\n\n${piece}` : piece;
      }
    }
  }
  emit();
  return chunks;
}

/** Front matter of a seed document: `key: value` lines between `---` fences. */
export function parseFrontMatter(source: string): { fields: Record<string, string>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(source);
  if (!match?.[1]) return { fields: {}, body: source };
  const fields: Record<string, string> = {};
  for (const line of match[1].split('\n')) {
    const at = line.indexOf(':');
    if (at > 0)
      fields[line.slice(0, at).trim()] = line
        .slice(at + 1)
        .trim()
        .replace(/^["']|["']$/g, '');
  }
  return { fields, body: source.slice(match[0].length) };
}
