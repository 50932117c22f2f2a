import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import App from './App.vue';
import { communityIdFromPath } from './community';

describe('resident shell', () => {
  it('reads the community id from the portal path', () => {
    expect(communityIdFromPath('/c/xixi-garden/repairs')).toBe('xixi-garden');
    expect(communityIdFromPath('/c/')).toBeUndefined();
    expect(communityIdFromPath('/studio/')).toBeUndefined();
  });

  it('shows the community, or says it was not found', () => {
    expect(
      mount(App, { props: { pathname: '/c/abc/' } })
        .get('[data-testid=community]')
        .text(),
    ).toBe('abc');
    expect(
      mount(App, { props: { pathname: '/x' } })
        .get('[role=alert]')
        .text(),
    ).toContain('Community not found');
  });
});
