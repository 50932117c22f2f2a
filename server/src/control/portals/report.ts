import type { Issue, Portal, Block } from '@scene/schema';

export interface ReportIssue {
  severity: 'error' | 'warning';
  code: string;
  /** English message; `messages` has both languages. */
  message: string;
  messages: { 'zh-CN': string; en: string };
  /** JSON pointer into the portal. */
  path: string;
}

export interface ValidationReport {
  ok: boolean;
  errors: ReportIssue[];
  warnings: ReportIssue[];
}

const toReportIssue = (i: Issue): ReportIssue => ({
  severity: i.severity,
  code: i.code,
  message: i.message.en,
  messages: i.message,
  path: i.pointer,
});

export function toReport(errors: Issue[], warnings: Issue[]): ValidationReport {
  return {
    ok: errors.length === 0,
    errors: errors.slice(0, 200).map(toReportIssue),
    warnings: warnings.slice(0, 200).map(toReportIssue),
  };
}

/** Every plugin block of a portal: plugin id → the view ids it places. */
export function pluginUsage(portal: Portal): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const walk = (b: Block) => {
    if (b.kind === 'plugin') {
      if (!out.has(b.plugin)) out.set(b.plugin, new Set());
      out.get(b.plugin)!.add(b.view);
    } else b.children?.forEach(walk);
  };
  for (const page of portal.pages ?? []) page.blocks?.forEach(walk);
  return out;
}
