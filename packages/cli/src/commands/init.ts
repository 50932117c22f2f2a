import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { templateManifest, validateManifest } from '@scene/schema';
import type { Io } from '../io';

const README = (id: string) => `# ${id}

A scene plugin: a JSON document, no code. Edit \`plugin.json\`, then check it:

    scene plugin validate plugin.json

Format reference: packages/schema/MANIFEST.md in the Scene Platform repository. The
\`schedules\` section is work the platform runs on its own (here: a reminder when a repair
waits 4 hours); operators switch each schedule on or off in the studio.
\`fixtures/\` holds the example config and records the studio's previews show; they are
published with the version and checked against plugin.json.
When you change a published plugin, compare versions before publishing:

    scene plugin diff old/plugin.json plugin.json
    scene plugin publish plugin.json --server https://… --token …
`;

/** Example data for the example manifest: its config and one record of its `tickets`. */
const FIXTURES = {
  config: { title: '小区报修', categories: ['水电', '门窗'] },
  records: {
    tickets: [
      {
        _id: 't1',
        createdBy: 'u1',
        createdAt: '2025-05-01T08:00:00.000Z',
        title: '楼道灯不亮',
        category: '水电',
        phone: '13800000000',
        status: 'submitted',
      },
    ],
  },
};

/** `scene plugin init <dir> [--id vendor.name]`: writes a working example plugin. */
export async function initCommand(
  dir: string | undefined,
  id: string | undefined,
  io: Io,
): Promise<number> {
  if (!dir) {
    io.err('用法 / usage: scene plugin init <dir> [--id vendor.name]');
    return 2;
  }
  const target = resolve(dir);
  const pluginId =
    id ??
    `acme.${
      basename(target)
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '-')
        .replace(/^[^a-z]+/, '') || 'example'
    }`;
  const manifest = templateManifest(pluginId);
  const check = validateManifest(manifest);
  if (!check.ok) {
    io.err(
      `✖ 插件 id “${pluginId}” 无效，请用 --id 厂商.名称 / invalid plugin id "${pluginId}"; pass --id vendor.name`,
    );
    return 2;
  }
  await mkdir(target, { recursive: true });
  const existing = await readdir(target);
  if (existing.includes('plugin.json')) {
    io.err(`✖ ${join(target, 'plugin.json')} 已存在 / already exists`);
    return 1;
  }
  await writeFile(join(target, 'plugin.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (!existing.includes('README.md')) await writeFile(join(target, 'README.md'), README(pluginId));
  if (!existing.includes('fixtures')) {
    await mkdir(join(target, 'fixtures'));
    for (const [name, data] of Object.entries(FIXTURES))
      await writeFile(
        join(target, 'fixtures', `${name}.json`),
        `${JSON.stringify(data, null, 2)}\n`,
      );
  }
  io.out(`✔ 已创建 / created ${join(target, 'plugin.json')} (${pluginId}@${manifest.version})`);
  io.out(`  下一步 / next: scene plugin validate ${join(dir, 'plugin.json')}`);
  return 0;
}
