import { createHmac, randomBytes } from 'node:crypto';
import { isDuplicateKey } from '../../db/claims';
import { HttpError } from '../../http/errors';
import { recordsOf, type PluginContext } from '../records/context';
import { CODES, SYSTEM_FIELDS } from '../records/names';
import type { StoredRecord } from '../records/types';
import type { NumberedInsert } from '../records/write';
import {
  numberingId,
  numberings,
  NUMBERINGS_BOUND,
  type Numbering,
  raiseHint,
  type NumberingDoc,
} from '../records/numbers';
import { claimCode, claimSequence, codeKey, type CodeClaim } from './numbering-claims';

/**
 * A record's number and code (`set: {"var": "seq"}`, `{"var": "code"}`), carried by the record
 * itself so that creating it is one insert (issue 18: a create in two round trips, the record
 * and its notices).
 *
 * Number `n` of a collection in a community names the record: its `_id` is a keyed hash of `n`,
 * so the record collection's `_id` — unique on every MongoDB-compatible server, FerretDB v1
 * included, also under concurrent inserts — is what keeps two records from sharing a number; a
 * lost race is a duplicate `_id` and the insert moves on to the next number. The code is `n`
 * run through a keyed permutation of the six-digit codes, so distinct numbers have distinct
 * codes, a code says nothing about its neighbours without the key, and a code typed at a
 * counter (`findBy`) leads back to `n` and the record's `_id` with no claim to read.
 *
 * The key and the way a numbering works are stored once per plugin, collection and community in
 * `rec_codes` (`…|@`), read once per process. A numbering that began as claims (its community's
 * collection had records before records carried their numbers) stays claims
 * (numbering-claims.ts), since only the claims know which codes its records hold.
 */

/** The fields of a `set` that the record's code and number fill. */
interface NumberedFields {
  code: string[];
  seq: string[];
}

function numberedFields(set: Record<string, unknown> | undefined): NumberedFields | undefined {
  const out: NumberedFields = { code: [], seq: [] };
  for (const [field, v] of Object.entries(set ?? {})) {
    if (SYSTEM_FIELDS.has(field) || field.startsWith('_')) continue;
    const kind = v !== null && typeof v === 'object' ? (v as { var?: unknown }).var : undefined;
    if (kind === 'code') out.code.push(field);
    else if (kind === 'seq') out.seq.push(field);
  }
  return out.code.length + out.seq.length > 0 ? out : undefined;
}

/**
 * A create leaves out its change note when this process inserted the number before it less than
 * this long ago: readers that saw that one probe the next (queries/number-probe.ts), and keep
 * probing a number they learnt of for longer than this (PENDING_MS there), so a create that
 * fills an old gap after that (a process whose numbers lag) is noted instead.
 */
export const QUIET_AFTER_MS = 60_000;
const INSERTED_KEPT = 16;
/**
 * The stored hint moves every this many numbers (and after a collision), not on every create:
 * its update cost a create 0.15-0.19 ms of its ~2.5 at every tenth number (actions bench). A
 * restarted process starts from the hint and steps past at most this many numbers taken since,
 * once per numbering (a refused insert and a read by `_id` each).
 */
const HINT_EVERY = 25;
const SIDE = 1000;
/** Six digits: the permutation's domain, so a collection's codes run out after a million. */
const CODE_SPACE = SIDE * SIDE;
const ROUNDS = 6;

async function numberingOf(ctx: PluginContext, collection: string): Promise<Numbering> {
  const id = numberingId(ctx.manifest.id, collection, ctx.communityId);
  const memoryKey = `${ctx.db.databaseName}|${id}`;
  const known = numberings.get(memoryKey);
  if (known) return known;
  const states = ctx.db.collection<NumberingDoc>(CODES);
  let doc = await states.findOne({ _id: id });
  if (!doc) {
    // Once per collection and community, ever: a collection with records already has numbers
    // and codes that only claims know.
    const older = await recordsOf(ctx, collection).findOne(
      { communityId: ctx.communityId },
      { projection: { _id: 1 } },
    );
    const fresh: NumberingDoc = {
      _id: id,
      way: older ? 'claims' : 'record',
      key: randomBytes(16).toString('hex'),
      last: 0,
    };
    try {
      await states.insertOne(fresh);
      doc = fresh;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      doc = await states.findOne({ _id: id });
      if (!doc) throw err;
    }
  }
  const numbering: Numbering = {
    id,
    way: doc.way,
    key: Buffer.from(doc.key, 'hex'),
    last: doc.last,
    inserted: new Map(),
  };
  if (numberings.size >= NUMBERINGS_BOUND) numberings.delete(numberings.keys().next().value!);
  numberings.set(memoryKey, numbering);
  return numbering;
}

