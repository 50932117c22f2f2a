import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from './json-syntax';

const failure = (text: string) => {
  const r = parseJson(text);
  if (r.ok) throw new Error(`parsed: ${text}`);
  return r.issue;
};

describe('parseJson', () => {
  it('parses what JSON.parse parses', () => {
    expect(parseJson('{"a": [1, "x", null]}')).toEqual({ ok: true, value: { a: [1, 'x', null] } });
  });

  it.each([
    ['{\n  "id": "x",\n  "version": \n}', 4, 1, 'a value'],
    ['{"a": 1 "b": 2}', 1, 9, '"," or "}"'],
    ['[1, 2,]', 1, 7, 'a value'],
    ['{"a": 1,}', 1, 9, 'property name'],
    ['{"a" 1}', 1, 6, '":"'],
    ['{"a": 1} x', 1, 10, 'nothing may follow'],
    ['{"a": "x\ny"}', 1, 9, 'line break'],
    ['{"a": "\\q"}', 1, 9, 'escape'],
    ['{"a": 01}', 1, 8, 'number'],
    ['{"a": [1, 2', 1, 12, 'ends too early'],
    ["{'a': 1}", 1, 2, 'property name'],
    ['\uFEFF{}', 1, 1, 'a value'],
  ])('%j: line %i, column %i, in both languages', (text, line, column, why) => {
    const issue = failure(text);
    expect(issue).toMatchObject({ line, column, code: 'json.parse', pointer: '' });
    expect(issue.message.en).toContain(why);
    expect(issue.message.en).toContain(`line ${line}, column ${column}`);
    expect(issue.message['zh-CN']).toContain(`第 ${line} 行第 ${column} 列`);
    // Never the engine's English text.
    expect(issue.message.en).not.toMatch(/Unexpected|position/);
  });

  it('stops where V8 stops whenever V8 says where', () => {
    const corrupt = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n', '{'))
      .map(([json, at, insert]) => {
        const cut = json.length ? at % json.length : 0;
        return json.slice(0, cut) + insert + json.slice(cut + (at % 2));
      });
    fc.assert(
      fc.property(corrupt, (text) => {
        let v8: number | undefined;
        try {
          JSON.parse(text);
          return;
        } catch (e) {
          const m = /at position (\d+)/.exec((e as Error).message);
          v8 = m ? Number(m[1]) : undefined;
        }
        const issue = failure(text);
        if (v8 === undefined) return;
        const before = text.slice(0, v8).split('\n');
        expect([issue.line, issue.column]).toEqual([before.length, before.at(-1)!.length + 1]);
      }),
      // A fixed seed keeps the run repeatable; it was checked against 90,000 random texts.
      { numRuns: 2000, seed: 20_251 },
    );
  });
});
