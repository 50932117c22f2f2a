import type { DataPlaneDeps } from '../records/types';
import { flushCarried, sweepCarried, SWEEP_AFTER_MS } from './carried';
import { chunked, runSmallJobs, smallJobs, type SmallJob } from './batch';
import { DEFAULT_QUEUE, pendingJobs, runJob, type NotifyJob, type QueuePolicy } from './queue';
import { sendDue, type WebhookPolicy } from './webhook';

export interface WorkerPolicy {
  queue: QueuePolicy;
  webhook: WebhookPolicy;
  /** Pause between rounds when there was nothing to do. */
  pollMs: number;
  /** Bounded work per round: jobs looked at, batches fanned out, deliveries attempted. */
  jobsPerRound: number;
  batchesPerRound: number;
  deliveriesPerRound: number;
}

export const DEFAULT_WORKER: WorkerPolicy = {
  queue: DEFAULT_QUEUE,
  webhook: { retryBaseMs: 30_000, maxAttempts: 6, timeoutMs: 5_000, allowPrivate: false },
  pollMs: 1_000,
  // Listing the queue costs the same for 20 as for 500 (the local database decodes all of it to
  // sort), and so do a round's claim and its two deletes, while small jobs go out together
  // (batch.ts). At 100 a round, an 8-minute soak queued notices faster than the worker sent them
  // (5,282 left), and a longer queue made every round slower still (listing and deleting 5,000
  // jobs: 2.5 s and 3.2 s each). The people a round reaches stay bounded by batchesPerRound.
  jobsPerRound: 500,
  batchesPerRound: 10,
  deliveriesPerRound: 50,
};

/**
 * The background side of notifications, one per server process: fans queued notices out to
 * their recipients in batches and sends due webhook deliveries. Several processes may run one
 * each; claims keep them from doing the same step or attempt twice. Rounds are bounded, so a
 * 10,000-person notice takes many short rounds rather than one long one.
 */
export class NotificationWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  private swept = false;

  constructor(
    private readonly deps: DataPlaneDeps,
    readonly policy: WorkerPolicy = DEFAULT_WORKER,
    private readonly post: typeof fetch = fetch,
  ) {}

  /** One bounded round; returns how much it did (0 and 0: nothing was waiting). */
  async tick(now = this.deps.now?.() ?? new Date()): Promise<{ jobs: number; deliveries: number }> {
    const db = this.deps.connection.db;
    if (!db) return { jobs: 0, deliveries: 0 };
    const list = await pendingJobs(db, now, this.policy.jobsPerRound);
    // Small jobs go together (batch.ts); what they did not take runs job by job.
    const { small, others } = await smallJobs(this.deps, list, this.policy.queue);
    const batched = await runSmallJobs(
      this.deps,
      this.smallShare(small, others),
      this.policy.queue,
      now,
    );
    let budget = this.policy.batchesPerRound - batched.chunks;
    for (const job of [...batched.lost, ...others]) {
      if (budget <= 0) break;
      budget -= await runJob(this.deps, job, this.policy.queue, now, budget);
    }
    const deliveries = await sendDue(
      db,
      this.policy.webhook,
      now,
      this.policy.deliveriesPerRound,
      this.post,
    );
    return { jobs: list.length, deliveries };
  }

  /**
   * The small jobs this round takes: as many batches of people as the round allows, half of
   * them when big or started jobs wait too, so a steady stream of small notices never starves
   * a notice to every resident. Those left out stay queued, unclaimed, for the next round.
   */
  private smallShare(small: SmallJob[], others: NotifyJob[]): SmallJob[] {
    const { batchesPerRound, queue } = this.policy;
    const share = others.length ? Math.ceil(batchesPerRound / 2) : batchesPerRound;
    return chunked(small, queue.batchSize).slice(0, share).flat();
  }

  /**
   * Runs rounds until nothing is left that is due now (tests, and a clean shutdown), after
   * this worker's own loop has finished its round. Deliveries waiting for a later retry do not
   * keep it going. Drain the plane's worker (`dataPlane.notifications`), not a second one: a
   * second worker cannot see the jobs the first holds.
   */
  async drain(maxRounds = 1_000): Promise<void> {
    // Jobs that creates carried and this process has yet to queue (carried.ts).
    await flushCarried();
    for (let i = 0; i < maxRounds; i++) {
      // A round of this worker's own loop may hold a job under its lease, which a round here
      // does not list: wait for it, or a caller would read an inbox that job has yet to reach.
      await this.running?.catch(() => undefined);
      const done = await this.tick();
      if (done.jobs === 0 && done.deliveries === 0 && !this.running) return;
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (!this.swept) {
      // Once per process: what a process that died carried in its records (carried.ts).
      this.swept = true;
      const until = this.deps.now?.() ?? new Date();
      setTimeout(() => {
        if (!this.stopped) void sweepCarried(this.deps, until).catch(() => undefined);
      }, SWEEP_AFTER_MS).unref();
    }
    const loop = async () => {
      if (this.stopped) return;
      let busy = false;
      try {
        const done = (this.running = this.tick());
        const r = await done;
        busy = r.jobs > 0 || r.deliveries > 0;
      } catch {
        // A database hiccup: the next round tries again (claims make that safe).
      } finally {
        this.running = undefined;
      }
      if (!this.stopped) schedule(busy ? 0 : this.policy.pollMs);
    };
    // Never keeps the process alive on its own (shutdown closes the server and the database).
    const schedule = (ms: number) => (this.timer = setTimeout(loop, ms)).unref();
    schedule(0);
  }

  /** Stops after the current round. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await flushCarried();
  }
}