/** The `_id` of record number `n`: 24 hex digits like every record id. */
function recordIdOf(numbering: Numbering, n: number): string {
  return createHmac('sha256', numbering.key).update(`#${n}`).digest('hex').slice(0, 24);
}

/**
 * Per numbering key, the round function's values as they are first asked for: it takes only
 * ROUNDS × SIDE inputs, and a code costs ROUNDS of them (an HMAC each, ~60 µs a code uncached).
 * Keyed by the key's Buffer, held by its numbering (and let go with it).
 */
const mixed = new WeakMap<Buffer, Int16Array>();

function mix(key: Buffer, round: number, half: number): number {
  let table = mixed.get(key);
  if (!table) mixed.set(key, (table = new Int16Array(ROUNDS * SIDE).fill(-1)));
  const at = round * SIDE + half;
  let v = table[at]!;
  if (v < 0) {
    v = createHmac('sha256', key).update(`${round}|${half}`).digest().readUInt32BE(0) % SIDE;
    table[at] = v;
  }
  return v;
}

/** The code of number `n` (1 … CODE_SPACE): a keyed Feistel permutation of 0 … 999999. */
export function codeOf(key: Buffer, n: number): string {
  let a = Math.floor((n - 1) / SIDE);
  let b = (n - 1) % SIDE;
  for (let r = 0; r < ROUNDS; r++) [a, b] = [b, (a + mix(key, r, b)) % SIDE];
  return String(a * SIDE + b).padStart(6, '0');
}

/** The number whose code this is (the permutation run backwards), or undefined. */
export function numberOfCode(key: Buffer, code: string): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const x = Number(code);
  let a = Math.floor(x / SIDE);
  let b = x % SIDE;
  for (let r = ROUNDS - 1; r >= 0; r--) [a, b] = [(b - mix(key, r, a) + SIDE) % SIDE, a];
  return a * SIDE + b + 1;
}

const busy = (message: string) => new HttpError(503, 'busy', message);

/**
 * Inserts a new record (`insert`, which keeps the collection's other rules) with its code and
 * number filled in, as `set` asks; without `code` or `seq` in `set` it is just `insert`. A number
 * someone else took first (another process, whose numbers this one had not seen) is a duplicate
 * `_id`: the record is named by the next number and inserted again.
 */
export async function insertNumbered<T>(
  ctx: PluginContext,
  collection: string,
  doc: StoredRecord,
  set: Record<string, unknown> | undefined,
  insert: (doc: StoredRecord, numbered?: NumberedInsert) => Promise<T>,
): Promise<T> {
  const fields = numberedFields(set);
  if (!fields) return insert(doc);
  const numbering = await numberingOf(ctx, collection);
  if (numbering.way === 'claims') {
    const code = fields.code.length ? await claimCode(ctx, collection, doc._id) : '';
    for (const f of fields.code) doc[f] = code;
    const n = fields.seq.length ? await claimSequence(ctx, collection) : 0;
    for (const f of fields.seq) doc[f] = n;
    return insert(doc);
  }
  let collided = false;
  for (let attempt = 0; attempt < 200; attempt++) {
    // Taken in memory before the insert, so this process's own concurrent creates never race
    // for one number; a refused insert leaves a gap (as a claim taken before the record did).
    const n = ++numbering.last;
    if (fields.code.length && n > CODE_SPACE)
      throw busy('No free code could be found; please try again.');
    doc._id = recordIdOf(numbering, n);
    const code = fields.code.length ? codeOf(numbering.key, n) : '';
    for (const f of fields.code) doc[f] = code;
    for (const f of fields.seq) doc[f] = n;
    // Carried by the record, so its delete's note names it and a reload knows every number.
    doc._n = n;
    let out: T;
    try {
      out = await insert(doc, { n, quiet: () => insertedQuietly(numbering, n) });
    } catch (err) {
      if (!(await numberTaken(ctx, collection, doc._id, err))) {
        // Refused (full, a duplicate, invalid): the number goes back when no later one was
        // handed out meanwhile, so a run of refusals leaves no run of gaps.
        if (numbering.last === n) numbering.last = n - 1;
        delete doc._n;
        throw err;
      }
      // Behind: records' deletes raised the stored hint past every number they freed (below),
      // so stepping on from here would hand one of those out again; start from the hint.
      if (!collided) await catchUp(ctx, numbering);
      collided = true;
      continue;
    }
    if (collided || n % HINT_EVERY === 0) await saveHint(ctx, numbering, n);
    return out;
  }
  throw busy('Too many people are doing this at once. Please try again.');
}

