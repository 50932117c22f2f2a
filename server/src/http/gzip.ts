import { gzipSync } from 'node:zlib';

/**
 * Gzipped bytes to keep in a cache. `gzipSync` writes into 16 KB chunks and hands back a view of
 * the first when the output fits in it, so a 3 KB answer kept for good held 16 KB; with a copy
 * of this size every cached community's bundle costs its own bytes only.
 */
export function gzipToKeep(body: Buffer): Buffer {
  const gzip = gzipSync(body);
  if (gzip.byteLength === gzip.buffer.byteLength) return gzip;
  // Not `Buffer.from`: a small copy would be a view into the shared 8 KB pool, kept for good.
  const kept = Buffer.allocUnsafeSlow(gzip.byteLength);
  gzip.copy(kept);
  return kept;
}
