import { effectiveRoles } from '../access/roles';
import { roleName } from '../access/role-names';
import { mayOpenView, viewRoles } from '../access/views';
import { schemaIssues } from '../errors/format';
import type { Issue, ValidationResult } from '../errors/issue';
import { toResult } from '../errors/issue';
import { issue } from '../errors/messages';
import type { PluginManifest } from '../manifest/types';
import { primitivePropsValidator } from '../manifest/semantic/views';
import { primitiveCatalog } from '../primitives/catalog';
import { portal as portalValidator } from '../generated/portal';
import type { Block, Portal } from './types';

/**
 * Checks a block's config overrides against its plugin's config schema. Vendor schemas exist only
 * at run time, so the engine depends on where this runs: Ajv on the server (validate.ts), the
 * CSP-safe interpreter in the browser (`browserConfigCheck`). Both answer in the same words.
 */
export type ConfigCheck = (manifest: PluginManifest, config: unknown) => Issue[];

export interface ValidatePortalOptions {
  /** Installed plugins by id; when given, plugin blocks are checked against them. */
  plugins?: Record<string, PluginManifest>;
  /** Ids of standard plugins every community must place somewhere (coverage warnings). */
  standardPlugins?: string[];
}

/** Validates a portal document: schema, ids, tabs → pages, blocks → installed plugin views and config. */
export function checkPortal(
  json: unknown,
  options: ValidatePortalOptions,
  configCheck: ConfigCheck,
): ValidationResult {
  if (!portalValidator(json)) return toResult(schemaIssues(portalValidator.errors));
  const portal = json as Portal;
  const out: Issue[] = [];
  const pages = new Set<string>();
  portal.pages.forEach((p, i) => {
    if (pages.has(p.id))
      out.push(
        issue(
          `/pages/${i}/id`,
          'portal.duplicate',
          `页面 id “${p.id}” 重复。`,
          `Page id "${p.id}" is used twice.`,
        ),
      );
    pages.add(p.id);
  });
  portal.tabs.forEach((tab, i) => {
    if (!pages.has(tab.page))
      out.push(
        issue(
          `/tabs/${i}/page`,
          'portal.page',
          `页面 “${tab.page}” 不存在。`,
          `Page "${tab.page}" does not exist.`,
        ),
      );
  });
  const blockIds = new Set<string>();
  const placed = new Set<string>();
  const walk = (b: Block, ptr: string, isPublic: boolean): void => {
    if (blockIds.has(b.id))
      out.push(
        issue(
          `${ptr}/id`,
          'portal.duplicate',
          `区块 id “${b.id}” 重复。`,
          `Block id "${b.id}" is used twice.`,
        ),
      );
    blockIds.add(b.id);
    if (b.kind === 'primitive') {
      const spec = primitiveCatalog[b.type];
      if (!spec?.portalBlock) {
        out.push(
          issue(
            `${ptr}/type`,
            'portal.primitive',
            `“${b.type}” 不能直接放在门户页面上（数据和输入组件须来自插件视图）。`,
            `"${b.type}" cannot be placed on a portal page directly (data and input primitives come from plugin views).`,
          ),
        );
        return;
      }
      const v = primitivePropsValidator(b.type);
      if (!v(b.props ?? {})) out.push(...schemaIssues(v.errors, `${ptr}/props`));
      if (spec.children === 'none' && b.children?.length)
        out.push(
          issue(
            `${ptr}/children`,
            'portal.children',
            `“${b.type}” 不能有子区块。`,
            `"${b.type}" takes no child blocks.`,
          ),
        );
      b.children?.forEach((c, i) => walk(c, `${ptr}/children/${i}`, isPublic));
      return;
    }
    placed.add(b.plugin);
    if (!options.plugins) return;
    const m = Object.prototype.hasOwnProperty.call(options.plugins, b.plugin)
      ? options.plugins[b.plugin]
      : undefined;
    if (!m)
      return void out.push(
        issue(
          `${ptr}/plugin`,
          'portal.plugin',
          `插件 “${b.plugin}” 未安装。`,
          `Plugin "${b.plugin}" is not installed.`,
        ),
      );
    const view = m.views.find((v) => v.id === b.view);
    if (!view)
      return void out.push(
        issue(
          `${ptr}/view`,
          'portal.view',
          `插件 “${b.plugin}” 没有视图 “${b.view}”。`,
          `Plugin "${b.plugin}" has no view "${b.view}".`,
        ),
      );
    if (view.slot !== 'block')
      out.push(
        issue(
          `${ptr}/view`,
          'portal.slot',
          `视图 “${b.view}” 是页面视图，不能作为区块放置。`,
          `View "${b.view}" is a page view and cannot be placed as a block.`,
        ),
      );
    // Every block is shown only to those its view opens to; on a public page the operator
    // should know which ones visitors will not get.
    if (isPublic && !mayOpenView(effectiveRoles(null, m), view)) {
      // Named in words: the view by its title (or its plugin's name), its roles by their labels.
      const shown = view.title ?? m.name;
      const roles = viewRoles(view).map((r) => roleName(r, m));
      out.push(
        issue(
          `${ptr}/view`,
          'portal.public',
          `访客看不到这个区块：「${shown['zh-CN']}」只向${roles.map((r) => r['zh-CN']).join('、')}显示，登录的这些成员仍能看到。`,
          `Visitors will not get this block: "${shown.en}" opens to ${roles.map((r) => r.en).join(', ')} only; those members still see it once signed in.`,
          'warning',
        ),
      );
    }
    if (b.config) {
      // Overrides are partial: only errors about values present count, not missing required ones.
      out.push(
        ...configCheck(m, b.config)
          .filter((e) => e.code !== 'schema.required')
          .map((e) => ({ ...e, pointer: `${ptr}/config${e.pointer}` })),
      );
    }
  };
  portal.pages.forEach((p, i) =>
    p.blocks.forEach((b, j) => walk(b, `/pages/${i}/blocks/${j}`, p.public === true)),
  );
  for (const id of options.standardPlugins ?? [])
    if (!placed.has(id)) {
      const name = options.plugins?.[id]?.name ?? { 'zh-CN': id, en: id };
      out.push(
        issue(
          '/pages',
          'portal.coverage',
          `标配组件「${name['zh-CN']}」尚未放到任何页面。`,
          `The standard plugin "${name.en}" is not placed on any page.`,
          'warning',
        ),
      );
    }
  return toResult(out);
}
