import { describe, expect, it } from 'vitest';
import type { PluginManifest, ViewNode } from '@scene/schema';
import { mountNode, settle, testManifest, type MountNodeOptions } from '../test/mount';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/**
 * A vendor's points shop (not std.points-mall): the redeem action's catalogue is bound to its
 * own config key, so the check must come from the declaration, not from a plugin id.
 */
function shop(): PluginManifest {
  const manifest = testManifest({
    permissions: [{ scope: 'points:spend', reason: t('兑换', 'Redeem') }],
  });
  manifest.config.properties!.gifts = {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { type: 'string', maxLength: 20 },
        name: { type: 'string', maxLength: 20 },
        points: { type: 'integer', minimum: 0 },
      },
    },
  };
  manifest.collections.orders = {
    schemaVersion: 1,
    schema: {
      type: 'object',
      properties: {
        itemId: { type: 'string', maxLength: 20 },
        points: { type: 'integer' },
        quantity: { type: 'integer', minimum: 1, maximum: 5 },
      },
    },
    access: { read: [{ roles: ['resident'] }] },
  };
  manifest.actions.swap = {
    type: 'redeem',
    collection: 'orders',
    catalog: { bind: 'config.gifts' },
    label: t('兑换', 'Redeem'),
    roles: ['resident'],
    input: {
      type: 'object',
      properties: {
        itemId: { type: 'string', maxLength: 20, 'x-widget': 'hidden' },
        quantity: {
          type: 'integer',
          minimum: 1,
          maximum: 5,
          default: 1,
          title: t('数量', 'Quantity'),
        },
      },
      required: ['itemId', 'quantity'],
    },
  };
  return manifest;
}
const config = { title: '兑换', gifts: [{ id: 'haircut', name: '理发', points: 200 }] };
const button: ViewNode = {
  type: 'button',
  props: {
    action: 'swap',
    values: { itemId: 'haircut', quantity: 1 },
    label: t('立即兑换', 'Redeem'),
  },
};

describe('a redeem the balance cannot pay', () => {
  it('is disabled with the points still missing beside it, in both languages', async () => {
    const { wrapper } = await mountNode(button, { manifest: shop(), config, points: 170 });
    const btn = wrapper.get('button');
    expect(btn.attributes('disabled')).toBeDefined();
    const reason = wrapper.get('[data-testid=points-short]');
    expect(reason.text()).toBe('积分不足：还差 30 积分');
    expect(btn.attributes('aria-describedby')).toBe(reason.attributes('id'));
    const en = await mountNode(button, { manifest: shop(), config, points: 170, locale: 'en' });
    expect(en.wrapper.get('[data-testid=points-short]').text()).toBe(
      'Not enough points: 30 more needed',
    );
  });

  it('is enabled with no reason when the balance covers it (exactly, too)', async () => {
    const { wrapper, source } = await mountNode(button, { manifest: shop(), config, points: 200 });
    expect(wrapper.get('button').attributes('disabled')).toBeUndefined();
    expect(wrapper.find('[data-testid=points-short]').exists()).toBe(false);
    await wrapper.get('button').trigger('click');
    await settle();
    expect(source.runs.map((r) => r.action)).toEqual(['swap']);
  });

  it('reads the balance again after a redemption and disables what it no longer pays', async () => {
    const options: MountNodeOptions = {
      manifest: shop(),
      config,
      points: 300,
      onRun: () => {
        options.points = 100;
        return { pointsSpent: 200 };
      },
    };
    const { wrapper } = await mountNode(button, options);
    expect(wrapper.get('button').attributes('disabled')).toBeUndefined();
    await wrapper.get('button').trigger('click');
    await settle();
    expect(wrapper.get('button').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid=points-short]').text()).toBe('积分不足：还差 100 积分');
  });

  it('in a form, counts the quantity chosen', async () => {
    const { wrapper } = await mountNode(
      { type: 'form', props: { action: 'swap', values: { itemId: 'haircut' } } },
      { manifest: shop(), config, points: 500 },
    );
    const submit = () => wrapper.get('button[type=submit]');
    expect(submit().attributes('disabled')).toBeUndefined();
    const quantity = wrapper.get('input[type=number], input[inputmode=numeric]');
    await quantity.setValue('3');
    await settle();
    expect(submit().attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid=points-short]').text()).toBe('积分不足：还差 100 积分');
  });

  it('other actions never ask for the balance', async () => {
    let asked = 0;
    const { wrapper } = await mountNode(
      { type: 'button', props: { action: 'remove', recordId: 'r1' } },
      { points: 0, extend: { pointsBalance: async () => (asked++, 0) } },
    );
    expect(wrapper.get('button').attributes('disabled')).toBeUndefined();
    expect(asked).toBe(0);
  });
});
