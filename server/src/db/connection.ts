import mongoose, { type Connection } from 'mongoose';

// A filter on a field the model does not have is a bug or an attack: fail loudly.
mongoose.set('strictQuery', 'throw');

/**
 * Deadlines, so a dead or frozen database costs a request seconds, not minutes: choosing a
 * server, opening a connection and waiting for any answer each give up after a few seconds,
 * and the error is answered as 503 with Retry-After (http/errors.ts). Measured with a frozen
 * FerretDB: socket-level deadlines answer within ~2–6 s (a read is retried once); the driver's
 * client-side `timeoutMS` took 14–70 s for the first failing operation, so it is not used.
 * Clients retry writes with their Idempotency-Key, so a write whose answer was lost is never
 * applied twice.
 */
export interface ConnectOptions {
  /** Longest wait for any one answer from the database; default 4 s. */
  timeoutMs?: number;
  /** Emit the driver's command events (benchmarks profile the database time per command). */
  monitorCommands?: boolean;
}

export async function connect(
  uri: string,
  dbName: string,
  options: ConnectOptions = {},
): Promise<Connection> {
  const timeoutMs = options.timeoutMs ?? 4_000;
  const connection = mongoose.createConnection(uri, {
    dbName,
    serverSelectionTimeoutMS: Math.min(timeoutMs, 2_000),
    // A frozen server still accepts TCP connections (the kernel does), so a new pooled
    // connection's handshake would otherwise wait the driver's default 30 s.
    connectTimeoutMS: Math.min(timeoutMs, 2_000),
    socketTimeoutMS: timeoutMs,
    // Fail at once while disconnected rather than queueing operations for mongoose's 10 s.
    bufferCommands: false,
    autoIndex: false,
    monitorCommands: options.monitorCommands ?? false,
  });
  await connection.asPromise();
  return connection;
}

export async function ping(connection: Connection, timeoutMs = 2000): Promise<boolean> {
  const db = connection.db;
  if (!db || connection.readyState !== 1) return false;
  try {
    await Promise.race([
      db.command({ ping: 1 }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
    ]);
    return true;
  } catch {
    return false;
  }
}
