import {
  browserConfigCheck,
  checkPortal,
  parseJson,
  type Page,
  type PluginManifest,
  type Portal,
} from '@scene/schema';
import type { CodeScope } from '../stores/selection';
import { locateIssues, locateSyntaxIssue, type LocatedIssue } from './json-locate';

/** What the code tab's text stands for in the draft. */
export interface CodeTarget {
  scope: CodeScope;
  /** The draft around the text. */
  portal: Portal;
  /** A block's page (a public page holds only public views). */
  page?: Page;
}

export interface CodeCheck {
  /** The parsed text, when it is JSON. */
  value?: unknown;
  issues: LocatedIssue[];
}

/** Where the text's value sits in the portal the checks run on. */
const AT: Record<CodeScope, string> = { portal: '', page: '/pages/0', block: '/pages/0/blocks/0' };

/**
 * The code tab's text checked as publishing checks the portal (schema, ids, primitive props,
 * installed plugins' views and config), with the server's validators and words: precompiled for
 * the fixed schemas and CSP-safe for plugin configs. A page or a block stands in for the draft's
 * pages, so only its own issues are reported, each on its line of the text.
 */
export function checkCodeText(
  text: string,
  target: CodeTarget,
  plugins: Record<string, PluginManifest>,
): CodeCheck {
  const parsed = parseJson(text);
  if (!parsed.ok) return { issues: [locateSyntaxIssue(parsed.issue)] };
  const { value } = parsed;
  const { portal, scope } = target;
  const page = target.page ?? portal.pages[0];
  const candidate =
    scope === 'portal'
      ? value
      : scope === 'page'
        ? { ...portal, pages: [value] }
        : { ...portal, pages: [{ ...page, blocks: [value] }] };
  const at = AT[scope];
  const result = checkPortal(candidate, { plugins }, browserConfigCheck);
  const own = [...result.errors, ...result.warnings]
    .filter((i) => i.pointer === at || i.pointer.startsWith(`${at}/`))
    .map((i) => ({ ...i, pointer: i.pointer.slice(at.length) }));
  return { value, issues: locateIssues(text, own) };
}
