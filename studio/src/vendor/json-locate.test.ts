import { describe, expect, it } from 'vitest';
import { locateJson, rangeOf } from './json-locate';

const text = `{
  "id": "acme.x",
  "views": [
    { "id": "a" },
    {
      "id": "b\\"q",
      "root": { "type": "text" }
    }
  ],
  "a/b": 1
}`;

describe('locateJson', () => {
  const where = locateJson(text);
  it('puts each property on the line of its key', () => {
    expect(where.get('/id')).toMatchObject({ line: 2, column: 3 });
    expect(where.get('/views/0/id')?.line).toBe(4);
    expect(where.get('/views/1/root/type')?.line).toBe(7);
  });
  it('follows escaped keys and strings', () => {
    expect(where.get('/a~1b')?.line).toBe(10);
    expect(where.get('/views/1/id')?.line).toBe(6);
  });
  it('places a missing property on its nearest existing parent, first line only', () => {
    const r = rangeOf(where, '/views/1/root/props/label');
    expect(r.line).toBe(7);
    expect(r.endLine).toBe(7);
    expect(rangeOf(where, '/views/1/missing').line).toBe(5);
  });
  it('gives the document start for the root', () => {
    expect(rangeOf(where, '').line).toBe(1);
  });
});
