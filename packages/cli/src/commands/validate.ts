import { validateManifest } from '@scene/schema';
import type { Issue, PluginManifest } from '@scene/schema';
import type { Io } from '../io';
import { loadJson, printIssues } from '../io';

export interface FileResult {
  file: string;
  ok: boolean;
  plugin?: string;
  errors: Issue[];
  warnings: Issue[];
}

export async function validateFile(file: string): Promise<FileResult> {
  const loaded = await loadJson(file);
  if (!loaded.ok) return { file, ok: false, errors: [loaded.issue], warnings: [] };
  const r = validateManifest(loaded.json);
  const m = loaded.json as Partial<PluginManifest>;
  const plugin =
    typeof m.id === 'string' && typeof m.version === 'string' ? `${m.id}@${m.version}` : undefined;
  return { file, ok: r.ok, plugin, errors: r.errors, warnings: r.warnings };
}

/** `scene plugin validate <plugin.json...> [--json]`: exit 0 only when every file is valid. */
export async function validateCommand(files: string[], json: boolean, io: Io): Promise<number> {
  if (files.length === 0) {
    io.err('用法 / usage: scene plugin validate <plugin.json...> [--json]');
    return 2;
  }
  const results = await Promise.all(files.map(validateFile));
  if (json) io.out(JSON.stringify(results, null, 2));
  else {
    for (const r of results) {
      const head = r.plugin ? `${r.file} (${r.plugin})` : r.file;
      if (r.ok)
        io.out(
          `✔ ${head}: 有效 / valid${r.warnings.length ? `, ${r.warnings.length} 个警告 / warning(s)` : ''}`,
        );
      else io.out(`✖ ${head}: ${r.errors.length} 个错误 / error(s)`);
      printIssues(io, [...r.errors, ...r.warnings]);
    }
    const bad = results.filter((r) => !r.ok).length;
    io.out(
      bad === 0
        ? `全部有效 / all ${results.length} valid`
        : `${bad}/${results.length} 个文件无效 / file(s) invalid`,
    );
  }
  return results.every((r) => r.ok) ? 0 : 1;
}
