import type { Logger } from 'pino';

/**
 * Facts one module states and others act on. Each event names what happened, not who listens;
 * the composition root (`services.ts`) is the one place that subscribes, so reading it tells what
 * follows from what.
 */
export interface DomainEventMap {
  /** A community was created (the installations module installs the standard plugins). */
  'community.created': { communityId: string; actor: { accountId: string } | 'system' };
  /**
   * What a community's runtime bundle is built from changed: the live portal pointer moved
   * (publish, rollback), an installation or its config changed, the community was renamed or
   * archived. Emitted after the change is written.
   */
  'runtime.changed': { communityId: string; reason: RuntimeChangeReason };
  /** An operator switched a schedule of an installation on or off. */
  'schedules.changed': { communityId: string };
}

export type RuntimeChangeReason =
  'portal.published' | 'portal.rolled-back' | 'installation.changed' | 'community.changed';

export type DomainEvent = keyof DomainEventMap;
type Handler<E extends DomainEvent> = (payload: DomainEventMap[E]) => Promise<void> | void;

/**
 * A typed, in-process event bus. `emit` awaits every handler in order, so a caller that emits
 * after a write knows the consequences have run (the standard plugins are installed before
 * `create` answers); a failing handler fails the emitting call, as a direct call would.
 */
export class DomainEvents {
  private readonly handlers: { [E in DomainEvent]?: Handler<E>[] } = {};

  constructor(private readonly logger?: Pick<Logger, 'debug'>) {}

  on<E extends DomainEvent>(event: E, handler: Handler<E>): void {
    const list = (this.handlers[event] ??= []) as Handler<E>[];
    list.push(handler);
  }

  async emit<E extends DomainEvent>(event: E, payload: DomainEventMap[E]): Promise<void> {
    this.logger?.debug({ event, payload }, 'domain event');
    for (const handler of (this.handlers[event] ?? []) as Handler<E>[]) await handler(payload);
  }
}
