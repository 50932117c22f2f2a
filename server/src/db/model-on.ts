import type { Connection, Model, Schema } from 'mongoose';

/**
 * Registers a model on the given connection (never on the global mongoose), once: building two
 * apps on one connection, as tests do, reuses the same model.
 */
export function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

/** Common schema options: no `__v` (we use explicit revision fields), strict writes. */
export const schemaOptions = { versionKey: false, strict: 'throw' } as const;
