import { resultsRows, type LocalizedText, type SheetLang } from '@scene/schema';
import { loadExcelJS } from '../../on-first-use';
import type { ResultsExport } from './service';

const WORDS = {
  'zh-CN': {
    sheet: '结果',
    results: '结果',
    exportedAt: '导出时间',
    total: '答卷总数',
    hidden: (n: number) => `不足 ${n} 份，不显示结果`,
    rule: '说明',
    ruleText: (n: number) => `少于 ${n} 人作答的题目不显示人数`,
  },
  en: {
    sheet: 'Results',
    results: 'results',
    exportedAt: 'Exported at',
    total: 'Answers',
    hidden: (n: number) => `fewer than ${n}: no results shown`,
    rule: 'Note',
    ruleText: (n: number) => `questions fewer than ${n} answered show no figures`,
  },
} as const;

const text = (t: LocalizedText, lang: SheetLang) =>
  t[lang] ?? t['zh-CN'] ?? Object.values(t)[0] ?? '';

/**
 * The results as a workbook: a heading block (the plugin, when it was exported in the
 * community's zone, how many answered, the small-group rule), then the same table as the CSV,
 * counts as numbers and shares as percentages a spreadsheet can compute with. Every cell is a
 * value, never a formula, so an answer starting with `=` stays text.
 */
export async function resultsXlsx(r: ResultsExport, lang: SheetLang): Promise<Buffer> {
  const w = WORDS[lang];
  const { results } = r;
  const ExcelJS = await loadExcelJS();
  const book = new ExcelJS.Workbook();
  book.created = r.at;
  const ws = book.addWorksheet(w.sheet);
  const at = new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: r.timeZone,
  }).format(r.at);
  ws.addRow([`${text(r.pluginName, lang)} · ${w.results}`]).font = { bold: true, size: 14 };
  ws.addRow([w.exportedAt, at]);
  ws.addRow([w.total, results.suppressed ? w.hidden(results.minGroupSize) : results.total]);
  ws.addRow([w.rule, w.ruleText(results.minGroupSize)]);
  ws.addRow([]);
  const [head, ...rows] = resultsRows(results, lang);
  ws.addRow(head!).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  ws.getColumn(5).numFmt = '0.0%';
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 40 : i === 2 ? 30 : 14));
  return Buffer.from(await book.xlsx.writeBuffer());
}
