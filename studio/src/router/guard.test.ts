import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import { areas } from '../areas';
import { setApi } from '../api';
import { createStudioRouter } from '.';
import { useAuthStore } from '../stores/auth';
import { communities, fakeApi, operator, resident } from '../testing/fake-api';
import { loadsInFlight } from '@scene/forms/busy';

let pinia: Pinia;
beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  localStorage.clear();
  // As after a sign-in in this browser; the anonymous test removes it.
  localStorage.setItem('scene-studio.signed-in', '1');
});

async function open(path: string) {
  const router = createStudioRouter(areas, pinia, createMemoryHistory('/studio/'));
  await router.push(path);
  return router.currentRoute.value;
}

describe('studio router guard', () => {
  it('sends an anonymous visitor to the login page, remembering where they were going', async () => {
    localStorage.removeItem('scene-studio.signed-in');
    setApi(fakeApi({ user: null }));
    const route = await open('/c/c1/history');
    expect(route.name).toBe('login');
    expect(route.query.next).toBe('/c/c1/history');
  });

  it('asks the server when the browser once had a session, and accepts its no', async () => {
    setApi(fakeApi({ user: null }));
    expect((await open('/')).name).toBe('login');
    expect(localStorage.getItem('scene-studio.signed-in')).toBeNull();
  });

  it('lands an operator on the compose screen of their first community', async () => {
    setApi(fakeApi({ user: operator, communities }));
    const route = await open('/');
    expect(route.name).toBe('compose');
    expect(route.params.communityId).toBe('c1');
  });

  it('follows the community in the address and remembers it', async () => {
    setApi(fakeApi({ user: operator, communities }));
    const route = await open('/c/c2/compose');
    expect(route.params.communityId).toBe('c2');
    expect(useAuthStore(pinia).currentCommunityId).toBe('c2');
    expect(localStorage.getItem('scene-studio.community')).toBe('c2');
  });

  it('refuses a community the user does not manage', async () => {
    setApi(fakeApi({ user: operator, communities }));
    const route = await open('/c/elsewhere/compose');
    expect(route.params.communityId).toBe('c1');
    expect(useAuthStore(pinia).currentCommunityId).toBe('c1');
  });

  it('tells a resident why the studio is closed to them', async () => {
    setApi(fakeApi({ user: resident, communities }));
    expect((await open('/')).name).toBe('no-access');
    expect((await open('/c/c1/compose')).name).toBe('no-access');
  });

  it('keeps a vendor out of community composing', async () => {
    const vendor = {
      account: { ...resident.account, platformRoles: ['vendor' as const] },
      memberships: [],
    };
    setApi(fakeApi({ user: vendor, communities }));
    const route = await open('/c/c1/compose');
    expect(route.name).not.toBe('compose');
    expect(route.meta.scope).not.toBe('community');
  });
});

describe('studio router busy count', () => {
  it('counts a navigation, redirects included, as one load until it has ended', async () => {
    setApi(fakeApi({ user: operator, communities }));
    const router = createStudioRouter(areas, pinia, createMemoryHistory('/studio/'));
    let seen = 0;
    router.beforeResolve(() => {
      seen = Math.max(seen, loadsInFlight.value);
    });
    // A count drops a task after its load ends (busy.ts): earlier tests' have by now.
    const aTaskLater = () => new Promise((r) => setTimeout(r, 0));
    await aTaskLater();
    expect(loadsInFlight.value).toBe(0);
    // `/` redirects to the first community's compose screen: still one navigation's count.
    await router.push('/');
    expect(router.currentRoute.value.name).toBe('compose');
    expect(seen).toBe(1);
    await aTaskLater();
    expect(loadsInFlight.value).toBe(0);
  });
});
