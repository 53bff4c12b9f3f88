/** What an uploaded file becomes: a document's title and its Markdown text. */
export interface DocumentText {
  title: string;
  text: string;
}

const READABLE = /\.(md|markdown|txt|html?)$/i;

export function isReadable(fileName: string): boolean {
  return READABLE.test(fileName);
}

function baseName(fileName: string): string {
  return (
    fileName
      .replace(/\.[^.]+$/, '')
      .replace(/[-_]+/g, ' ')
      .trim() || fileName
  );
}

/** The text of an element's blocks as Markdown: headings keep their level, list items their dash. */
function blocksToMarkdown(root: Element): string {
  const out: string[] = [];
  const walk = (element: Element) => {
    for (const child of Array.from(element.children)) {
      const tag = child.tagName.toLowerCase();
      const text = (child.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (['script', 'style', 'noscript', 'template'].includes(tag)) continue;
      if (/^h[1-6]$/.test(tag)) out.push(`${'#'.repeat(Number(tag[1]))} ${text}`);
      else if (tag === 'li') out.push(`- ${text}`);
      else if (tag === 'pre') out.push(child.textContent ?? '');
      else if (['p', 'blockquote', 'td', 'th', 'dt', 'dd', 'figcaption'].includes(tag)) out.push(text);
      else if (child.children.length === 0) out.push(text);
      else walk(child);
    }
  };
  walk(root);
  return out.filter((block) => block !== '').join('\n\n');
}

/**
 * A file's document: Markdown and text as they are (titled by their first `#` heading, else the
 * file name), HTML read by the browser's parser into Markdown (titled by its <title> or first <h1>).
 */
export function documentFromFile(fileName: string, content: string): DocumentText {
  if (/\.html?$/i.test(fileName)) {
    const page = new DOMParser().parseFromString(content, 'text/html');
    const title = page.title.trim() || page.querySelector('h1')?.textContent?.trim() || baseName(fileName);
    return { title, text: blocksToMarkdown(page.body) };
  }
  const heading = /^#\s+(.+)$/m.exec(content)?.[1]?.trim();
  return { title: heading ?? baseName(fileName), text: content };
}
