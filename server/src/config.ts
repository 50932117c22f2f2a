import { createHash, randomBytes } from 'node:crypto';

export type Mode = 'development' | 'production' | 'test';

export interface Config {
  mode: Mode;
  host: string;
  port: number;
  /** Where the studio and the resident portal are reachable; printed at start. */
  publicUrl: string;
  /** Required by main.ts; the development launcher (scripts/dev-platform.ts) sets a local one. */
  mongoUri?: string;
  dbName: string;
  /** Longest wait for one answer from the database before a request gets a 503. */
  dbTimeoutMs: number;
  /** Folder for a locally started database and uploads; kept across restarts. */
  dataDir: string;
  /** Signs session cookies and hashes invitation codes. */
  sessionSecret: string;
  /**
   * Keys the "answer once" claims (PARTICIPATION_SECRET). Changing it lets everyone answer once
   * more, so it is kept apart from the session secret, which may be rotated.
   */
  participationSecret: string;
  logLevel: string;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit: number;
  /** log2 of scrypt's N for new password hashes (15 by default; tests use less). */
  passwordLog2N: number;
  /** How long a login session lasts. */
  sessionTtlMs: number;
  /** How often each process reads the change feed (events/feed.ts). */
  changeFeedPollMs: number;
  /** The notification worker's pause between idle rounds. */
  notifyPollMs: number;
  /** Delay before a failed webhook delivery's 2nd attempt; each further one doubles it. */
  webhookRetryBaseMs: number;
  /** Webhooks may point at loopback and private addresses (never in production). */
  webhookAllowPrivate: boolean;
  /** Pause between schedule-runner ticks (SCHEDULE_TICK_MS, 30 s); 0 turns the runner off in this process. */
  scheduleTickMs: number;
  /**
   * Pause between daily roll-up passes (ROLLUP_TICK_MS, 10 minutes; a pass also runs at start);
   * 0 turns them off in this process.
   */
  rollupTickMs: number;
  /**
   * How long a community dashboard waits for figures still counted from records (today's, days
   * not rolled up yet) before it answers without them, saying so (DASHBOARD_WAIT_MS; 3 s, tests
   * 2 minutes so their figures are whole).
   */
  dashboardWaitMs: number;
  /** Photos one person may hold per community, and uploads they may attempt per 10 minutes. */
  uploadLimits: { quota: number; ratePerWindow: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks the environment; in production every secret must come from it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = (env.NODE_ENV ?? 'development') as Mode;
  if (!['development', 'production', 'test'].includes(mode)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, not "${mode}"`);
  }
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number, not "${env.PORT}"`);
  }
  const host = env.HOST ?? '127.0.0.1';
  let sessionSecret = env.SESSION_SECRET;
  if (!sessionSecret) {
    if (mode === 'production') throw new ConfigError('SESSION_SECRET is required in production');
    sessionSecret = randomBytes(32).toString('hex');
  } else if (sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET must be at least 32 characters');
  }
  let participationSecret = env.PARTICIPATION_SECRET;
  if (!participationSecret) {
    if (mode === 'production')
      throw new ConfigError('PARTICIPATION_SECRET is required in production');
    participationSecret = createHash('sha256')
      .update(`participation|${sessionSecret}`)
      .digest('hex');
  } else if (participationSecret.length < 32) {
    throw new ConfigError('PARTICIPATION_SECRET must be at least 32 characters');
  }
  const bodyLimit = Number(env.BODY_LIMIT ?? 256 * 1024);
  if (!Number.isInteger(bodyLimit) || bodyLimit <= 0) {
    throw new ConfigError(`BODY_LIMIT must be a positive number of bytes, not "${env.BODY_LIMIT}"`);
  }
  const passwordLog2N = Number(env.PASSWORD_SCRYPT_LOG2N ?? (mode === 'test' ? 11 : 15));
  if (!Number.isInteger(passwordLog2N) || passwordLog2N < 10 || passwordLog2N > 20) {
    throw new ConfigError('PASSWORD_SCRYPT_LOG2N must be an integer from 10 to 20');
  }
  if (mode === 'production' && passwordLog2N < 14) {
    throw new ConfigError('PASSWORD_SCRYPT_LOG2N must be at least 14 in production');
  }
  const dbTimeoutMs = Number(env.DB_TIMEOUT_MS ?? 4000);
  if (!Number.isInteger(dbTimeoutMs) || dbTimeoutMs < 500 || dbTimeoutMs > 600_000) {
    throw new ConfigError('DB_TIMEOUT_MS must be a number of milliseconds from 500 to 600000');
  }
  const uploadLimits = {
    quota: positiveInt(env.UPLOAD_QUOTA, 200, 'UPLOAD_QUOTA'),
    ratePerWindow: positiveInt(env.UPLOAD_RATE, 30, 'UPLOAD_RATE'),
  };
  return {
    mode,
    host,
    port,
    publicUrl: env.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    mongoUri: env.MONGODB_URI || undefined,
    dbName: env.MONGODB_DB ?? 'scene',
    dbTimeoutMs,
    dataDir: env.DATA_DIR ?? '.data',
    sessionSecret,
    participationSecret,
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    bodyLimit,
    passwordLog2N,
    sessionTtlMs: Number(env.SESSION_TTL_HOURS ?? 24 * 7) * 3600_000,
    changeFeedPollMs: positiveInt(env.CHANGE_FEED_POLL_MS, 1000, 'CHANGE_FEED_POLL_MS'),
    notifyPollMs: positive('NOTIFY_POLL_MS', env.NOTIFY_POLL_MS ?? (mode === 'test' ? 200 : 1000)),
    webhookRetryBaseMs: positive(
      'WEBHOOK_RETRY_BASE_MS',
      env.WEBHOOK_RETRY_BASE_MS ?? (mode === 'test' ? 100 : 30_000),
    ),
    webhookAllowPrivate: mode !== 'production' && env.WEBHOOK_ALLOW_PRIVATE !== 'false',
    scheduleTickMs: Number(env.SCHEDULE_TICK_MS ?? 30_000),
    rollupTickMs: Number(env.ROLLUP_TICK_MS ?? 600_000),
    dashboardWaitMs: Number(env.DASHBOARD_WAIT_MS ?? (mode === 'test' ? 120_000 : 3_000)),
    uploadLimits,
  };
}

function positive(name: string, value: string | number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 86_400_000)
    throw new ConfigError(`${name} must be a number of milliseconds from 1 to 86400000`);
  return n;
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  const n = Number(raw ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    throw new ConfigError(`${name} must be a whole number from 1 to 100000`);
  }
  return n;
}
