import { describe, expect, it } from 'vitest';
import { pack, unpack } from './inbox-packing';
import type { StoredEntry } from './inbox-store';

const entry = (over: Partial<StoredEntry> = {}): StoredEntry => ({
  id: 'a'.repeat(40),
  communityId: 'cuiyuan',
  pluginId: 'std.property-repair',
  recordId: 'b'.repeat(24),
  view: 'detail',
  read: false,
  createdAt: new Date(Date.UTC(2026, 11, 2, 4, 5, 6, 789)),
  words: 'w'.repeat(16),
  ...over,
});

describe('inbox entry packing', () => {
  it('gives back every field of what it packed, nulls and read flags included', () => {
    const entries = [
      entry(),
      entry({ read: true }),
      entry({ recordId: null, view: null }),
      entry({ communityId: 'c-2', pluginId: 'vendor.x-y' }),
    ];
    const packed = pack(entries);
    expect(packed.every((e) => Object.keys(e).join() === 'id,m')).toBe(true);
    expect(unpack(packed)).toEqual(entries);
    // Smaller than the fields apart, before the database describes each field's type.
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(entries).length * 0.75);
  });

  it('keeps as they are the entries it cannot pack, and reads entries stored unpacked', () => {
    const odd = [
      // Words stored in the message, as before they were kept apart.
      entry({ words: undefined, title: { 'zh-CN': '旧', en: 'Old' }, body: null }),
      entry({ communityId: 'a|b' }),
      entry({ view: '' }),
      entry({ createdAt: new Date(Number.NaN) }),
    ];
    expect(pack(odd)).toEqual(odd);
    expect(unpack(odd)).toEqual(odd);
    const mixed = [entry(), ...pack([entry({ id: 'c'.repeat(40) })])];
    expect(unpack(mixed)).toEqual([entry(), entry({ id: 'c'.repeat(40) })]);
  });
});
