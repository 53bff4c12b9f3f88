import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ChunkEntity } from '../document/chunk.entity.js';
import { DocumentEntity } from '../document/document.entity.js';
import { parseDay } from '../document/freshness.js';
import type { IngestService } from './ingest.service.js';
import { parseFrontMatter } from './chunker.js';

const READABLE = new Set(['.md', '.markdown', '.txt', '.html', '.htm']);

/** Progress of an import, reported after every file. */
export interface ImportProgress {
  done: number;
  total: number;
  chunks: number;
  file: string;
}

export interface ImportSummary {
  imported: number;
  unchanged: number;
  chunks: number;
  failed: { file: string; reason: string }[];
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? filesUnder(path) : READABLE.has(extname(name).toLowerCase()) ? [path] : [];
    });
}

/** HTML to Markdown-ish text: headings kept as headings, blocks as paragraphs, tags and scripts dropped. */
export function htmlToText(html: string): { title: string | undefined; text: string } {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim();
  const text = html
    .replace(/<(script|style|noscript)[\s\S]*?<\/\1>/gi, '')
    .replace(
      /<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/gi,
      (_, level: string, inner: string) => `\n\n${'#'.repeat(Number(level))} ${inner.replace(/<[^>]+>/g, '').trim()}\n\n`,
    )
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/ul|\/ol)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { title, text };
}

/**
 * When a file says it was checked (`checked:`, else the date its content is `as_of`) and until when
 * it holds (`validUntil:` or `valid_until:`), as days; a day that is not one fails the file.
 */
function freshnessOf(fields: Record<string, string | undefined>): { lastCheckedAt?: Date; validUntil?: string } {
  const checked = fields.checked ?? fields.as_of;
  const validUntil = fields.validUntil ?? fields.valid_until;
  const freshness: { lastCheckedAt?: Date; validUntil?: string } = {};
  if (checked) {
    const day = parseDay(checked);
    if (!day) throw new Error(`front matter checked: ${checked} is not a date as YYYY-MM-DD`);
    freshness.lastCheckedAt = new Date(`${day}T00:00:00Z`);
  }
  if (validUntil) freshness.validUntil = validUntil;
  return freshness;
}

/**
 * Imports every Markdown, text and HTML file under `folder` into `collection`. Each file is one
 * document identified by `keyPrefix` and its path, so a second run replaces rather than duplicates,
 * and a file whose content has not changed is skipped. A file that fails is reported, not fatal.
 */
export async function importFolder(
  em: EntityManager,
  documents: IngestService,
  options: { folder: string; collection: string; keyPrefix: string; onProgress?: (progress: ImportProgress) => void },
): Promise<ImportSummary> {
  const files = filesUnder(options.folder);
  const summary: ImportSummary = { imported: 0, unchanged: 0, chunks: 0, failed: [] };
  for (const [index, path] of files.entries()) {
    const file = relative(options.folder, path);
    try {
      const raw = readFileSync(path, 'utf8');
      const key = `${options.keyPrefix}${file}`;
      const existing = await em.fork().findOne(DocumentEntity, { collection: options.collection, sourceKey: key });
      if (existing?.contentHash === createHash('sha256').update(raw).digest('hex')) {
        summary.unchanged += 1;
      } else {
        const html = /\.html?$/i.test(file) ? htmlToText(raw) : undefined;
        const { fields, body } = html ? { fields: { title: html.title }, body: html.text } : parseFrontMatter(raw);
        const document = await documents.ingest(em.fork(), {
          collection: options.collection,
          title: fields.title ?? file.replace(/\.[^.]+$/, ''),
          text: body,
          source: 'source' in fields ? (fields.source ?? null) : null,
          key,
          fingerprint: raw,
          metadata: { file, ...('as_of' in fields && fields.as_of ? { asOf: fields.as_of } : {}) },
          ...freshnessOf(fields),
        });
        summary.imported += 1;
        summary.chunks += await em.fork().count(ChunkEntity, { document: document.id });
      }
    } catch (error) {
      summary.failed.push({ file, reason: error instanceof Error ? error.message : String(error) });
    }
    options.onProgress?.({ done: index + 1, total: files.length, chunks: summary.chunks, file });
  }
  return summary;
}
