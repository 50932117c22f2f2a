import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
  chmodSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath } from './which';

export const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';

/**
 * Changes made to FerretDB's source before it is built. Each names the exact text it replaces, so
 * a new FerretDB version without that text fails the build loudly instead of building unpatched.
 */
const PATCHES: readonly { file: string; from: string; to: string }[] = [
  {
    // The SQLite handler creates its unique `_id` index on `_ferretdb_sjson->"_id"` but looks a
    // document up (find, update, delete by `_id`) with `_ferretdb_sjson->'$._id'`. SQLite uses an
    // expression index only for the same expression, so every lookup by `_id` read the whole
    // table: 75 ms for a find and 183 ms for an update among 20,000 documents, against 3 ms with
    // the forms matched. The query now uses the index's form.
    file: 'internal/backends/sqlite/metadata/metadata.go',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: 'IDColumn = DefaultColumn + `->"_id"`',
  },
  {
    // The handler filters every document the backend returns with the whole filter again, so
    // the backend may narrow by `_id` whenever the filter names one, not only when `_id` is all
    // it names: `{_id, _rev}` (a record's guarded update) and `{_id, communityId}` read one row
    // instead of decoding the collection.
    file: 'internal/backends/sqlite/collection.go',
    from: 'if params.Filter.Len() == 1 {\n\t\tv, _ := params.Filter.Get("_id")',
    to: 'if params.Filter.Len() >= 1 {\n\t\tv, _ := params.Filter.Get("_id")',
  },
  {
    // An update command closes each update's query only when the whole command ends (a `defer`
    // in its loop), and each open query holds one of the 100 pooled SQLite connections: the
    // 100th update of one command (a `bulkWrite` of 100 `updateOne`s, e.g. one notice appended
    // to 100 existing inboxes) waited for a connection forever. Each query is now closed as soon
    // as its update is done.
    file: 'internal/handler/msg_update.go',
    from: 'closer := iterator.NewMultiCloser()\n\t\tdefer closer.Close()\n',
    to: 'closer := iterator.NewMultiCloser()\n',
  },
  {
    file: 'internal/handler/msg_update.go',
    from: 'result, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n',
    to: 'result, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n\t\tcloser.Close()\n',
  },
];

/** The name of our build: a stock `ferretdb` lacks the patches, so it is never mistaken for it. */
const BINARY = `ferretdb-${FERRETDB_VERSION}-scene.${PATCHES.length}`;

function goPath(path?: string): string | undefined {
  const go = findOnPath('go', path);
  if (!go) return undefined;
  return execFileSync(go, ['env', 'GOPATH'], { encoding: 'utf8' }).trim() || undefined;
}

/**
 * Our patched build in $(go env GOPATH)/bin if it is there. Without Go (so nothing can be built),
 * a stock `ferretdb` on the PATH: it works, only its lookups by `_id` scan (see PATCHES).
 */
export function findFerretDb(path?: string): string | undefined {
  const gp = goPath(path);
  if (gp) {
    const built = join(gp, 'bin', BINARY);
    return existsSync(built) ? built : undefined;
  }
  return findOnPath('ferretdb', path);
}

/**
 * Builds FerretDB into $(go env GOPATH)/bin so every clone on the machine reuses it.
 *
 * A plain `go install …/cmd/ferretdb@v1.24.2` builds a binary that panics at start, because
 * FerretDB embeds `build/version/version.txt`, which its release tooling generates and the module
 * zip lacks. So we build the same module version from a copy of its source with that file written
 * and PATCHES applied.
 */
export function buildFerretDb(log: (line: string) => void = () => {}): string {
  const gp = goPath();
  if (!gp) throw new Error('Go is not on the PATH');
  log(`building FerretDB ${FERRETDB_VERSION} with Go (once per machine)…`);
  const info = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], {
      encoding: 'utf8',
    }),
  ) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download failed: ${info.Error ?? 'no module directory'}`);
  const work = mkdtempSync(join(tmpdir(), 'ferretdb-src-'));
  try {
    cpSync(info.Dir, work, { recursive: true });
    makeWritable(work);
    writeFileSync(join(work, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    for (const patch of PATCHES) applyPatch(work, patch);
    const out = join(gp, 'bin', BINARY);
    execFileSync('go', ['build', '-o', out, './cmd/ferretdb'], { cwd: work, stdio: 'inherit' });
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function applyPatch(root: string, patch: (typeof PATCHES)[number]): void {
  const file = join(root, patch.file);
  const source = readFileSync(file, 'utf8');
  if (!source.includes(patch.from))
    throw new Error(
      `FerretDB ${FERRETDB_VERSION}: ${patch.file} no longer holds ${patch.from}. Update the patch ` +
        'in packages/devdb/src/ferretdb.ts for this FerretDB version, or set MONGODB_URI to a ' +
        'database you run yourself.',
    );
  writeFileSync(file, source.split(patch.from).join(patch.to)); // every occurrence (query, explain)
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) makeWritable(p);
    else chmodSync(p, 0o644);
  }
}

/** Size a checkpointed write-ahead log is cut back to. */
export const WAL_LIMIT_BYTES = 32 * 1024 * 1024;

export function ferretDbArgs(dataDir: string, port: number): string[] {
  return [
    '--handler=sqlite',
    // Bound the write-ahead log: SQLite keeps a WAL file at its largest size unless told to
    // truncate it after each checkpoint (seen: 290 MB after an 8-minute soak, kept on restart).
    `--sqlite-url=file:${dataDir}/?_pragma=journal_size_limit(${WAL_LIMIT_BYTES})`,
    `--listen-addr=127.0.0.1:${port}`,
    `--state-dir=${dataDir}`,
    '--telemetry=disable',
    // FERRETDB_DEBUG_ADDR (e.g. 127.0.0.1:18088) serves Go's profiler, /debug/pprof, for a run
    // that asks where the database's time goes; none otherwise.
    `--debug-addr=${process.env.FERRETDB_DEBUG_ADDR || '-'}`,
    '--log-level=warn',
  ];
}
