import { HttpClient, type Api } from '@scene/client';

/**
 * A fake of one client resource: the methods a test needs, typed by the client's own interface
 * (so a change of the API contract breaks the fake's compile); any other method fails the call.
 */
export function fakeResource<T extends object>(name: string, methods: Partial<T>): T {
  return new Proxy(methods, {
    get(target, key) {
      if (key in target || typeof key === 'symbol') return target[key as keyof typeof target];
      return () => Promise.reject(new Error(`${name}.${key} is not faked in this test`));
    },
  }) as T;
}

/** An Api made of the given fakes; every other resource fails when called. */
export function fakeClient(parts: Partial<Omit<Api, 'http'>>): Api {
  const none = <K extends keyof Api>(name: K) => fakeResource<Api[K] & object>(name, {});
  return {
    // Nothing reaches the network from a test of the studio.
    http: new HttpClient({ fetch: () => Promise.reject(new Error('no network in this test')) }),
    session: parts.session ?? none('session'),
    accounts: parts.accounts ?? none('accounts'),
    tokens: parts.tokens ?? none('tokens'),
    communities: parts.communities ?? none('communities'),
    invitations: parts.invitations ?? none('invitations'),
    members: parts.members ?? none('members'),
    family: parts.family ?? none('family'),
    registry: parts.registry ?? none('registry'),
    installations: parts.installations ?? none('installations'),
    schedules: parts.schedules ?? none('schedules'),
    portals: parts.portals ?? none('portals'),
    runtime: parts.runtime ?? none('runtime'),
    records: parts.records ?? none('records'),
    uploads: parts.uploads ?? none('uploads'),
    points: parts.points ?? none('points'),
    inbox: parts.inbox ?? none('inbox'),
    notifications: parts.notifications ?? none('notifications'),
    privacy: parts.privacy ?? none('privacy'),
    audit: parts.audit ?? none('audit'),
    metrics: parts.metrics ?? none('metrics'),
    operations: parts.operations ?? none('operations'),
  };
}
