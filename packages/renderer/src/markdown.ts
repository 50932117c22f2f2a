import { h, type VNode, type VNodeArrayChildren } from 'vue';

/**
 * A small Markdown subset rendered straight to VNodes: headings, paragraphs, lists, quotes,
 * rules, code, **strong**, *emphasis*, `code` and [links](/…). Text only ever becomes text
 * nodes, so no markup or script in the source can reach the page. Links go to this site only,
 * plus the sites and schemes in `allowedLinks` (see `safeHref`); any other becomes its label.
 */
export function renderMarkdown(source: string, allowedLinks: readonly string[] = []): VNode[] {
  return new MarkdownRenderer(allowedLinks).blocks(source);
}

const INLINE =
  /(\*\*([^*]+)\*\*|__([^_]+)__|\*([^*]+)\*|_([^_]+)_|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\))/;

class MarkdownRenderer {
  constructor(private readonly allowedLinks: readonly string[]) {}

  blocks(source: string): VNode[] {
    const inline = (text: string) => this.inline(text);
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
        out.push(h('blockquote', this.blocks(quote.join('\n'))));
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

  inline(text: string): VNodeArrayChildren {
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
      if (strong1 ?? strong2) out.push(h('strong', this.inline((strong1 ?? strong2)!)));
      else if (em1 ?? em2) out.push(h('em', this.inline((em1 ?? em2)!)));
      else if (code !== undefined) out.push(h('code', code));
      else if (label !== undefined) {
        const safe = safeHref(href!, this.allowedLinks);
        out.push(
          safe
            ? h(
                'a',
                {
                  href: safe,
                  rel: 'noopener noreferrer nofollow',
                  target: /^https?:/i.test(safe) ? '_blank' : undefined,
                },
                this.inline(label),
              )
            : label,
        );
      }
      rest = rest.slice(m.index + whole!.length);
    }
    return out;
  }
}

// Any origin will do: it only tells links that stay on the page's site from those that leave it.
const SAME_SITE = 'https://same-site.invalid';

/**
 * Where a Markdown link may go. A path on this site (`/…`, resolved the way a browser would, so
 * `/\\evil.example`, `//evil.example` or a tab trick cannot leave the site) or a fragment (`#…`);
 * otherwise only an https site or a scheme (`tel:`, `mailto:`) named in `allowedLinks` — an
 * explicit list, empty unless the app sets one. Anything else is not a link.
 */
export function safeHref(href: string, allowedLinks: readonly string[] = []): string | null {
  if (href.startsWith('#')) return /^#[\w-]*$/.test(href) ? href : null;
  let url: URL;
  try {
    url = new URL(href, SAME_SITE);
  } catch {
    return null;
  }
  if (url.origin === SAME_SITE) {
    return href.startsWith('/') ? `${url.pathname}${url.search}${url.hash}` : null;
  }
  if (url.protocol === 'https:' && allowedLinks.includes(url.origin)) return url.href;
  if (
    (url.protocol === 'tel:' || url.protocol === 'mailto:') &&
    allowedLinks.includes(url.protocol)
  )
    return url.href;
  return null;
}
