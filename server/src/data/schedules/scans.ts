import type { mongo } from 'mongoose';
import type { StoredRecord } from '../records/types';

/**
 * An occurrence's read of its records in `_id` order, kept open by the process working it from
 * one slice to the next. A schedule's `where` is never a filter on `_id` alone, so on the local
 * database every query for it decodes the whole collection (all communities' records) and sorts
 * what matched: a new query per slice made a run over 10,000 records five such reads, 30 of its
 * 101 s (server/bench/schedules.bench.ts, load 8–15). Continuing the cursor reads it once.
 */
export interface OpenScan {
  /** The last record handed out: the run's cursor when the slice that read it is saved. */
  last: string | null;
  /** Read past the slice's end and not yet handed out (a slice reads one past its limit). */
  held: StoredRecord | null;
  /** The runner's tick that last opened or continued it. */
  usedIn: number;
  cursor: mongo.FindCursor<StoredRecord>;
}

/**
 * The open scans of one runner, by run id. A scan continues only a run whose saved cursor is the
 * scan's own `last` (this process saved it, nobody moved it since); any other run, one taken over
 * or moved on by another process, or after a restart, starts a new query after its cursor.
 */
export class OpenScans {
  private readonly open = new Map<string, OpenScan>();
  private tick = 0;

  /** The scan to continue for a run at `cursor`, or undefined (a stale one is closed). */
  take(runId: string, cursor: string | null): OpenScan | undefined {
    const scan = this.open.get(runId);
    if (!scan) return undefined;
    if (scan.last === cursor) {
      scan.usedIn = this.tick;
      return scan;
    }
    this.close(runId);
    return undefined;
  }

  keep(runId: string, scan: Omit<OpenScan, 'usedIn'>): OpenScan {
    const kept = { ...scan, usedIn: this.tick };
    this.open.set(runId, kept);
    return kept;
  }

  close(runId: string): void {
    const scan = this.open.get(runId);
    if (!scan) return;
    this.open.delete(runId);
    // Closing tells the server to drop its cursor; nothing waits on it, and a failure only
    // leaves the server's cursor to its own idle timeout.
    void scan.cursor.close().catch(() => undefined);
  }

  /**
   * Called at the end of each tick: a running occurrence is sliced on every tick until it is
   * done, so a scan this tick did not touch belongs to a run another process took over (or one
   * switched off) and is closed.
   */
  endTick(): void {
    for (const [id, scan] of this.open) if (scan.usedIn !== this.tick) this.close(id);
    this.tick++;
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.close(id);
  }
}
