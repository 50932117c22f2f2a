import type { LocalizedText } from '../manifest/types';

export type Severity = 'error' | 'warning';

/** One finding: where (RFC 6901 JSON pointer into the document), what (stable code) and why. */
export interface Issue {
  pointer: string;
  code: string;
  severity: Severity;
  message: LocalizedText;
}

export interface ValidationResult {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
}

export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(...segments: (string | number)[]): string {
  return segments.map((s) => `/${escapePointerSegment(s)}`).join('');
}

function comparePointers(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Sorted by pointer (numeric segments numerically), then code; duplicates removed. */
export function sortIssues(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  const unique = issues.filter((i) => {
    const key = `${i.severity}\u0000${i.pointer}\u0000${i.code}\u0000${i.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      comparePointers(a.pointer, b.pointer) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

export function toResult(issues: Issue[]): ValidationResult {
  const sorted = sortIssues(issues);
  const errors = sorted.filter((i) => i.severity === 'error');
  return {
    ok: errors.length === 0,
    errors,
    warnings: sorted.filter((i) => i.severity === 'warning'),
  };
}

/** Formats issues for a terminal: `pointer  message (code)` in zh-CN then en. */
export function formatIssue(i: Issue): string {
  const where = i.pointer === '' ? '/' : i.pointer;
  return `${i.severity === 'error' ? '✖' : '⚠'} ${where}\n    ${i.message['zh-CN']}\n    ${i.message.en}  [${i.code}]`;
}
