import type { mongo } from 'mongoose';

/** A command the driver sent and the filter it carried (one per statement of a batch). */
export interface SentFilter {
  command: string;
  collection: string;
  filter: unknown;
}

/**
 * Records the filter of every find, count, findAndModify, update, delete and aggregate the
 * client sends (the connection needs `monitorCommands: true`): what tests of "reads by `_id`
 * alone" inspect.
 */
export function recordFilters(client: mongo.MongoClient, into: SentFilter[]): void {
  client.on('commandStarted', (e) => {
    const c = e.command as Record<string, unknown>;
    const collection = c[e.commandName];
    if (typeof collection !== 'string') return;
    const each = (qs: unknown) => (qs as { q: unknown }[]).map((u) => u.q);
    const found =
      e.commandName === 'find' || e.commandName === 'count'
        ? [c.filter ?? c.query ?? {}]
        : e.commandName === 'findAndModify'
          ? [c.query]
          : e.commandName === 'update'
            ? each(c.updates)
            : e.commandName === 'delete'
              ? each(c.deletes)
              : e.commandName === 'aggregate'
                ? [c.pipeline]
                : [];
    for (const filter of found) into.push({ command: e.commandName, collection, filter });
  });
}

/** `<command> <collection>` of a command the driver started (`find tickets`, `ping`). */
export function commandLabel(e: { commandName: string; command: Record<string, unknown> }): string {
  const target = e.command[e.commandName];
  return `${e.commandName} ${typeof target === 'string' ? target : ''}`.trim();
}
