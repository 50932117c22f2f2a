import { isDuplicateKey } from '../../db/claims';
import type { LocalizedText } from '@scene/schema';
import { Types, type mongo } from 'mongoose';
import { HttpError } from '../../http/errors';
import { LEDGER } from '../records/names';

/**
 * The points ledger: append-only entries, one chain per (community, account). Each entry holds
 * its sequence number and the balance after it; `{communityId, accountId, seq}` is unique, so
 * appending is "read the last entry, insert seq+1" and two concurrent appends cannot both
 * extend the same entry: the loser re-reads and re-checks the balance. The last entry is the
 * balance document. Spending checks `balance + delta ≥ 0` against the entry it extends, so no
 * interleaving can overdraw. (A guarded `$inc` on a balance document is the MongoDB idiom, but
 * FerretDB v1 does not isolate updates; see records/revisions.ts.)
 *
 * `{communityId, idemKey}` is unique too: an award or a spend for the same reason is written once.
 */
export type EntryKind = 'earn' | 'spend' | 'refund';

export interface LedgerEntry {
  _id: string;
  communityId: string;
  accountId: string;
  seq: number;
  delta: number;
  balanceAfter: number;
  kind: EntryKind;
  pluginId: string;
  action: string;
  recordId: string | null;
  idemKey: string;
  reason: LocalizedText | null;
  createdAt: Date;
}

export interface AppendRequest {
  communityId: string;
  accountId: string;
  delta: number;
  kind: EntryKind;
  pluginId: string;
  action: string;
  recordId: string | null;
  idemKey: string;
  reason?: LocalizedText;
}

export type AppendResult =
  { ok: true; entry: LedgerEntry; replayed: boolean } | { ok: false; balance: number };

const MAX_ROUNDS = 500;

export const ledger = (db: mongo.Db) => db.collection<LedgerEntry>(LEDGER);

export async function lastEntry(
  db: mongo.Db,
  communityId: string,
  accountId: string,
): Promise<LedgerEntry | null> {
  return ledger(db).findOne({ communityId, accountId }, { sort: { seq: -1 } });
}

export async function balanceOf(
  db: mongo.Db,
  communityId: string,
  accountId: string,
): Promise<number> {
  return (await lastEntry(db, communityId, accountId))?.balanceAfter ?? 0;
}

export async function append(db: mongo.Db, req: AppendRequest): Promise<AppendResult> {
  if (!Number.isSafeInteger(req.delta) || req.delta === 0)
    throw new Error('ledger delta must be a non-zero integer');
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const done = await ledger(db).findOne({ communityId: req.communityId, idemKey: req.idemKey });
    if (done) return { ok: true, entry: done, replayed: true };
    const last = await lastEntry(db, req.communityId, req.accountId);
    const balance = last?.balanceAfter ?? 0;
    if (balance + req.delta < 0) return { ok: false, balance };
    const entry: LedgerEntry = {
      _id: new Types.ObjectId().toHexString(),
      communityId: req.communityId,
      accountId: req.accountId,
      seq: (last?.seq ?? 0) + 1,
      delta: req.delta,
      balanceAfter: balance + req.delta,
      kind: req.kind,
      pluginId: req.pluginId,
      action: req.action,
      recordId: req.recordId,
      idemKey: req.idemKey,
      reason: req.reason ?? null,
      createdAt: new Date(),
    };
    try {
      await ledger(db).insertOne(entry);
      return { ok: true, entry, replayed: false };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Another append took this seq (or wrote this idemKey): read again and re-check.
    }
  }
  throw new HttpError(503, 'busy', 'Too many changes to these points at once; please try again.');
}
