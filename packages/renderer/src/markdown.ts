import { h, type VNode, type VNodeArrayChildren } from 'vue';

/**
 * A small Markdown subset rendered straight to VNodes: headings, paragraphs, lists, quotes,
 * rules, code, **strong**, *emphasis*, `code` and [links](https://…). Text only ever becomes
 * text nodes, so no markup or script in the source can reach the page.
 */
export function renderMarkdown(source: string): VNode[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: VNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.startsWith('```')) code.push(lines[i++]!);
      i++;
      out.push(h('pre', [h('code', code.join('\n'))]));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      // View headings are h2; markdown headings sit below them.
      const level = Math.min(6, heading[1]!.length + 2);
      out.push(h(`h${level}`, inline(heading[2]!)));
      i++;
      continue;
    }
    if (/^(\*{3,}|-{3,}|_{3,})\s*$/.test(line)) {
      out.push(h('hr'));
      i++;
      continue;
    }
    const listMatch = /^\s*([-*+]|\d+[.)])\s+/.exec(line);
    if (listMatch) {
      const ordered = /\d/.test(listMatch[1]!);
      const items: VNode[] = [];
      while (i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i]!)) {
        items.push(h('li', inline(lines[i]!.replace(/^\s*([-*+]|\d+[.)])\s+/, ''))));
        i++;
      }
      out.push(h(ordered ? 'ol' : 'ul', items));
      continue;
    }
    if (line.startsWith('>')) {
      const quote: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('>'))
        quote.push(lines[i++]!.replace(/^>\s?/, ''));
      out.push(h('blockquote', renderMarkdown(quote.join('\n'))));
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== '' &&
      !/^(#{1,6}\s|```|>|\s*([-*+]|\d+[.)])\s+)/.test(lines[i]!)
    )
      para.push(lines[i++]!.trim());
    out.push(h('p', inline(para.join(' '))));
  }
  return out;
}

const INLINE =
  /(\*\*([^*]+)\*\*|__([^_]+)__|\*([^*]+)\*|_([^_]+)_|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\))/;

/** Only links a resident can safely follow: web, mail, phone, and paths on this site. */
export function safeHref(href: string): string | null {
  if (/^(https?:\/\/|mailto:|tel:)/i.test(href)) return href;
  if (/^\/(?!\/)/.test(href) || href.startsWith('#')) return href;
  return null;
}

function inline(text: string): VNodeArrayChildren {
  const out: VNodeArrayChildren = [];
  let rest = text;
  let guard = 0;
  while (rest && guard++ < 500) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push(rest);
      break;
    }
    if (m.index > 0) out.push(rest.slice(0, m.index));
    const [whole, , strong1, strong2, em1, em2, code, label, href] = m;
    if (strong1 ?? strong2) out.push(h('strong', inline((strong1 ?? strong2)!)));
    else if (em1 ?? em2) out.push(h('em', inline((em1 ?? em2)!)));
    else if (code !== undefined) out.push(h('code', code));
    else if (label !== undefined) {
      const safe = safeHref(href!);
      out.push(
        safe
          ? h(
              'a',
              {
                href: safe,
                rel: 'noopener noreferrer nofollow',
                target: /^https?:/i.test(safe) ? '_blank' : undefined,
              },
              inline(label),
            )
          : label,
      );
    }
    rest = rest.slice(m.index + whole!.length);
  }
  return out;
}
