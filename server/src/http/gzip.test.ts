import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipToKeep } from './gzip';

describe('gzipToKeep', () => {
  it('keeps only the compressed bytes, which still unzip to the body', () => {
    const body = Buffer.from(JSON.stringify({ portal: '未来社区 '.repeat(500) }));
    const gzip = gzipToKeep(body);
    expect(gzip.byteLength).toBeLessThan(16 * 1024);
    expect(gzip.buffer.byteLength).toBe(gzip.byteLength);
    expect(gunzipSync(gzip).equals(body)).toBe(true);
  });
});
