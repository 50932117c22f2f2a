/**
 * JSON-patch-like operations on the portal document. Every applied operation returns its
 * inverse, so the history stores small forward/backward op lists per step instead of copies
 * of the whole portal (a 300-block portal would otherwise cost a full copy per keystroke).
 */

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export type PatchOp =
  /** Arrays: insert before `path`'s last index (length = append). Objects: create the key. */
  | { op: 'add'; path: Path; value: unknown }
  | { op: 'remove'; path: Path }
  | { op: 'replace'; path: Path; value: unknown };

export class PatchError extends Error {
  override name = 'PatchError';
}

type Container = Record<string, unknown> | unknown[];

/** JSON values only; also strips Vue proxies so the history never aliases live state. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function parentOf(doc: unknown, path: Path): { parent: Container; key: PathSegment } {
  if (path.length === 0) throw new PatchError('An operation needs a non-empty path.');
  let node = doc;
  for (const seg of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') {
      throw new PatchError(`No container at ${pointer(path)}.`);
    }
    node = (node as Record<string, unknown>)[seg as string];
  }
  if (node === null || typeof node !== 'object') {
    throw new PatchError(`No container at ${pointer(path)}.`);
  }
  return { parent: node as Container, key: path[path.length - 1]! };
}

function index(key: PathSegment, max: number): number {
  const i = typeof key === 'number' ? key : Number(key);
  if (!Number.isInteger(i) || i < 0 || i > max) throw new PatchError(`Bad index ${key}.`);
  return i;
}

/** Applies one operation in place and returns the operation that undoes it. */
export function applyOp(doc: unknown, op: PatchOp): PatchOp {
  const { parent, key } = parentOf(doc, op.path);
  if (Array.isArray(parent)) {
    if (op.op === 'add') {
      const i = index(key, parent.length);
      parent.splice(i, 0, cloneJson(op.value));
      return { op: 'remove', path: op.path };
    }
    const i = index(key, parent.length - 1);
    const old = cloneJson(parent[i]);
    if (op.op === 'remove') {
      parent.splice(i, 1);
      return { op: 'add', path: op.path, value: old };
    }
    parent[i] = cloneJson(op.value);
    return { op: 'replace', path: op.path, value: old };
  }
  const k = String(key);
  // The server refuses these keys anyway; assigning `__proto__` would swap an object's prototype.
  if (k === '__proto__') throw new PatchError('The key "__proto__" is not allowed.');
  const had = Object.prototype.hasOwnProperty.call(parent, k);
  const old = had ? cloneJson(parent[k]) : undefined;
  if (op.op === 'remove') {
    if (!had) throw new PatchError(`Nothing to remove at ${pointer(op.path)}.`);
    delete parent[k];
    return { op: 'add', path: op.path, value: old };
  }
  parent[k] = cloneJson(op.value);
  return had ? { op: 'replace', path: op.path, value: old } : { op: 'remove', path: op.path };
}

/**
 * Applies operations in order and returns the inverse list (already reversed, ready to apply).
 * On failure the operations applied so far are undone, so the document is never half-changed.
 */
export function applyPatch(doc: unknown, ops: readonly PatchOp[]): PatchOp[] {
  const inverse: PatchOp[] = [];
  try {
    for (const op of ops) inverse.unshift(applyOp(doc, op));
  } catch (err) {
    for (const op of inverse) applyOp(doc, op);
    throw err;
  }
  return inverse;
}

/** RFC 6901 pointer for display and for validation reports. */
export function pointer(path: Path): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function parsePointer(ptr: string): PathSegment[] {
  if (!ptr) return [];
  return ptr
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/**
 * The operations that turn `before` into `after`: objects key by key, arrays of equal length
 * item by item, anything else replaced whole. Used when the operator edits JSON in the code
 * tab, so even a whole-portal edit is stored as the few fields that changed.
 */
export function diffOps(before: unknown, after: unknown, path: PathSegment[] = []): PatchOp[] {
  if (Object.is(before, after)) return [];
  const bothObjects =
    before !== null &&
    after !== null &&
    typeof before === 'object' &&
    typeof after === 'object' &&
    Array.isArray(before) === Array.isArray(after);
  if (!bothObjects) return [{ op: 'replace', path, value: after }];
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return [{ op: 'replace', path, value: after }];
    return before.flatMap((b, i) => diffOps(b, after[i], [...path, i]));
  }
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const ops: PatchOp[] = [];
  // Own keys only: `toString in {}` is true and would hide an added "toString" key.
  for (const k of Object.keys(a)) {
    if (!Object.hasOwn(b, k)) ops.push({ op: 'remove', path: [...path, k] });
  }
  for (const k of Object.keys(b)) {
    if (!Object.hasOwn(a, k)) ops.push({ op: 'add', path: [...path, k], value: b[k] });
    else ops.push(...diffOps(a[k], b[k], [...path, k]));
  }
  return ops;
}
