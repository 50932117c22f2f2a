import { csvText, type LocalizedText } from '@scene/schema';
import { loadExcelJS } from '../../on-first-use';
import type { Figure } from '../figures';
import type { MonthlyReport, RankingPlace, ReportChange, ReportMetric } from './store';

export type ReportLang = 'zh-CN' | 'en';
type Cell = string | number;

const WORDS = {
  'zh-CN': {
    report: '月报',
    communityKind: '社区',
    regionKind: '区域',
    period: '统计期',
    previous: '对比期',
    to: '至',
    frozenAt: '冻结时间',
    frozenBy: '冻结方式',
    schedule: '每月 1 日自动冻结',
    admin: '管理员补充冻结',
    supervisor: '区县督导重新冻结',
    revision: '版本',
    revisionN: (n: number) => `第 ${n} 版`,
    reason: '修订原因',
    changed: '与上一版相比变化的数字',
    unchanged: '与上一版相比没有数字变化',
    ownFigure: { score: '场景完整度得分', communities: '社区数', published: '已发布门户的社区' },
    communities: '社区数',
    published: '已发布门户的社区',
    score: '场景完整度得分',
    component: '场景组件',
    indicator: '指标',
    thisMonth: '本月',
    unit: '单位',
    left: '数字太小未计入的社区',
    rank: '排名',
    community: '社区',
    hidden: (n: number) => `不足 ${n} 条，不显示`,
    noData: (n: number) => `无数据或不足 ${n} 条`,
    ranking: '社区排名',
    rankingChanged: '排名、得分或数字有变化的社区',
    place: (p: RankingPlace | null) => (p ? `第 ${p.rank} 名，${p.score} 分` : '不在排名中'),
  },
  en: {
    report: 'Monthly report',
    communityKind: 'Community',
    regionKind: 'Region',
    period: 'Period',
    previous: 'Compared with',
    to: 'to',
    frozenAt: 'Frozen at',
    frozenBy: 'Frozen by',
    schedule: 'the schedule on the 1st',
    admin: 'an administrator, on demand',
    supervisor: 'a district supervisor, frozen again',
    revision: 'Revision',
    revisionN: (n: number) => `Revision ${n}`,
    reason: 'Reason for the revision',
    changed: 'Figures changed since the revision before',
    unchanged: 'No figure changed since the revision before',
    ownFigure: {
      score: 'Scene completeness score',
      communities: 'Communities',
      published: 'Communities with a published portal',
    },
    communities: 'Communities',
    published: 'Communities with a published portal',
    score: 'Scene completeness score',
    component: 'Component',
    indicator: 'Indicator',
    thisMonth: 'This month',
    unit: 'Unit',
    left: 'Communities left out (figure too small)',
    rank: 'Rank',
    community: 'Community',
    hidden: (n: number) => `fewer than ${n}, not shown`,
    noData: (n: number) => `no data, or fewer than ${n}`,
    ranking: 'Ranking',
    rankingChanged: 'Communities whose place, score or figures changed',
    place: (p: RankingPlace | null) =>
      p ? `No. ${p.rank}, score ${p.score}` : 'not in the ranking',
  },
} as const;

const text = (t: LocalizedText | null, lang: ReportLang) =>
  t ? (t[lang] ?? t['zh-CN'] ?? Object.values(t)[0] ?? '') : '';

