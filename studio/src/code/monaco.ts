/**
 * Monaco, loaded only when the code tab first opens (a dynamic import of this module).
 * monaco-editor 0.57 exposes the editor core at `monaco-editor/editor` and opt-in features;
 * workers are bundled as same-origin files by Vite's `?worker`, which the server's CSP allows
 * (`worker-src 'self' blob:`, no eval).
 */
import * as monaco from 'monaco-editor/editor';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/codicon/register';
import { localize } from '@scene/schema';
import type { LocatedIssue } from './json-locate';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

export interface SchemaAssociation {
  uri: string;
  /** Model URIs the schema applies to. */
  fileMatch: string[];
  schema: unknown;
}

/**
 * Schemas for completion and hovers; unknown schemas never load. Monaco's own diagnostics are
 * off: they speak English only and word things differently from the CLI. The editors draw the
 * platform's issues instead (`setIssueMarkers`).
 */
export function setJsonSchemas(schemas: SchemaAssociation[]): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: false,
    allowComments: false,
    enableSchemaRequest: false,
    schemas: schemas.map((s) => ({
      uri: s.uri,
      fileMatch: s.fileMatch,
      schema: s.schema as never,
    })),
  });
}

/** Issues of @scene/schema's validators (or the server's) as the model's markers, in the reader's language. */
export function setIssueMarkers(
  model: monaco.editor.ITextModel,
  issues: readonly LocatedIssue[],
  locale: string,
): void {
  monaco.editor.setModelMarkers(
    model,
    'scene-validate',
    issues.map((i) => ({
      startLineNumber: i.line,
      startColumn: i.column,
      endLineNumber: i.endLine,
      endColumn: i.endColumn,
      message: `${localize(i.message, locale)} [${i.code}]`,
      severity:
        i.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    })),
  );
}

export { monaco, jsonDefaults };
