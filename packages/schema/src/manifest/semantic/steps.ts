import { issue } from '../../errors/messages';
import type { ViewNode } from '../types';
import { has, type Ctx } from './context';

/**
 * A `steps` node reads one record's workflow: it sits where a record is in scope (a detail or a
 * list row) and names a collection with a workflow whose states its `path` and `next` name.
 */
export function checkStepsNode(ctx: Ctx, node: ViewNode, ptr: string, itemScope: boolean): void {
  if (node.type !== 'steps') return;
  const props = (node.props ?? {}) as {
    workflow?: unknown;
    path?: unknown;
    next?: { state?: unknown }[];
  };
  if (!itemScope)
    ctx.out.push(
      issue(
        ptr,
        'view.itemScope',
        'steps 显示一条记录的进度，只能用在 detail、list、table 或 calendar 的子节点中。',
        'steps shows one record’s progress, so it only goes inside children of detail, list, table or calendar.',
      ),
    );
  if (typeof props.workflow !== 'string') return;
  const wf = has(ctx.m.collections, props.workflow)
    ? ctx.m.collections[props.workflow]!.workflow
    : undefined;
  if (!wf) {
    ctx.out.push(
      issue(
        `${ptr}/props/workflow`,
        'view.stepsWorkflow',
        `集合 “${props.workflow}” 不存在或没有流程（workflow）。`,
        `Collection "${props.workflow}" does not exist or has no workflow.`,
      ),
    );
    return;
  }
  const states = new Set(wf.states.map((s) => s.id));
  const unknown = (state: unknown, at: string) => {
    if (typeof state === 'string' && !states.has(state))
      ctx.out.push(
        issue(
          at,
          'view.stepsState',
          `流程中没有状态 “${state}”。可用：${[...states].join(', ')}。`,
          `The workflow has no state "${state}". Available: ${[...states].join(', ')}.`,
        ),
      );
  };
  if (Array.isArray(props.path)) props.path.forEach((s, i) => unknown(s, `${ptr}/props/path/${i}`));
  if (Array.isArray(props.next))
    props.next.forEach((n, i) => unknown(n?.state, `${ptr}/props/next/${i}/state`));
}

/** Whether a node runs an action that creates a record (its `navigate` may bind the new one). */
export function createsRecord(ctx: Ctx, node: ViewNode): boolean {
  const action = (node.props as { action?: unknown } | undefined)?.action;
  return (
    typeof action === 'string' &&
    has(ctx.m.actions, action) &&
    ctx.m.actions[action]!.type === 'create'
  );
}
