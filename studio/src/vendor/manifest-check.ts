import type { LocalizedText, PluginManifest } from '@scene/schema';
import type { IssueDetail } from '@scene/client';
import { locateJson, rangeOf, type TextRange } from './json-locate';
import { validateManifestSafe } from '../manifest/validate-safe';

/** A validation finding placed in the editor's text. */
export interface LocatedIssue extends TextRange {
  pointer: string;
  code: string;
  severity: 'error' | 'warning';
  message: LocalizedText;
}

export interface ManifestCheck {
  /** The parsed manifest when the text is JSON (valid or not). */
  json?: unknown;
  /** Only when there are no errors. */
  manifest?: PluginManifest;
  issues: LocatedIssue[];
  errors: number;
}

/** `Unexpected token … at position 42` / `(line 3 column 5)` → where JSON.parse stopped. */
function parseErrorRange(text: string, message: string): TextRange {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) {
    const line = Number(lc[1]);
    const column = Number(lc[2]);
    return { line, column, endLine: line, endColumn: column + 1 };
  }
  const pos = /position (\d+)/.exec(message);
  const at = pos ? Number(pos[1]) : text.length;
  const before = text.slice(0, at).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  return { line, column, endLine: line, endColumn: column + 1 };
}

const sortByLine = (a: LocatedIssue, b: LocatedIssue) => a.line - b.line || a.column - b.column;

/**
 * What the browser can check at once: JSON syntax and the manifest's structure (see
 * validate-safe.ts), with each issue's JSON pointer turned into a line and column of `text`.
 * The registry's dry run adds the rest (see workbench.ts).
 */
export function checkManifestText(text: string): ManifestCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    return {
      issues: [
        {
          ...parseErrorRange(text, message),
          pointer: '',
          code: 'json.syntax',
          severity: 'error',
          message: { 'zh-CN': `不是合法的 JSON：${message}`, en: `Not valid JSON: ${message}` },
        },
      ],
      errors: 1,
    };
  }
  const result = validateManifestSafe(json);
  const where = locateJson(text);
  const issues = [...result.errors, ...result.warnings]
    .map((i) => ({ ...rangeOf(where, i.pointer), ...i }))
    .sort(sortByLine);
  return {
    json,
    ...(result.ok ? { manifest: json as PluginManifest } : {}),
    issues,
    errors: result.errors.length,
  };
}

/** The registry's refusal (`details` pointing into `/body`) placed in the submitted text. */
export function locateServerIssues(text: string, details: unknown): LocatedIssue[] {
  if (!Array.isArray(details)) return [];
  const where = locateJson(text);
  return (details as IssueDetail[])
    .filter((d) => typeof d?.pointer === 'string')
    .map((d) => {
      const pointer = d.pointer.replace(/^\/body/, '');
      return {
        ...rangeOf(where, pointer),
        pointer,
        code: d.code ?? 'server',
        severity: d.severity ?? 'error',
        message: d.messages ?? { 'zh-CN': d.message, en: d.message },
      } satisfies LocatedIssue;
    })
    .sort(sortByLine);
}
