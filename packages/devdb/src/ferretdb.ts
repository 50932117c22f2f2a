import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
  chmodSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath } from './which';

export const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';

function goPath(path?: string): string | undefined {
  const go = findOnPath('go', path);
  if (!go) return undefined;
  return execFileSync(go, ['env', 'GOPATH'], { encoding: 'utf8' }).trim() || undefined;
}

/** The ferretdb binary on the PATH or in $(go env GOPATH)/bin, if there is one. */
export function findFerretDb(path?: string): string | undefined {
  const onPath = findOnPath('ferretdb', path);
  if (onPath) return onPath;
  const gp = goPath(path);
  const inGoBin = gp ? join(gp, 'bin', 'ferretdb') : undefined;
  return inGoBin && existsSync(inGoBin) ? inGoBin : undefined;
}

/**
 * Builds FerretDB into $(go env GOPATH)/bin so every clone on the machine reuses it.
 *
 * A plain `go install …/cmd/ferretdb@v1.24.2` builds a binary that panics at start, because
 * FerretDB embeds `build/version/version.txt`, which its release tooling generates and the module
 * zip lacks. So we build the same module version from a copy of its source with that file written.
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
    const out = join(gp, 'bin', 'ferretdb');
    execFileSync('go', ['build', '-o', out, './cmd/ferretdb'], { cwd: work, stdio: 'inherit' });
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
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
    '--debug-addr=-',
    '--log-level=warn',
  ];
}
