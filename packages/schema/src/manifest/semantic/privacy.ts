// Checks of each collection's `privacy` declaration and of queries that would hand out personal
// data around it (grouping or filtering by a personal field).
import { coversField, personalFields, type PersonalField } from '../../access/privacy';
import { rolesOfHolder, holdsAny } from '../../access/roles';
import { issue } from '../../errors/messages';
import type { CollectionDef } from '../types';
import { checkFilter, checkRecordField, checkRoles, has } from './context';
import type { Ctx } from './context';

const shown = (fields: PersonalField[]) => fields.map((f) => f.path.join('.')).join(', ');

export function checkPrivacy(ctx: Ctx): void {
  for (const [name, c] of Object.entries(ctx.m.collections)) {
    const ptr = `/collections/${name}/privacy`;
    const pii = personalFields(c.schema);
    if (!c.privacy) {
      if (pii.length > 0)
        ctx.out.push(
          issue(
            `/collections/${name}`,
            'privacy.missing',
            `集合含个人信息字段（${shown(pii)}）但没有 privacy 声明：除记录本人外所有人只看到掩码，也没有角色能申请查看明文。若有岗位确需明文，请在 privacy.clear 中写明。`,
            `The collection holds personal fields (${shown(pii)}) but declares no privacy: everyone but the record's own person sees masks, and no role may unmask. If a job needs them in clear, say so in privacy.clear.`,
            'warning',
          ),
        );
      continue;
    }
    // A collection without personal fields may still say whom its records are about.
    if (pii.length === 0 && (c.privacy.clear || c.privacy.unmask))
      ctx.out.push(
        issue(
          ptr,
          'privacy.nothing',
          '集合没有个人信息字段（x-pii），privacy 声明不起作用。',
          'The collection has no personal fields (x-pii), so privacy has nothing to govern.',
          'warning',
        ),
      );
    (c.privacy.clear ?? []).forEach((rule, i) => {
      const at = `${ptr}/clear/${i}`;
      rule.fields.forEach((f, j) => {
        if (pii.length > 0 && !pii.some((p) => coversField(f, p.path)))
          ctx.out.push(
            issue(
              `${at}/fields/${j}`,
              'privacy.field',
              `“${f}” 不是个人信息字段（x-pii），也不包含个人信息字段。个人信息字段：${shown(pii)}。`,
              `"${f}" is not a personal field (x-pii) and holds none. Personal fields: ${shown(pii)}.`,
            ),
          );
      });
      checkPrivacyRoles(ctx, rule.roles, `${at}/roles`);
      checkFilter(ctx, rule.where, `${at}/where`, (f, p) => checkRecordField(ctx, c, name, f, p));
      rule.roles.forEach((r, j) => {
        if (r !== 'public' && ctx.roles.has(r) && !readable(ctx, c, r))
          ctx.out.push(
            issue(
              `${at}/roles/${j}`,
              'privacy.unreadable',
              `角色 “${r}” 不能读取集合 “${name}”（access.read 没有它的规则），这条明文规则不会生效。`,
              `Role "${r}" cannot read collection "${name}" (no access.read rule for it), so this clear rule never applies.`,
              'warning',
            ),
          );
      });
    });
    if (c.privacy.unmask) checkPrivacyRoles(ctx, c.privacy.unmask, `${ptr}/unmask`);
    if (c.privacy.subject !== undefined) checkSubject(ctx, c, c.privacy.subject, `${ptr}/subject`);
  }
  checkQueriesAroundPii(ctx);
}

/** Whom a record is about is a person: a top-level string field holding an account id. */
function checkSubject(ctx: Ctx, c: CollectionDef, field: string, ptr: string): void {
  const prop = (c.schema.properties as Record<string, Record<string, unknown>> | undefined)?.[
    field
  ];
  if (prop?.type === 'string' && prop['x-ref'] === 'user') return;
  ctx.out.push(
    issue(
      ptr,
      'privacy.subject',
      `“${field}” 不是记录的顶层账号字段（type: string，x-ref: "user"），不能用来说明记录是关于谁的。`,
      `"${field}" is not a top-level account field of the record (type: string, x-ref: "user"), so it cannot say whom the record is about.`,
    ),
  );
}

/** Roles in privacy rules must be declared and never `public`. */
function checkPrivacyRoles(ctx: Ctx, roles: string[], ptr: string): void {
  checkRoles(ctx, roles, ptr, false);
  roles.forEach((r, i) => {
    if (r === 'public')
      ctx.out.push(
        issue(
          `${ptr}/${i}`,
          'privacy.public',
          '个人信息不能对匿名访客（public）显示明文或解除掩码。',
          'Personal data is never shown in clear or unmasked to anonymous visitors (public).',
        ),
      );
  });
}

function readable(ctx: Ctx, c: CollectionDef, role: string): boolean {
  const held = rolesOfHolder(role as Parameters<typeof rolesOfHolder>[0], ctx.m);
  return c.access.read.some((rule) => holdsAny(held, rule.roles));
}

/** A group query answers with field values, a filter tests them: neither around the mask. */
function checkQueriesAroundPii(ctx: Ctx): void {
  for (const [qname, q] of Object.entries(ctx.m.queries)) {
    if (!has(ctx.m.collections, q.collection)) continue;
    const pii = personalFields(ctx.m.collections[q.collection]!.schema);
    if (pii.length === 0) continue;
    const personal = (field: string) => pii.some((p) => coversField(field, p.path));
    const groupBy =
      q.groupBy === undefined ? [] : Array.isArray(q.groupBy) ? q.groupBy : [q.groupBy];
    groupBy.forEach((f, i) => {
      if (personal(f))
        ctx.out.push(
          issue(
            `/queries/${qname}/groupBy${Array.isArray(q.groupBy) ? `/${i}` : ''}`,
            'query.groupByPii',
            `不能按个人信息字段 “${f}” 分组：分组结果会原样返回它的取值。`,
            `A query cannot group by the personal field "${f}": the groups would return its values in clear.`,
          ),
        );
    });
    for (const f of Object.keys(q.filterable ?? {}))
      if (personal(f))
        ctx.out.push(
          issue(
            `/queries/${qname}/filterable/${f}`,
            'query.filterPii',
            `允许按个人信息字段 “${f}” 筛选，调用者可借此逐个试出它的取值。`,
            `Filtering on the personal field "${f}" lets a caller test its values one guess at a time.`,
            'warning',
          ),
        );
  }
}
