/** A preview of markdown source as plain blocks: headings, list items and paragraphs. */
export interface MarkdownBlock {
  kind: 'heading' | 'item' | 'paragraph';
  text: string;
}

/**
 * Splits markdown into blocks for a text-only preview. Inline markup is shown as written: the
 * preview never builds HTML from the source (no `v-html`), so it cannot inject markup.
 */
export function markdownBlocks(source: string): MarkdownBlock[] {
  const out: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) out.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const item = /^(?:[-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (heading || item || line === '') flush();
    if (heading) out.push({ kind: 'heading', text: heading[1]! });
    else if (item) out.push({ kind: 'item', text: item[1]! });
    else if (line !== '') paragraph.push(line);
  }
  flush();
  return out;
}
