import { describe, expect, it } from 'vitest';
import { manifestsPath } from './runtime';

describe('the client projections path', () => {
  it('names the set in plugin id order, each with its version and hash (what the server preloads)', () => {
    const h = (c: string) => c.repeat(32);
    expect(
      manifestsPath({
        'std.repair': { version: '1.2.0', manifestHash: h('b') },
        'acme.notes': { version: '2.0.0+build.1', manifestHash: h('a') },
      }),
    ).toBe(
      `/api/v1/runtime/plugins?set=acme.notes:2.0.0%2Bbuild.1:${h('a')},std.repair:1.2.0:${h('b')}`,
    );
  });
});
