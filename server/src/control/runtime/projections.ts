import { clientManifest } from '@scene/schema';
import type { RegistryService } from '../registry/service';
import { sha256Hex } from '../registry/canonical';
import { gzipToKeep } from '../../http/gzip';

/** A plugin version's client projection, ready to send: immutable, so cached forever. */
export interface Projection {
  /** Content hash of `body` (hex): part of the URL, so the URL names exactly these bytes. */
  hash: string;
  body: Buffer;
  gzip: Buffer;
}

/** Plugin versions are few (every community shares them); this only bounds a runaway. */
const MAX_CACHED = 2_000;

/**
 * The client projections of plugin versions (`clientManifest`), one copy per version in this
 * process, shared by every community that installed it. A version never changes, so neither
 * does its projection: phones cache it for good (`Cache-Control: immutable`) under a URL that
 * carries its hash.
 */
export class ManifestProjections {
  private readonly cache = new Map<string, Promise<Projection>>();

  constructor(private readonly registry: RegistryService) {}

  get(pluginId: string, version: string): Promise<Projection> {
    const key = `${pluginId}@${version}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.build(pluginId, version);
      // A failed read (404, database down) is not remembered.
      hit.catch(() => this.cache.delete(key));
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private async build(pluginId: string, version: string): Promise<Projection> {
    const manifest = await this.registry.manifest(pluginId, version);
    const body = Buffer.from(JSON.stringify(clientManifest(manifest)));
    return { hash: sha256Hex(body).slice(0, 32), body, gzip: gzipToKeep(body) };
  }
}
