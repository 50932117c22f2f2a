import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import App from './App.vue';
import { greeting } from './greeting';

describe('studio shell', () => {
  it('greets by the hour', () => {
    expect(greeting(9)).toContain('上午好');
    expect(greeting(15)).toContain('Good afternoon');
    expect(greeting(21)).toContain('晚上好');
  });

  it('renders its title', () => {
    expect(mount(App).get('h1').text()).toContain('场景工作室');
  });
});
