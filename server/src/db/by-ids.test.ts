import { describe, expect, it } from 'vitest';
import { byIds } from './by-ids';

describe('byIds', () => {
  it('reads each id once, leaves out the missing, and reads nothing for no ids', async () => {
    const store = new Map([
      ['a', { _id: 'a' }],
      ['b', { _id: 'b' }],
    ]);
    const asked: string[] = [];
    const read = async (id: string) => {
      asked.push(id);
      return store.get(id) ?? null;
    };
    expect(await byIds(['a', 'x', 'b', 'a'], read)).toEqual([{ _id: 'a' }, { _id: 'b' }]);
    expect(asked).toEqual(['a', 'x', 'b']);
    asked.length = 0;
    expect(await byIds([], read)).toEqual([]);
    expect(asked).toEqual([]);
  });
});
