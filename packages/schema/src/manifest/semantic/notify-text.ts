import { issue } from '../../errors/messages';
import { configKeysIn } from '../parts/notify-text';
import type { LocalizedText } from '../types';
import type { Ctx } from './context';

/**
 * `{config.<key>}` in a notice's title or body names a top-level property of config: every
 * `notify` list of the manifest (actions, transitions, waitlists, schedules, guards) is read.
 */
export function checkNotifyTexts(ctx: Ctx): void {
  const props = ctx.m.config?.properties ?? {};
  const visit = (node: unknown, ptr: string): void => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => visit(v, `${ptr}/${i}`));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'notify' && Array.isArray(v)) v.forEach((n, i) => notice(n, `${ptr}/notify/${i}`));
      else visit(v, `${ptr}/${k}`);
    }
  };
  const notice = (n: unknown, ptr: string): void => {
    for (const part of ['title', 'body'] as const) {
      const text = (n as Record<string, LocalizedText | undefined>)[part];
      if (!text) continue;
      for (const key of configKeysIn(text))
        if (!Object.hasOwn(props, key))
          ctx.out.push(
            issue(
              `${ptr}/${part}`,
              'notify.config',
              `通知文字中的 {config.${key}}：config 中没有 “${key}”。`,
              `{config.${key}} in the notice's text: "${key}" is not a property of config.`,
            ),
          );
    }
  };
  for (const [k, v] of Object.entries(ctx.m))
    if (k !== 'views' && k !== 'config') visit(v, `/${k}`);
}
