import mongoose, { type Connection } from 'mongoose';

// A filter on a field the model does not have is a bug or an attack: fail loudly.
mongoose.set('strictQuery', 'throw');

export async function connect(uri: string, dbName: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    serverSelectionTimeoutMS: 10_000,
    autoIndex: false,
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
