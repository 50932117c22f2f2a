import { checkUpgrade, VERSION_CHANGE_TEXT } from '@scene/schema';
import type { PluginManifest } from '@scene/schema';
import type { Io } from '../io';
import { printIssues } from '../io';
import { validateFile } from './validate';
import { readFile } from 'node:fs/promises';

/** `scene plugin diff <old> <new> [--json]`: exit 0 when the new version may follow the old one. */
export async function diffCommand(files: string[], json: boolean, io: Io): Promise<number> {
  if (files.length !== 2) {
    io.err('用法 / usage: scene plugin diff <old/plugin.json> <new/plugin.json> [--json]');
    return 2;
  }
  const checked = await Promise.all(files.map(validateFile));
  const invalid = checked.filter((c) => !c.ok);
  if (invalid.length > 0) {
    if (json) io.out(JSON.stringify({ allowed: false, invalid }, null, 2));
    else
      for (const c of invalid) {
        io.out(`✖ ${c.file}: 清单无效，无法比较 / the manifest is invalid, cannot compare`);
        printIssues(io, c.errors);
      }
    return 1;
  }
  const [prev, next] = (await Promise.all(
    files.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as PluginManifest),
  )) as [PluginManifest, PluginManifest];
  const r = checkUpgrade(prev, next);
  if (json) {
    io.out(JSON.stringify(r, null, 2));
    return r.allowed ? 0 : 1;
  }
  io.out(`${prev.id}: ${prev.version} → ${next.version}`);
  if (r.diff.changes.length === 0) io.out('  没有改动 / no changes');
  for (const c of r.diff.changes) {
    const tag = c.breaking ? '不兼容 BREAKING ' : '兼容 compatible';
    io.out(`  [${tag}] ${c.pointer}\n      ${c.message['zh-CN']}\n      ${c.message.en}`);
  }
  const words = (k: keyof typeof VERSION_CHANGE_TEXT) =>
    `${VERSION_CHANGE_TEXT[k]['zh-CN']} / ${VERSION_CHANGE_TEXT[k].en}`;
  io.out(`版本变化 / version change: ${words(r.actualBump)}`);
  io.out(`改动需要 / the changes need: ${words(r.requiredBump)}`);
  if (r.allowed) io.out('✔ 允许发布 / this upgrade is allowed');
  else {
    io.out('✖ 不允许发布 / this upgrade is not allowed:');
    printIssues(io, r.issues);
  }
  return r.allowed ? 0 : 1;
}
