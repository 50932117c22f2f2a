import { describe, expect, it } from 'vitest';
import { renderMarkdown, safeHref } from './markdown';

const hrefs = (source: string, allowed?: string[]) =>
  JSON.stringify(renderMarkdown(source, allowed)).match(/"href":"[^"]*"/g) ?? [];

describe('Markdown links', () => {
  it('never lead to another site by a path trick', () => {
    for (const href of [
      '/\\evil.example',
      '//evil.example',
      '/\t/evil.example',
      '\\\\evil.example',
      '/%5C%5Cevil.example',
      'https://evil.example/',
      'http://evil.example/',
      'javascript:alert(1)',
      'data:text/html,<script>',
      'tel:110',
      'mailto:a@b.c',
      'evil.example',
    ]) {
      const safe = safeHref(href);
      // Either no link at all, or a path that stays on this site.
      if (safe !== null)
        expect(new URL(safe, 'https://here.example').host, href).toBe('here.example');
    }
    expect(hrefs('[q](/\\evil.example) and [r](https://evil.example)')).toEqual([]);
    // The label stays, as plain text.
    expect(renderMarkdown('[q](/\\evil.example)')[0]!.children).toEqual(['q']);
  });

  it('keep same-site paths and fragments, and reach elsewhere only by an explicit list', () => {
    expect(safeHref('/c/cuiyuan/notices?id=1#top')).toBe('/c/cuiyuan/notices?id=1#top');
    expect(safeHref('#rules')).toBe('#rules');
    expect(safeHref('https://www.zj.gov.cn/x')).toBeNull();
    expect(safeHref('https://www.zj.gov.cn/x', ['https://www.zj.gov.cn'])).toBe(
      'https://www.zj.gov.cn/x',
    );
    expect(safeHref('tel:0571-12345', ['tel:'])).toBe('tel:0571-12345');
    expect(safeHref('http://www.zj.gov.cn/x', ['https://www.zj.gov.cn'])).toBeNull();
    expect(hrefs('[办事](/c/cuiyuan/services)')).toEqual(['"href":"/c/cuiyuan/services"']);
  });
});
