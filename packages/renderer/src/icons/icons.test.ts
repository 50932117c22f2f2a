import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { ICONS } from '@scene/schema';
import SpIcon from './SpIcon.vue';
import { loadIcons } from './load';
import { icons } from './set';
import { SHELL_ICONS } from './names';

describe('the icon set', () => {
  it('draws every icon a plugin may name and every shell icon', () => {
    for (const name of [...ICONS, ...SHELL_ICONS])
      expect(icons[name]?.length, name).toBeGreaterThan(0);
  });

  it('renders an SVG hidden from screen readers, with the drawing once loaded', async () => {
    await loadIcons();
    const w = mount(SpIcon, { props: { name: 'wrench' } });
    await flushPromises();
    const svg = w.find('svg');
    expect(svg.attributes('aria-hidden')).toBe('true');
    expect(svg.element.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(svg.findAll('path').length).toBeGreaterThan(0);
    expect(svg.find('path').element.namespaceURI).toBe('http://www.w3.org/2000/svg');
  });

  it('draws nothing for a name outside the set', () => {
    expect(
      mount(SpIcon, { props: { name: 'rocket' } })
        .find('svg')
        .exists(),
    ).toBe(false);
    expect(
      mount(SpIcon, { props: { name: 42 } })
        .find('svg')
        .exists(),
    ).toBe(false);
  });
});
