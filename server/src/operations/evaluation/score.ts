import type { Figure } from '../figures';

/**
 * The evaluation indicators (动态运营评价), read from what every vendor's metrics declare, never
 * from a named plugin: `satisfaction` the averages a plugin marks better when higher (ratings,
 * satisfaction, rates), `response` the figures it marks better when lower (time to answer or to
 * close), `activity` the records counted by every metric that adds up, `coverage` the community's
 * completeness score.
 */
export const INDICATORS = ['satisfaction', 'activity', 'response', 'coverage'] as const;
export type Indicator = (typeof INDICATORS)[number];
export type Weights = Record<Indicator, number>;

/** Until the admin sets weights (version 0): the programme's example split. */
export const DEFAULT_WEIGHTS: Weights = {
  satisfaction: 30,
  activity: 20,
  response: 20,
  coverage: 30,
};

export interface Evaluation {
  /** The weights' version (0: the defaults, never saved) and the weights, shown beside scores. */
  version: number;
  weights: Weights;
  /** Best composite first: each indicator 0–100 against the best community of the node. */
  scores: { id: string; name: string; composite: number; parts: Weights }[];
  /** 全能选手: the best composite (none while nobody scores). */
  allRounder: { id: string; name: string; composite: number } | null;
  /** 单项冠军: per indicator, the community scoring best on it (none while nobody scores). */
  champions: { indicator: Indicator; id: string; name: string; value: number }[];
}

interface Ranked {
  id: string;
  name: string;
  score: number;
  figures: Record<string, Figure>;
}
interface Head {
  key: string;
  combine: 'sum' | 'mean';
  better: 'higher' | 'lower' | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * Scores the communities of a region on each indicator (0–100, relative to the node's best, so a
 * province and a street both rank fairly) and weighs them into a composite. Hidden figures (too
 * few records) count as no figure.
 */
export function evaluate(
  ranking: Ranked[],
  heads: Head[],
  weights: Weights,
  version: number,
): Evaluation {
  const value = (r: Ranked, key: string) => r.figures[key] ?? null;
  const adds = heads.filter((h) => h.combine === 'sum');
  const activity = new Map(
    ranking.map((r) => [r.id, adds.reduce((n, h) => n + (value(r, h.key) ?? 0), 0)] as const),
  );
  const topActivity = Math.max(0, ...activity.values());
  /**
   * Per head, each community's figure against the best one, 0–100. A community nobody used over
   * the period (nothing counted) has no figure to be good at: none of its zeros (no alerts, no
   * absences) may beat a live community's, so it takes no part in a `lower` head.
   */
  const used = (r: Ranked) => activity.get(r.id)! > 0;
  // Each head's best figure, found once (per community it made scoring a province quadratic).
  const bests = new Map<string, number>();
  const bestOf = (h: Head): number => {
    let best = bests.get(h.key);
    if (best === undefined) {
      const all = ranking
        .filter((x) => h.better !== 'lower' || used(x))
        .map((x) => value(x, h.key))
        .filter((x): x is number => x !== null);
      best = h.better === 'higher' ? Math.max(...all) : Math.min(...all);
      bests.set(h.key, best);
    }
    return best;
  };
  const relative = (h: Head, r: Ranked): number | null => {
    const v = value(r, h.key);
    if (v === null || (h.better === 'lower' && !used(r))) return null;
    const best = bestOf(h);
    if (h.better === 'higher') return best > 0 ? (Math.max(v, 0) / best) * 100 : 0;
    return v <= 0 ? 100 : (Math.max(best, 0) / v) * 100;
  };
  const higher = heads.filter((h) => h.better === 'higher' && h.combine === 'mean');
  const lower = heads.filter((h) => h.better === 'lower');
  const of = (hs: Head[], r: Ranked) =>
    mean(hs.map((h) => relative(h, r)).filter((x): x is number => x !== null));
  const scores = ranking
    .map((r) => {
      const parts: Weights = {
        satisfaction: round1(of(higher, r)),
        activity: round1(topActivity > 0 ? (activity.get(r.id)! / topActivity) * 100 : 0),
        response: round1(of(lower, r)),
        coverage: r.score,
      };
      const composite = round1(INDICATORS.reduce((n, i) => n + parts[i] * weights[i], 0) / 100);
      return { id: r.id, name: r.name, composite, parts };
    })
    .sort((a, b) => b.composite - a.composite || a.id.localeCompare(b.id));
  const top = scores[0];
  const champions: Evaluation['champions'] = [];
  for (const indicator of INDICATORS) {
    let best: (typeof scores)[number] | null = null;
    for (const s of scores)
      if (s.parts[indicator] > 0 && (!best || s.parts[indicator] > best.parts[indicator])) best = s;
    if (best)
      champions.push({ indicator, id: best.id, name: best.name, value: best.parts[indicator] });
  }
  return {
    version,
    weights,
    scores,
    allRounder:
      top && top.composite > 0 ? { id: top.id, name: top.name, composite: top.composite } : null,
    champions,
  };
}
