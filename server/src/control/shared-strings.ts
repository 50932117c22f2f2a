/**
 * One copy of each equal string among values kept in long-lived caches. Every community's
 * installations read back from the database as new strings, though most hold the same plugin
 * ids, versions, permissions and default configuration (several KB of text per community, two
 * bytes per character when it has Chinese in it): at province scale the copies were most of
 * what a cached community cost. Strings are immutable, so sharing one changes nothing a reader
 * sees. The table only saves memory: past its bound it starts afresh rather than keep every
 * configuration ever read.
 */
export class SharedStrings {
  private readonly table = new Map<string, string>();

  constructor(private readonly max = 20_000) {}

  share(value: string): string {
    const hit = this.table.get(value);
    if (hit !== undefined) return hit;
    if (this.table.size >= this.max) this.table.clear();
    this.table.set(value, value);
    return value;
  }
}