/**
 * Remembers that this process inserted number `n`; true when it inserted `n - 1` too, lately:
 * then the create needs no change note, since a reader that learnt of `n - 1` probes `n`.
 */
function insertedQuietly(numbering: Numbering, n: number): boolean {
  const now = Date.now();
  const before = numbering.inserted.get(n - 1);
  numbering.inserted.set(n, now);
  if (numbering.inserted.size > INSERTED_KEPT)
    numbering.inserted.delete(numbering.inserted.keys().next().value!);
  return before !== undefined && now - before < QUIET_AFTER_MS;
}

/**
 * Whether an insert failed because its number's record exists. The local database does not say
 * which unique index refused an insert, so a refusal (a duplicate key, or the 409 the record
 * layer makes of one) is followed by a read of the record by `_id`: the rare path only.
 */
async function numberTaken(
  ctx: PluginContext,
  collection: string,
  id: string,
  err: unknown,
): Promise<boolean> {
  if (!isDuplicateKey(err) && !(err instanceof HttpError && err.status === 409)) return false;
  return !!(await recordsOf(ctx, collection).findOne({ _id: id }, { projection: { _id: 1 } }));
}

async function catchUp(ctx: PluginContext, numbering: Numbering): Promise<void> {
  const stored = await ctx.db
    .collection<NumberingDoc>(CODES)
    .findOne({ _id: numbering.id }, { projection: { last: 1 } });
  if (stored && stored.last > numbering.last) numbering.last = stored.last;
}

function saveHint(ctx: PluginContext, numbering: Numbering, n: number): Promise<void> {
  // A hint that lags costs a later process a few tries: no read-back, unlike a delete's.
  return raiseHint(ctx.db, numbering.id, n);
}

/**
 * Where a code typed at a counter leads: the id of the record it names (which may not exist:
 * a code nobody holds yet), `byValue` when only a search of the records by the code can tell (a
 * claim from before claims named their records), or null when no record holds it.
 */
export async function codeTarget(
  ctx: PluginContext,
  collection: string,
  code: string,
): Promise<{ id: string } | 'byValue' | null> {
  const numbering = await numberingOf(ctx, collection);
  if (numbering.way === 'record') {
    const n = numberOfCode(numbering.key, code);
    return n === undefined ? null : { id: recordIdOf(numbering, n) };
  }
  const claim = await ctx.db
    .collection<CodeClaim>(CODES)
    .findOne({ _id: codeKey(ctx, collection, code) });
  if (!claim) return null;
  return claim.record ? { id: claim.record } : 'byValue';
}

/**
 * Begins a collection's numbering in a community before records are put there other than by an
 * action (the demo's past activity, copies of example records), so that the creates that follow
 * carry their own numbers instead of claiming them as a collection with older records does.
 */
export async function startNumbering(ctx: PluginContext, collection: string): Promise<void> {
  await numberingOf(ctx, collection);
}

/**
 * How to name record number `n` of a collection in the context's community, and a number
 * already handed out (this process's, or the stored hint: records from before records carried
 * their numbers have none), for readers that find creates by number (queries/number-probe.ts);
 * undefined while the collection is not numbered this way there. Never starts a numbering.
 */
export async function numberedIdsOf(
  ctx: PluginContext,
  collection: string,
): Promise<{ ids: (n: number) => string; floor: number } | undefined> {
  const id = numberingId(ctx.manifest.id, collection, ctx.communityId);
  let numbering = numberings.get(`${ctx.db.databaseName}|${id}`);
  if (!numbering) {
    if (!(await ctx.db.collection<NumberingDoc>(CODES).findOne({ _id: id }))) return undefined;
    numbering = await numberingOf(ctx, collection);
  }
  const known = numbering;
  if (known.way !== 'record') return undefined;
  return { ids: (n) => recordIdOf(known, n), floor: known.last };
}

/** Forgets what this process knows of every numbering, as a restart does (tests of cold starts). */
export function forgetNumberings(): void {
  numberings.clear();
}
