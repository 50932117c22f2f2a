// The results of a `fieldsFrom` action as a table in words: what the CSV and the XLSX downloads
// both write, so the two never disagree on a heading, a label or what is hidden.
import { csvText, type FieldKind, type FieldsResults } from './fields-from';

export type SheetLang = 'zh-CN' | 'en';
/** A cell: words, or a number a spreadsheet can sum (percentages as fractions, 0.5 = 50%). */
export type SheetCell = string | number;

const WORDS = {
  'zh-CN': {
    head: ['题目', '类型', '选项', '人数', '百分比', '作答人数'],
    kinds: { choice: '单选', choices: '多选', rating: '评分', text: '简答' },
    hidden: '人数太少，不显示',
    stars: (n: string) => `${n} 星`,
  },
  en: {
    head: ['Question', 'Kind', 'Option', 'Count', 'Percent', 'Answered'],
    kinds: {
      choice: 'Single choice',
      choices: 'Multiple choice',
      rating: 'Rating',
      text: 'Short text',
    },
    hidden: 'Too few answers to show',
    stars: (n: string) => `${n} stars`,
  },
} satisfies Record<SheetLang, unknown>;

/**
 * The results as rows under a heading row: one row per option or star (question text, kind in
 * words, option label, count, share of those who answered the question, how many answered it),
 * one per written answer when the results carry them, one saying "too few" for a hidden question.
 */
export function resultsRows(results: FieldsResults, lang: SheetLang): SheetCell[][] {
  const w = WORDS[lang];
  const rows: SheetCell[][] = [[...w.head]];
  for (const q of results.questions) {
    const kind = w.kinds[q.kind satisfies FieldKind];
    if (q.suppressed) rows.push([q.label, kind, w.hidden, '', '', '']);
    else if (q.counts)
      for (const c of q.counts)
        rows.push([
          q.label,
          kind,
          q.kind === 'rating' ? w.stars(c.value) : c.value,
          c.count,
          Math.round(c.percent * 10) / 1000,
          q.answered,
        ]);
    else if (q.texts) for (const t of q.texts) rows.push([q.label, kind, t, '', '', q.answered]);
  }
  return rows;
}

/** The results as CSV (UTF-8 with a BOM so spreadsheet programs read the Chinese right). */
export function resultsCsv(results: FieldsResults, lang: SheetLang): string {
  return csvText(
    resultsRows(results, lang).map((row, i) =>
      // The CSV writes a share as the percentage people read (50%), not as a fraction.
      i && typeof row[4] === 'number' ? row.with(4, `${Math.round(row[4] * 1000) / 10}%`) : row,
    ),
  );
}
