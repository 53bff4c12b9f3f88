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
  /** At most this much of a paragraph cut in two is repeated at the start of the next chunk, in whole sentences. Default: 150. */
  overlapChars?: number;
}

/** A paragraph, a whole list, a table or a quote, under its heading path. */
interface Block {
  text: string;
  headingPath: string[];
  /** The sentence that introduces a list or table ("... is granted for:"), repeated before each part of it that is cut off. */
  leadIn: string | undefined;
  /** Whether the block is lines (list items, table rows) rather than running text. */
  lines: boolean;
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;
const TABLE_ROW = /^\s*\|/;

/** Splits Markdown into blocks, each under its heading path; a paragraph ending in a colon leads in the list or table after it. */
function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  const path: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const text = current.join('\n').trim();
    current = [];
    if (!text) return;
    const headingPath = path.filter(Boolean);
    const lines = LIST_ITEM.test(text) || TABLE_ROW.test(text);
    const previous = blocks.at(-1);
    if (
      lines &&
      previous &&
      !previous.lines &&
      previous.text.endsWith(':') &&
      previous.headingPath.join('\u0000') === headingPath.join('\u0000')
    ) {
      blocks.pop();
      blocks.push({ text: `${previous.text}\n\n${text}`, headingPath, leadIn: previous.text, lines });
    } else {
      blocks.push({ text, headingPath, leadIn: undefined, lines });
    }
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
    const startsLines = LIST_ITEM.test(line) || TABLE_ROW.test(line);
    const inLines = current.length > 0 && (LIST_ITEM.test(current[0] ?? '') || TABLE_ROW.test(current[0] ?? ''));
    if (line.trim() === '' || (startsLines && !inLines && current.length > 0)) flush();
    if (line.trim() !== '') current.push(line);
  }
  flush();
  return blocks;
}

/** Sentences of running text; never cut after a list number, an abbreviation or inside a figure such as "IDR 2.5 billion". */
function sentences(text: string): string[] {
  const parts = text.split(/(?<=[.!?])\s+(?=[A-Z0-9*"(\u201c])/);
  const merged: string[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last !== undefined && (/^\s*\d+[.)]$/.test(last) || /\b(?:e\.g|i\.e|No|Art|approx|etc|vs|cf)\.$/i.test(last))) {
      merged[merged.length - 1] = `${last} ${part}`;
    } else {
      merged.push(part);
    }
  }
  return merged;
}

/** Cuts text longer than `maxChars` at spaces (a single sentence that long is rare). */
function hardSplit(text: string, maxChars: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    const space = rest.lastIndexOf(' ', maxChars);
    const at = space > maxChars / 2 ? space : maxChars;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  return rest ? [...parts, rest] : parts;
}

/** The units a block is cut between: its items or rows (continuation lines stay with their item), else its sentences. */
function unitsOf(block: Block): string[] {
  const body = block.leadIn ? block.text.slice(block.leadIn.length).trim() : block.text;
  if (!block.lines) return sentences(body);
  const units: string[] = [];
  for (const line of body.split('\n')) {
    const last = units.at(-1);
    if (last !== undefined && !LIST_ITEM.test(line) && !TABLE_ROW.test(line)) units[units.length - 1] = `${last}\n${line}`;
    else units.push(line);
  }
  return units;
}

/** The last whole sentences of `text` that fit in `chars`, or nothing. */
function overlapOf(text: string, chars: number): string {
  const kept: string[] = [];
  for (const sentence of sentences(text).reverse()) {
    if ([sentence, ...kept].join(' ').length > chars) break;
    kept.unshift(sentence);
  }
  return kept.join(' ');
}

/**
 * The pieces of one block, each at most `maxChars`: the block itself when it fits; otherwise its
 * units packed in order. A list or table cut in parts repeats its lead-in before each later part,
 * so a figure in item 3 still reads "Hak Pakai is granted for: ... up to 30 years"; running text
 * cut in two repeats the last sentences before the cut (at most `overlapChars`).
 */
function piecesOf(block: Block, maxChars: number, overlapChars: number): string[] {
  if (block.text.length <= maxChars) return [block.text];
  const prefix = block.leadIn ? `${block.leadIn}\n\n` : '';
  const separator = block.lines ? '\n' : ' ';
  const room = Math.max(maxChars - prefix.length, maxChars / 2);
  const units = unitsOf(block).flatMap((unit) => (unit.length > room ? hardSplit(unit, room) : [unit]));
  const pieces: string[] = [];
  let current = '';
  for (const unit of units) {
    if (current && current.length + separator.length + unit.length > room) {
      pieces.push(current);
      const carried = block.lines ? '' : overlapOf(current, overlapChars);
      current = carried && carried.length + 1 + unit.length <= room ? `${carried} ${unit}` : unit;
    } else {
      current = current ? `${current}${separator}${unit}` : unit;
    }
  }
  if (current) pieces.push(current);
  return pieces.map((piece, i) => (i === 0 && block.leadIn ? `${block.leadIn}\n\n${piece}` : i > 0 ? `${prefix}${piece}` : piece));
}

/**
 * Structure-aware chunking: chunks never straddle a heading; paragraphs, lists and tables are
 * packed whole up to `maxChars`; a block too long for one chunk is cut between list items, table
 * rows or sentences (never between a list number or a label and its figure), its lead-in repeated
 * before each later part and running text overlapping by whole sentences.
 */
export function chunkMarkdown(markdown: string, options: ChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? 900;
  const overlapChars = options.overlapChars ?? 150;
  const chunks: Chunk[] = [];
  let text = '';
  let path: string[] = [];
  const emit = () => {
    if (text.trim()) chunks.push({ index: chunks.length, text: text.trim(), headingPath: path });
    text = '';
  };
  for (const block of blocksOf(markdown)) {
    if (block.headingPath.join('\u0000') !== path.join('\u0000')) {
      emit();
      path = block.headingPath;
    }
    const pieces = piecesOf(block, maxChars, overlapChars);
    for (const [i, piece] of pieces.entries()) {
      // The parts of a cut block each start a chunk of their own; whole blocks are packed together.
      if (text && (i > 0 || text.length + 2 + piece.length > maxChars)) emit();
      text = text ? `${text}\n\n${piece}` : piece;
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
