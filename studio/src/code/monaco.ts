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

/** Every JSON model the studio opens is checked against its schema; unknown schemas never load. */
export function setJsonSchemas(schemas: SchemaAssociation[]): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: 'error',
    trailingCommas: 'error',
    schemas: schemas.map((s) => ({
      uri: s.uri,
      fileMatch: s.fileMatch,
      schema: s.schema as never,
    })),
  });
}

export { monaco, jsonDefaults };
