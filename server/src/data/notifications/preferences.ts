import type { mongo } from 'mongoose';
import { NOTIFY_PREFS } from '../records/names';

/** The channels a notice can reach a person by. */
export const CHANNELS = ['inbox', 'webhook'] as const;
export type ChannelId = (typeof CHANNELS)[number];

/**
 * What one member chose for one community: plugins they muted (no notice from them on any
 * channel) and the channels they accept. Without a document, everything is on.
 */
export interface NotifyPrefs {
  muted: string[];
  channels: Record<ChannelId, boolean>;
}

interface PrefsDoc extends NotifyPrefs {
  _id: string;
  communityId: string;
  accountId: string;
  updatedAt: Date;
}

export const DEFAULT_PREFS: NotifyPrefs = { muted: [], channels: { inbox: true, webhook: true } };
const prefs = (db: mongo.Db) => db.collection<PrefsDoc>(NOTIFY_PREFS);
const idOf = (communityId: string, accountId: string) => `${communityId}|${accountId}`;

export async function readPrefs(
  db: mongo.Db,
  communityId: string,
  accountId: string,
): Promise<NotifyPrefs> {
  const doc = await prefs(db).findOne({ _id: idOf(communityId, accountId) });
  return doc
    ? { muted: doc.muted, channels: { ...DEFAULT_PREFS.channels, ...doc.channels } }
    : DEFAULT_PREFS;
}

export async function writePrefs(
  db: mongo.Db,
  communityId: string,
  accountId: string,
  next: NotifyPrefs,
): Promise<NotifyPrefs> {
  const value: NotifyPrefs = {
    muted: [...new Set(next.muted)].sort(),
    channels: { inbox: next.channels.inbox, webhook: next.channels.webhook },
  };
  await prefs(db).updateOne(
    { _id: idOf(communityId, accountId) },
    { $set: { ...value, communityId, accountId, updatedAt: new Date() } },
    { upsert: true },
  );
  return value;
}

/** Who of `ids` takes a notice of `pluginId` on each channel, by their settings. */
export interface Reach {
  inbox: string[];
  webhook: string[];
}

/**
 * Splits recipients by channel. Reads only the settings documents of the recipients (by `_id`),
 * in bounded batches, so a fan-out to 10,000 people costs a few reads, not one per person.
 */
export async function reachOf(
  db: mongo.Db,
  communityId: string,
  pluginId: string,
  ids: string[],
): Promise<Reach> {
  const settings = new Map<string, PrefsDoc>();
  for (let i = 0; i < ids.length; i += 1000) {
    const docs = await prefs(db)
      .find({ _id: { $in: ids.slice(i, i + 1000).map((id) => idOf(communityId, id)) } })
      .toArray();
    for (const d of docs) settings.set(d.accountId, d);
  }
  const reach: Reach = { inbox: [], webhook: [] };
  for (const id of ids) {
    const s = settings.get(id);
    if (s?.muted.includes(pluginId)) continue;
    if (s?.channels.inbox !== false) reach.inbox.push(id);
    if (s?.channels.webhook !== false) reach.webhook.push(id);
  }
  return reach;
}
