import { readFile } from 'node:fs/promises';
import { formatIssue, parseJson } from '@scene/schema';
import type { Issue } from '@scene/schema';

/** Where a command writes; tests pass their own. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export type Loaded = { ok: true; json: unknown } | { ok: false; issue: Issue };

/** Reads and parses a JSON file; failures become an issue like any other. */
export async function loadJson(file: string): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? 'error';
    return {
      ok: false,
      issue: {
        pointer: '',
        code: 'file.read',
        severity: 'error',
        message: { 'zh-CN': `无法读取文件（${why}）。`, en: `Cannot read the file (${why}).` },
      },
    };
  }
  const parsed = parseJson(text);
  if (parsed.ok) return { ok: true, json: parsed.value };
  return { ok: false, issue: parsed.issue };
}

export function printIssues(io: Io, issues: Issue[]): void {
  for (const i of issues) io.out(formatIssue(i));
}

/** Splits `--flag value`, `--flag=value` and boolean `--flag` from positional arguments. */
export function parseArgs(
  args: string[],
  valued: string[],
): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (inline !== undefined) flags[name] = inline;
    else if (valued.includes(name) && i + 1 < args.length) flags[name] = args[++i]!;
    else flags[name] = true;
  }
  return { positional, flags };
}