/** A calendar day in words (`2026年10月1日`, `October 1, 2026`). */
function dayText(day: string, lang: ReportLang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** The day before `to`: a period's last day. */
const lastDay = (to: string) =>
  new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export function monthText(month: string, lang: ReportLang): string {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

function figureCell(v: Figure, m: ReportMetric, lang: ReportLang): Cell {
  if (v !== null) return v;
  const w = WORDS[lang];
  return m.combine === 'sum' ? w.hidden(m.minGroupSize) : w.noData(m.minGroupSize);
}

/** A changed figure's name: a metric's heading, or the report's own figure in words. */
function changeName(c: ReportChange, lang: ReportLang): string {
  const own = WORDS[lang].ownFigure as Record<string, string>;
  return c.label ? `${text(c.pluginName, lang)} · ${text(c.label, lang)}` : (own[c.key] ?? c.key);
}

const changeValue = (v: Figure, lang: ReportLang): Cell =>
  v === null ? (lang === 'en' ? 'not shown' : '不显示') : v;

export interface ReportSheet {
  name: string;
  rows: Cell[][];
}

/** The report as sheets of words and numbers: what the CSV and the XLSX both write. */
export function reportSheets(r: MonthlyReport, lang: ReportLang): ReportSheet[] {
  const w = WORDS[lang];
  const span = (from: string, to: string) =>
    `${dayText(from, lang)} ${w.to} ${dayText(lastDay(to), lang)}`;
  const frozenAt = new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: r.timeZone,
  }).format(new Date(r.frozenAt));
  const region = r.kind === 'region';
  const rows: Cell[][] = [
    [`${w.report} · ${r.subjectName} · ${monthText(r.month, lang)}`],
    [region ? w.regionKind : w.communityKind, r.subjectName],
    [w.period, span(r.from, r.to)],
    [w.previous, span(r.previous.from, r.previous.to)],
    [w.frozenAt, frozenAt],
    [w.frozenBy, w[r.frozenBy]],
    [w.revision, w.revisionN(r.revision)],
    ...(r.revision > 1
      ? [
          [w.reason, r.reason ?? ''],
          [r.changes.length ? w.changed : w.unchanged],
          ...r.changes.map((c) => [
            changeName(c, lang),
            changeValue(c.from, lang),
            changeValue(c.to, lang),
            text(c.unit, lang),
          ]),
          ...(r.rankingChanges.length ? [[w.rankingChanged]] : []),
          ...r.rankingChanges.map((c) => [
            c.name,
            w.place(c.from),
            w.place(c.to),
            c.figures
              .map((f) => {
                const m = r.metrics.find((x) => x.key === f.key);
                const name = m ? `${text(m.pluginName, lang)} · ${text(m.label, lang)}` : f.key;
                return `${name} ${changeValue(f.from, lang)} → ${changeValue(f.to, lang)}`;
              })
              .join(lang === 'en' ? '; ' : '；'),
          ]),
        ]
      : []),
    ...(region
      ? [
          [w.communities, r.communities],
          [w.published, r.published],
        ]
      : []),
    [w.score, r.score],
    [],
    [w.component, w.indicator, w.thisMonth, w.previous, w.unit, ...(region ? [w.left] : [])],
  ];
  for (const m of r.metrics)
    rows.push([
      text(m.pluginName, lang),
      text(m.label, lang),
      figureCell(m.total, m, lang),
      figureCell(m.previous, m, lang),
      text(m.unit, lang),
      ...(region ? [m.hidden] : []),
    ]);
  const sheets: ReportSheet[] = [{ name: w.report, rows }];
  if (region) {
    const ranking: Cell[][] = [
      [w.rank, w.community, w.score, ...r.metrics.map((m) => text(m.label, lang))],
    ];
    r.ranking.forEach((c, i) =>
      ranking.push([
        i + 1,
        c.name,
        c.score,
        ...r.metrics.map((m) => figureCell(c.figures[m.key] ?? null, m, lang)),
      ]),
    );
    sheets.push({ name: w.ranking, rows: ranking });
  }
  return sheets;
}

/** One CSV of every sheet, a blank line between them. */
export function reportCsv(r: MonthlyReport, lang: ReportLang): string {
  return csvText(reportSheets(r, lang).flatMap((s, i) => (i ? [[], ...s.rows] : s.rows)));
}

export async function reportXlsx(r: MonthlyReport, lang: ReportLang): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const book = new ExcelJS.Workbook();
  book.created = new Date(r.frozenAt);
  for (const sheet of reportSheets(r, lang)) {
    const ws = book.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row);
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((c) => (c.width = 22));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const reportFileName = (r: MonthlyReport, ext: 'csv' | 'xlsx') =>
  `report-${r.kind}-${r.subjectId}-${r.month}${r.revision > 1 ? `-r${r.revision}` : ''}.${ext}`;
