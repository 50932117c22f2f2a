import { schemaIssues } from '../../errors/format';
import { subsetRoot } from '../../subset/compile';
import { createBrowserValidator } from '../../validators/browser';
import type { VendorSchema } from '../../subset/types';
import { walkSchema } from './context';
import type { Ctx } from './context';

/**
 * Every `default` must be a value its own schema accepts (config, collection fields, action
 * inputs): an integer field defaulting to "five" would be published, approved and then fail every
 * operator's install. Checked with the browser's validator, so the studio finds it as the CLI does.
 */
export function checkDefaults(ctx: Ctx): void {
  checkTree(ctx, ctx.m.config, '/config');
  for (const [name, c] of Object.entries(ctx.m.collections))
    checkTree(ctx, c.schema, `/collections/${name}/schema`);
  for (const [name, a] of Object.entries(ctx.m.actions))
    if (a.input) checkTree(ctx, a.input, `/actions/${name}/input`);
}

function checkTree(ctx: Ctx, root: VendorSchema, base: string): void {
  walkSchema(root, base, (s, ptr) => {
    if (s.default === undefined) return;
    const errors = createBrowserValidator(subsetRoot(root, s))(s.default);
    for (const i of schemaIssues(errors, `${ptr}/default`))
      ctx.out.push({
        ...i,
        code: 'default.invalid',
        message: {
          'zh-CN': `默认值不符合该字段自身的模式：${i.message['zh-CN']}`,
          en: `The default does not match the field's own schema: ${i.message.en}`,
        },
      });
  });
}
