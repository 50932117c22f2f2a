import { describe, expect, it } from 'vitest';
import { CommunityCache } from './community-cache';

// Pure logic: what `peek` hands a hot path that answers without waiting on a promise.
describe('CommunityCache.peek', () => {
  it('gives a value only once its load has finished, and never after the community is forgotten', async () => {
    const cache = new CommunityCache<string>();
    let finish!: (v: string) => void;
    const loading = cache.get('c1', 'k', () => new Promise<string>((r) => (finish = r)));
    expect(cache.peek('c1', 'k')).toBeUndefined();
    finish('v1');
    await loading;
    await Promise.resolve();
    expect(cache.peek('c1', 'k')).toBe('v1');
    expect(cache.peek('c1', 'other')).toBeUndefined();
    expect(cache.peek('c2', 'k')).toBeUndefined();

    cache.forget('c1');
    expect(cache.peek('c1', 'k')).toBeUndefined();
    cache.set('c1', 'k', 'v2');
    expect(cache.peek('c1', 'k')).toBe('v2');
    cache.forget(undefined);
    expect(cache.peek('c1', 'k')).toBeUndefined();
  });

  it('gives nothing for a load that failed, and the next get loads again', async () => {
    const cache = new CommunityCache<string>();
    await expect(cache.get('c1', 'k', () => Promise.reject(new Error('down')))).rejects.toThrow();
    await Promise.resolve();
    expect(cache.peek('c1', 'k')).toBeUndefined();
    await expect(cache.get('c1', 'k', () => Promise.resolve('v'))).resolves.toBe('v');
    await Promise.resolve();
    expect(cache.peek('c1', 'k')).toBe('v');
  });
});
