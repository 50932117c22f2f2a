/**
 * Where each value of a JSON text sits, by JSON pointer, so validation issues (which speak in
 * pointers) land on the right line of the editor. A small scanner rather than a JSON library:
 * it only records positions and gives up quietly on broken text (JSON.parse reports those).
 */

export interface TextRange {
  /** 1-based, as Monaco counts. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Locations = Map<string, TextRange>;

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function locateJson(text: string): Locations {
  const out: Locations = new Map();
  let i = 0;
  let line = 1;
  let col = 1;

  const advance = () => {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
    i++;
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) advance();
  };
  const str = (): string => {
    let s = '';
    advance(); // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        advance();
        const c = text[i];
        s += c === 'n' ? '\n' : c === 't' ? '\t' : c === 'u' ? '' : (c ?? '');
        if (c === 'u') for (let k = 0; k < 4; k++) advance();
      } else s += text[i];
      advance();
    }
    advance(); // closing quote
    return s;
  };

  // Keys point at the key itself (where an editor puts a "this property" squiggle); the value's
  // range still covers the value for containers, so missing-property issues land on `{`.
  const value = (pointer: string, keyStart?: { line: number; column: number }) => {
    ws();
    const start = { line, column: col };
    const c = text[i];
    if (c === '{') {
      advance();
      ws();
      while (i < text.length && text[i] !== '}') {
        ws();
        if (text[i] !== '"') return;
        const kStart = { line, column: col };
        const key = str();
        ws();
        if (text[i] !== ':') return;
        advance();
        value(`${pointer}/${escape(key)}`, kStart);
        ws();
        if (text[i] === ',') advance();
        else if (text[i] !== '}') return;
      }
      advance();
    } else if (c === '[') {
      advance();
      ws();
      let n = 0;
      while (i < text.length && text[i] !== ']') {
        value(`${pointer}/${n++}`);
        ws();
        if (text[i] === ',') advance();
        else if (text[i] !== ']') return;
        ws();
      }
      advance();
    } else if (c === '"') {
      str();
    } else {
      while (i < text.length && /[^\s,\]}]/.test(text[i]!)) advance();
    }
    const from = keyStart ?? start;
    out.set(pointer, { line: from.line, column: from.column, endLine: line, endColumn: col });
  };

  value('');
  return out;
}

/** The range of a pointer, or of its nearest existing ancestor (missing properties, etc.). */
export function rangeOf(locations: Locations, pointer: string): TextRange {
  let p = pointer;
  for (;;) {
    const hit = locations.get(p);
    if (hit) {
      // Containers span many lines; point at their first line only.
      return hit.endLine === hit.line
        ? hit
        : { ...hit, endLine: hit.line, endColumn: hit.column + 1 };
    }
    if (p === '') return { line: 1, column: 1, endLine: 1, endColumn: 2 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
