import type { CapacityRule, LocalizedText } from '@scene/schema';
import { own } from '../../own';

/**
 * Capacity rules on a sum (`weight`): a record takes its weight of the limit, counted in steps
 * (seats). These turn weights and limits into seats and back; without a weight a record is 1.
 */

// Floating point: 90 ÷ 60 ÷ 0.5 must be 3 seats, not 3.0000000004 rounded up to 4.
const EPSILON = 1e-9;

/** The seats a record takes under a rule: its weight in the limit's unit, rounded up to steps. */
export function weightSteps(rule: CapacityRule, doc: Record<string, unknown>): number {
  if (!rule.weight) return 1;
  const v = own(doc, rule.weight.field);
  // A record without a positive weight holds nothing of the sum.
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return 0;
  return Math.ceil(v / (rule.weight.per ?? 1) / (rule.weight.step ?? 1) - EPSILON);
}

/** The seats a limit (in the limit's unit) gives: whole steps only. */
export function limitSteps(rule: CapacityRule, limit: number): number {
  if (!rule.weight) return limit;
  return Math.floor(limit / (rule.weight.step ?? 1) + EPSILON);
}

/** Seats back into the limit's unit (hours), for figures people read. */
export function stepsToUnits(rule: CapacityRule, steps: number): number {
  return Math.round(steps * (rule.weight?.step ?? 1) * 1000) / 1000;
}

/** The figures of a refusal on a sum, named in a rule's message as `{used}`, `{weight}`, `{limit}`. */
export interface SumFigures {
  used: number;
  weight: number;
  limit: number;
}

export function fillFigures(text: LocalizedText, figures: SumFigures): LocalizedText {
  const fill = (s: string) =>
    s.replace(/\{(used|weight|limit)\}/g, (_, k: keyof SumFigures) => String(figures[k]));
  return { 'zh-CN': fill(text['zh-CN']), en: fill(text.en) };
}
