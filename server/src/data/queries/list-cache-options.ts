/** How much a process's list cache holds, and how it reads (list-cache.ts); from the environment. */
export interface ListCacheOptions {
  /**
   * A community's collection with more records than this is listed by the database. Issue 18:
   * at 5,000, a province-scale community's tickets (the 8-minute soak passes 5,000 in its
   * sixth minute) fell to a whole-collection scan and sort per read; at 20,000 the same
   * happened on a faster machine in the soak's seventh minute, and with 16 users scanning at
   * once the local database took a minute per read. The default is the whole budget: the
   * budget, not this, bounds the memory held. Past it the cliff remains (a bounded window of a
   * larger collection is the fix still to make).
   */
  maxRecords: number;
  /** Records held by the process in all, over every entry (least recently used go first). */
  budget: number;
  /**
   * An entry older than this is read whole again, in the background (a safety net; the change
   * log misses nothing, number-probe.ts says what the probe can miss).
   */
  maxAgeMs: number;
  /**
   * The background whole read takes at most this share of the time, so a large collection is
   * read whole less often than `maxAgeMs` (issue 18: in the 8-minute soak's last minute a
   * community's 16,000 tickets were read whole every minute, 55 batches of 150 ms on the local
   * database). `Infinity`: no bound.
   */
  renewShare: number;
  /**
   * How long a reader waits for a whole read (of a cold entry, or a too-big one looked at again)
   * before the database answers it instead, the read going on for the next readers. Issue 18's
   * list bench: a first page waited 13 s for a read of 50,001 records that found the community's
   * 100,000 too many to hold, then 16 s more for the database's page. `Infinity`: always wait.
   */
  coldWaitMs: number;
}

export function listCacheOptions(env: NodeJS.ProcessEnv = process.env): ListCacheOptions {
  const num = (name: string, fallback: number) => {
    const n = Number(env[name]);
    return env[name] !== undefined && Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  const budget = num('LIST_CACHE_BUDGET', 50_000);
  return {
    maxRecords: num('LIST_CACHE_MAX_RECORDS', budget),
    budget,
    maxAgeMs: num('LIST_CACHE_MAX_AGE_MS', 60_000),
    renewShare: num('LIST_CACHE_RENEW_SHARE', 0.05),
    coldWaitMs: num('LIST_CACHE_COLD_WAIT_MS', 1_000),
  };
}
