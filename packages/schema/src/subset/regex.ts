// A small vetting pass for vendor `pattern`s. It does not prove a regex safe; it rejects the
// shapes that cause catastrophic backtracking in practice: nested unbounded quantifiers
// ((a+)+), quantified alternations whose branches overlap ((a|ab)*), adjacent unbounded atoms
// that can match the same characters (\w+\w+), and backreferences.

export type RegexProblem = 'syntax' | 'backreference' | 'nested' | 'overlap' | 'tooLong';

interface Atom {
  source: string;
  group?: string; // inner source for groups
  min: number;
  max: number; // Infinity when unbounded
}

const SAMPLE = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  '\n',
  '\t',
  'é',
  '中',
];
/** Counted repetition above this behaves like an unbounded one for backtracking purposes. */
const LARGE = 10;

function readQuantifier(src: string, i: number): { min: number; max: number; next: number } {
  const c = src[i];
  let q = { min: 1, max: 1, next: i };
  if (c === '*') q = { min: 0, max: Infinity, next: i + 1 };
  else if (c === '+') q = { min: 1, max: Infinity, next: i + 1 };
  else if (c === '?') q = { min: 0, max: 1, next: i + 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (m) {
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      q = { min, max, next: i + m[0].length };
    }
  }
  if (q.next !== i && src[q.next] === '?') q.next++;
  return q;
}

function closeGroup(src: string, start: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return src.length - 1;
}

/** Splits one alternative into atoms; returns the top-level alternatives. */
function parse(src: string): Atom[][] {
  const alternatives: Atom[][] = [[]];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    let end = i + 1;
    let group: string | undefined;
    if (c === '|') {
      alternatives.push([]);
      i++;
      continue;
    }
    if (c === '\\') {
      if (/[1-9k]/.test(src[i + 1] ?? '')) throw new Error('backreference');
      const m =
        /^\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[pP]\{[^}]*\}|c[A-Za-z]|.)/.exec(
          src.slice(i),
        );
      end = i + (m ? m[0].length : 2);
    } else if (c === '[') {
      let j = i + 1;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      end = j + 1;
    } else if (c === '(') {
      const close = closeGroup(src, i);
      const inner = src.slice(i + 1, close);
      group = inner.replace(/^\?(?::|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>)/, '');
      end = close + 1;
    }
    const source = src.slice(i, end);
    const q = readQuantifier(src, end);
    const zeroWidth =
      c === '^' || c === '$' || /^\\[bB]$/.test(source) || /^\(\?<?[=!]/.test(source);
    if (!zeroWidth)
      alternatives[alternatives.length - 1]!.push({ source, group, min: q.min, max: q.max });
    i = q.next;
  }
  return alternatives;
}

function charsMatching(source: string): Set<string> {
  const out = new Set<string>();
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${source})`, 'u');
  } catch {
    return out;
  }
  for (const ch of SAMPLE) if (re.test(ch)) out.add(ch);
  return out;
}

const overlaps = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));
const unbounded = (a: Atom) => a.max === Infinity || a.max > LARGE;

function hasRepetition(alternatives: Atom[][]): boolean {
  return alternatives.some((alt) =>
    alt.some((a) => unbounded(a) || (a.group !== undefined && hasRepetition(parse(a.group)))),
  );
}

function analyse(src: string): RegexProblem | null {
  const alternatives = parse(src);
  for (const alt of alternatives) {
    for (let k = 0; k < alt.length; k++) {
      const a = alt[k]!;
      if (a.group !== undefined) {
        const inner = analyse(a.group);
        if (inner) return inner;
        if (unbounded(a)) {
          const branches = parse(a.group);
          if (hasRepetition(branches)) return 'nested';
          if (branches.length > 1) {
            const firsts = branches.map((b) => charsMatching(b[0]?.source ?? ''));
            for (let x = 0; x < firsts.length; x++)
              for (let y = x + 1; y < firsts.length; y++)
                if (overlaps(firsts[x]!, firsts[y]!)) return 'overlap';
          }
        }
      }
      // Two unbounded atoms with only optional atoms between them that share a character.
      if (!unbounded(a)) continue;
      for (let n = k + 1; n < alt.length; n++) {
        const b = alt[n]!;
        if (unbounded(b) && overlaps(charsMatching(a.source), charsMatching(b.source)))
          return 'overlap';
        if (b.min > 0) break;
      }
    }
  }
  return null;
}

/** Returns null when `pattern` is acceptable, otherwise why not. */
export function vetPattern(pattern: string): RegexProblem | null {
  if (pattern.length > 200) return 'tooLong';
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'syntax';
  }
  try {
    return analyse(pattern);
  } catch {
    return 'backreference';
  }
}
