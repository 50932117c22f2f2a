import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Keeps FerretDB's SQLite write-ahead logs bounded.
 *
 * SQLite cuts a log back (to `journal_size_limit`) only when a checkpoint has copied all of it
 * into the database while no reader still needs its frames. FerretDB reads a whole collection for
 * most queries and holds its read transaction while it decodes the rows, so under steady load
 * some reader always pins the log: its own checkpoints after each commit are passive and the log
 * grew by 17–33 MB a minute in the soak bench, and stayed that size after a restart. FerretDB v1
 * has no command that checkpoints (its SQLite URL takes `_pragma=` settings per connection, such
 * as `wal_autocheckpoint`, which are passive as well; `compact` runs `VACUUM`), so the launcher
 * asks SQLite itself, from a second process, which SQLite's WAL mode is made for:
 * `PRAGMA wal_checkpoint(TRUNCATE)` waits for the readers of old frames, copies the log and
 * truncates it to nothing. While it waits new writers wait too, so it waits briefly (an idle gap)
 * and only for a log past its limit; after attempts the readers kept busy it waits longer, so a
 * database that is never idle is still bounded, at the price of a write pause of that length.
 */
export interface WalPolicy {
  /** A log larger than this is checkpointed. */
  limitBytes: number;
  /** How often the logs' sizes are looked at. */
  everyMs: number;
  /** Busy waits of successive attempts on a log the readers keep pinned (the last one repeats). */
  waitsMs: number[];
}

export const DEFAULT_WAL_POLICY: WalPolicy = {
  limitBytes: 32 * 1024 * 1024,
  everyMs: 10_000,
  waitsMs: [200, 500, 1_000, 2_000],
};

export interface WalCheckpoints {
  /** Logs cut back to nothing so far, and attempts the readers kept from finishing. */
  readonly done: number;
  readonly busy: number;
  stop(): void;
}

/** Checkpoints the logs under `dir` that outgrow the limit, with the `sqlite3` shell at `sqlite3`. */
export function startWalCheckpoints(
  dir: string,
  sqlite3: string,
  policy: WalPolicy = DEFAULT_WAL_POLICY,
): WalCheckpoints {
  const state = { done: 0, busy: 0, stopped: false };
  const attempts = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  const round = async () => {
    for (const db of oversized(dir, policy.limitBytes)) {
      if (state.stopped) return;
      const n = attempts.get(db) ?? 0;
      const waitMs = policy.waitsMs[Math.min(n, policy.waitsMs.length - 1)]!;
      if (await checkpoint(sqlite3, db, waitMs)) {
        state.done++;
        attempts.delete(db);
      } else {
        state.busy++;
        attempts.set(db, n + 1);
      }
    }
  };
  const schedule = () => {
    if (state.stopped) return;
    // Never keeps the process alive on its own.
    timer = setTimeout(() => void round().finally(schedule), policy.everyMs).unref();
  };
  schedule();
  return {
    get done() {
      return state.done;
    },
    get busy() {
      return state.busy;
    },
    stop() {
      state.stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** The databases (`*.sqlite`) under `dir` whose write-ahead log is larger than `limitBytes`. */
function oversized(dir: string, limitBytes: number): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return; // gone with a stopped database
    }
    for (const entry of entries) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.sqlite-wal') && sizeOf(p) > limitBytes)
        out.push(p.slice(0, -'-wal'.length));
    }
  };
  walk(dir);
  return out;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * One `PRAGMA wal_checkpoint(TRUNCATE)`; true when it finished (SQLite answers `busy|log|copied`,
 * busy 0). A failure of the shell itself counts as busy: the next round tries again.
 */
function checkpoint(sqlite3: string, db: string, waitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      sqlite3,
      ['-batch', '-cmd', `.timeout ${waitMs}`, db, 'PRAGMA wal_checkpoint(TRUNCATE);'],
      { timeout: waitMs + 10_000 },
      (err, stdout) => resolve(!err && stdout.trim().startsWith('0|')),
    );
  });
}
