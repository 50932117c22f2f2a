import { parseJson, validateManifest, type PluginManifest } from '@scene/schema';
import type { IssueDetail } from '@scene/client';
import {
  locateIssues,
  locateJson,
  locateSyntaxIssue,
  rangeOf,
  type LocatedIssue,
} from '../code/json-locate';

export type { LocatedIssue };

export interface ManifestCheck {
  /** The parsed manifest when the text is JSON (valid or not). */
  json?: unknown;
  /** Only when there are no errors. */
  manifest?: PluginManifest;
  issues: LocatedIssue[];
  errors: number;
}

/**
 * What `scene plugin validate` says about the text, at once and in the browser: JSON syntax,
 * the meta-schema (precompiled, so no code is compiled under the studio's CSP) and every semantic
 * rule, each issue placed on its line. The registry's dry run adds what needs the registry: the
 * upgrade gate against the published versions, the vendor and the version (see workbench.ts).
 */
export function checkManifestText(text: string): ManifestCheck {
  const parsed = parseJson(text);
  if (!parsed.ok) return { issues: [locateSyntaxIssue(parsed.issue)], errors: 1 };
  const result = validateManifest(parsed.value);
  return {
    json: parsed.value,
    ...(result.ok ? { manifest: parsed.value as PluginManifest } : {}),
    issues: locateIssues(text, [...result.errors, ...result.warnings]),
    errors: result.errors.length,
  };
}

/** The registry's refusal (`details` pointing into the manifest) placed in the submitted text. */
export function locateServerIssues(text: string, details: unknown): LocatedIssue[] {
  if (!Array.isArray(details)) return [];
  const where = locateJson(text);
  return (details as IssueDetail[])
    .filter((d) => typeof d?.pointer === 'string')
    .map((d) => {
      const pointer = d.pointer;
      return {
        ...rangeOf(where, pointer),
        pointer,
        code: d.code ?? 'server',
        severity: d.severity ?? 'error',
        message: d.messages ?? { 'zh-CN': d.message, en: d.message },
      } satisfies LocatedIssue;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
