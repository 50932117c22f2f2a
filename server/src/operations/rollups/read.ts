import type { mongo } from 'mongoose';
import type { DashboardPeriod } from '../period';
import type { RolledCommunity } from '../region';
import { addDays } from '../period';
import {
  decodeDay,
  months,
  RECENT_DAYS,
  states,
  type DayFigure,
  type MetricHeadDoc,
} from './store';

/** The days a period and the one before it cover: `[from, to)`. */
export interface Span {
  from: string;
  to: string;
}

export const spanOf = (period: DashboardPeriod): Span => ({
  from: period.previous.from,
  to: period.to,
});

/** The months a span touches, as `YYYY-MM`. */
export function monthsOf(span: Span): string[] {
  const out: string[] = [];
  let m = span.from.slice(0, 7);
  const last = span.to > span.from ? prevDay(span.to).slice(0, 7) : m;
  while (m <= last) {
    out.push(m);
    const [y, mo] = m.split('-').map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return out;
}

const prevDay = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Each community's roll-up state and its days within the span (a period and the one before, or
 * several periods' at once): from the state's recent window, or from the monthly documents for
 * days further back.
 */
export async function readRollups(
  db: mongo.Db,
  communities: { id: string }[],
  span: Span,
  today: string,
): Promise<RolledCommunity[]> {
  const inWindow = (day: string) => day >= span.from && day < span.to;
  // The state's recent days cover the period when it began within them (every 7, 30 and 90 day
  // view, and recent months): one read per community.
  const recentEnough = span.from >= addDays(today, -RECENT_DAYS);
  const wanted = recentEnough ? [] : monthsOf(span);
  const out: RolledCommunity[] = communities.map((c) => ({
    id: c.id,
    state: null,
    days: new Map<string, DayFigure[]>(),
  }));
  // One query per collection: on FerretDB v1 every find scans its collection (a lookup by
  // `_id` too, measured: 70 ms per community at 100 communities), so N lookups cost N scans.
  const byId = new Map(out.map((c) => [c.id, c] as const));
  const [stateDocs, monthDocs] = await Promise.all([
    states(db)
      .find({ _id: { $in: [...byId.keys()] } })
      .toArray(),
    wanted.length
      ? months(db)
          .find({ _id: { $in: out.flatMap((c) => wanted.map((m) => `${c.id}|${m}`)) } })
          .toArray()
      : Promise.resolve([]),
  ]);
  for (const state of stateDocs) {
    const c = byId.get(state._id)!;
    const { recent, heads, ...rest } = state;
    c.state = { ...rest, heads: JSON.parse(heads) as MetricHeadDoc[] };
    if (recentEnough)
      for (const [day, text] of Object.entries(JSON.parse(recent) as Record<string, string>))
        if (inWindow(day)) c.days.set(day, decodeDay(text));
  }
  for (const doc of monthDocs)
    for (const [dd, text] of Object.entries(doc.days))
      if (inWindow(`${doc.month}-${dd}`))
        byId.get(doc.communityId)?.days.set(`${doc.month}-${dd}`, decodeDay(text));
  return out;
}
