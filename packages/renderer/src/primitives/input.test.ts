import { standardPluginEntries } from '@scene/plugins';
import { addDays, localDate, parseDate, weekdayName } from '@scene/schema';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { announcement } from '../announcer';
import { mountNode, settle, staffUser, testManifest } from '../test/mount';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const refusal = (zh: string) =>
  Object.assign(new Error('refused'), {
    status: 409,
    code: 'capacity',
    details: { message: { 'zh-CN': zh, en: 'refused' } },
  });

describe('input primitives', () => {
  it('button runs a transition on the record only for users who may, then refreshes', async () => {
    let refreshed = 0;
    const item = { _id: 't1', status: 'open', createdBy: 'u-resident' };
    const node = { type: 'button', props: { action: 'finish', label: t('完工', 'Finish') } };
    const resident = await mountNode(node, { scope: { item } });
    expect(resident.wrapper.find('button').exists()).toBe(false);
    const { wrapper, source } = await mountNode(node, {
      user: staffUser,
      scope: { item, refresh: () => refreshed++ },
    });
    await wrapper.get('button').trigger('click');
    await settle();
    expect(source.runs).toEqual([
      expect.objectContaining({ plugin: 'std.test', action: 'finish', recordId: 't1' }),
    ]);
    expect(refreshed).toBe(1);
    // Not offered when the record is not in a `from` state of the transition.
    const done = await mountNode(node, {
      user: staffUser,
      scope: { item: { ...item, status: 'done' } },
    });
    expect(done.wrapper.find('button').exists()).toBe(false);
  });

  it('button asks first when the action says confirm, and cannot be pressed twice while running', async () => {
    let release!: () => void;
    const { wrapper, source } = await mountNode(
      { type: 'button', props: { action: 'remove', label: t('删除', 'Delete') } },
      {
        scope: { item: { _id: 'x', createdBy: 'u-resident' } },
        onRun: () => new Promise((r) => (release = () => r({}))),
      },
    );
    await wrapper.get('button').trigger('click');
    expect(wrapper.get('[role=alert]').text()).toBe('确定删除吗？');
    expect(source.runs).toHaveLength(0);
    await wrapper.get('button.sp-btn').trigger('click');
    await wrapper.get('button.sp-btn').trigger('click');
    expect(source.runs).toHaveLength(1);
    expect(source.runs[0]!.idempotencyKey).toBeTruthy();
    release();
    await settle();
    expect(wrapper.text()).toContain('已完成');
  });

  it('button without an action navigates', async () => {
    const { wrapper, source } = await mountNode(
      { type: 'button', props: { label: t('我要报修', 'Report'), navigate: { view: 'report' } } },
      { user: null },
    );
    await wrapper.get('button').trigger('click');
    expect(source.navigations).toEqual([{ plugin: 'std.test', view: 'report', id: undefined }]);
  });

  it('rating sends the chosen stars through the action and shows points earned', async () => {
    const { wrapper, source } = await mountNode(
      { type: 'rating', props: { action: 'rate', field: 'rating' } },
      {
        scope: { item: { _id: 't1', status: 'done', createdBy: 'u-resident' } },
        onRun: () => ({ pointsAwarded: 5 }),
      },
    );
    const stars = wrapper.findAll('input[type=radio]');
    expect(stars).toHaveLength(5);
    await stars[3]!.setValue();
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs[0]).toMatchObject({ action: 'rate', input: { rating: 4 }, recordId: 't1' });
    expect(wrapper.get('[role=status]').text()).toBe('感谢您的评价 · 获得 5 积分');
    // Said again outside the primitive, which the refreshed record may no longer show.
    expect(announcement.value?.text).toBe('获得 5 积分');
    const readonly = await mountNode(
      { type: 'rating', props: { field: 'rating', readonly: true } },
      { scope: { item: { _id: 't', rating: 3 } }, locale: 'en' },
    );
    expect(readonly.wrapper.get('[aria-label]').attributes('aria-label')).toBe('3 stars');
    expect(readonly.wrapper.findAll('.on')).toHaveLength(3);
  });

  it('ballot casts one vote with the record id and shows the results; a second vote is refused', async () => {
    let calls = 0;
    const node = {
      type: 'ballot',
      props: {
        action: 'report',
        options: [
          { value: 'yes', label: t('赞成', 'For') },
          { value: 'no', label: t('反对', 'Against') },
        ],
        optionField: 'choice',
        results: 'byStatus',
        values: { proposalId: { bind: 'item._id' } },
      },
    };
    const { wrapper, source } = await mountNode(node, {
      scope: { item: { _id: 'p1' } },
      groups: { 'std.test/byStatus': [{ value: 'yes', count: 3 }] },
      onRun: () => {
        if (calls++ > 0) throw refusal('您已经投过票了');
        return {};
      },
    });
    expect(wrapper.findAll('.sp-results li').map((l) => l.text())).toEqual([
      '赞成3 票',
      '反对0 票',
    ]);
    await wrapper.findAll('input[type=radio]')[0]!.setValue();
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs[0]).toMatchObject({
      action: 'report',
      input: { proposalId: 'p1', choice: 'yes' },
    });
    expect(source.runs[0]!.recordId).toBeUndefined();
    expect(wrapper.find('form').exists()).toBe(false);
    expect(wrapper.get('[role=status]').text()).toBe('您已投票');
    // A second visit: the server refuses and the refusal is shown in its own words.
    const again = await mountNode(node, {
      scope: { item: { _id: 'p1' } },
      onRun: () => {
        throw refusal('您已经投过票了');
      },
    });
    await again.wrapper.findAll('input[type=radio]')[1]!.setValue();
    await again.wrapper.get('form').trigger('submit');
    await settle();
    expect(again.wrapper.get('[role=alert]').text()).toBe('您已经投过票了');
  });

  it('ballot asks an anonymous visitor to log in', async () => {
    const { wrapper, source } = await mountNode(
      { type: 'ballot', props: { action: 'report', options: ['a'], optionField: 'c' } },
      { user: null },
    );
    await wrapper.get('button').trigger('click');
    expect(source.navigations).toEqual([{ shell: 'login' }]);
  });

  it('consent needs the box ticked before signing, then says signed', async () => {
    const { wrapper, source } = await mountNode({
      type: 'consent',
      props: {
        action: 'report',
        text: t('我已阅读并**自愿遵守**本公约', 'I agree'),
        label: t('签署公约', 'Sign'),
        values: { version: 2 },
      },
    });
    expect(wrapper.get('label.sp-option strong').text()).toBe('自愿遵守');
    const submit = wrapper.get('button[type=submit]');
    expect(submit.text()).toBe('签署公约');
    expect(submit.attributes('disabled')).toBeDefined();
    await wrapper.get('input[type=checkbox]').setValue(true);
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs[0]).toMatchObject({ action: 'report', input: { version: 2 } });
    expect(wrapper.get('[role=status]').text()).toBe('您已签署');
  });

  it('consent shows signed when the signed query finds a signature', async () => {
    const { wrapper } = await mountNode(
      { type: 'consent', props: { action: 'report', text: 'x', signed: 'openCount' } },
      { counts: { 'std.test/openCount': 1 } },
    );
    expect(wrapper.find('form').exists()).toBe(false);
    expect(wrapper.text()).toContain('您已签署');
  });

  it('slot-picker shows places left per slot, disables full ones, books, and shows a refusal', async () => {
    const node = {
      type: 'slot-picker',
      props: {
        action: 'report',
        availability: 'byStatus',
        slots: [
          { id: 'lunch', label: t('午餐', 'Lunch'), serveFrom: '11:00', serveTo: '12:30' },
          { id: 'dinner', label: t('晚餐', 'Dinner') },
        ],
        dateField: 'date',
        slotField: 'meal',
        daysAhead: 3,
      },
    };
    // The community's today (Asia/Shanghai by default), whatever zone this machine is in.
    const iso = localDate(new Date(), 'Asia/Shanghai');
    const capacities = {
      'std.test/byStatus': [
        { key: { date: iso, meal: 'lunch' }, used: 2, limit: 2 },
        { key: { date: iso, meal: 'dinner' }, used: 1, limit: 2 },
      ],
    };
    const { wrapper, source } = await mountNode(node, {
      capacities,
      onRun: () => {
        throw refusal('该时段已约满');
      },
    });
    expect(wrapper.findAll('fieldset.sp-chips input')).toHaveLength(3);
    const options = wrapper.findAll('.sp-options .sp-option');
    expect(options.map((o) => o.text())).toEqual(['午餐 · 11:00–12:30已约满', '晚餐剩 1 位']);
    expect(options[0]!.get('input').attributes('disabled')).toBeDefined();
    await options[1]!.get('input').setValue();
    // The action's other required input (`title`) is asked for below the picker.
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs).toHaveLength(0);
    await wrapper.get('input[type=text], input:not([type])').setValue('张奶奶');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs[0]!.input).toEqual({ title: '张奶奶', meal: 'dinner', date: iso });
    expect(wrapper.get('[role=alert]').text()).toBe('该时段已约满');
  });

  it('slot-picker counts the places of the value chosen below when the rule is keyed on more than day and slot', async () => {
    const iso = localDate(new Date(), 'Asia/Shanghai');
    const node = {
      type: 'slot-picker',
      props: {
        action: 'report',
        availability: 'byStatus',
        slots: [{ id: 'lunch', label: t('午餐', 'Lunch') }],
        dateField: 'date',
        slotField: 'meal',
        daysAhead: 2,
      },
    };
    // Places per (date, meal, title): "A" is full at lunch today; "B" has 5 on any day.
    const capacities = {
      'std.test/byStatus': [
        { key: { date: iso, meal: 'lunch', title: 'A' }, used: 2, limit: 2 },
        { key: { title: 'B' }, used: 0, limit: 5 },
      ],
    };
    const { wrapper } = await mountNode(node, { capacities });
    const option = () => wrapper.get('.sp-options .sp-option');
    // Nothing chosen yet: no figure rather than another value's.
    expect(option().text()).toBe('午餐');
    await wrapper.get('input[type=text], input:not([type])').setValue('A');
    await settle();
    expect(option().text()).toBe('午餐已约满');
    await wrapper.get('input[type=text], input:not([type])').setValue('B');
    await settle();
    expect(option().text()).toBe('午餐剩 5 位');
  });

  it('slot-picker of an action with opening hours offers the chosen space’s slots and books one', async () => {
    const spaces = standardPluginEntries.find((e) => e.dir === 'shared-spaces')!;
    const iso = localDate(new Date(), 'Asia/Shanghai');
    const tomorrow = addDays(parseDate(iso)!, 1);
    const node = { type: 'slot-picker', props: { action: 'book', availability: 'availability' } };
    const capacities = {
      'std.shared-spaces/availability': [
        { key: { space: 'court', date: tomorrow, start: '07:00' }, used: 1, limit: 1 },
      ],
    };
    const { wrapper, source } = await mountNode(node, {
      manifest: spaces.manifest,
      config: spaces.fixtures.config,
      capacities,
    });
    const slots = () => wrapper.findAll('.sp-options .sp-option').map((o) => o.text());
    // No space chosen: no slots to offer yet.
    expect(slots()).toEqual([]);
    const choose = async (label: string) => {
      await wrapper
        .findAll('[role=radio]')
        .find((r) => r.text() === label)!
        .trigger('click');
      await settle();
    };
    await choose('篮球场');
    expect(slots()).toHaveLength(14); // 07:00–21:00 by the hour
    // Tomorrow, so no slot has started yet whatever the time of day (today's would be closed).
    await wrapper.findAll('fieldset.sp-chips input')[1]!.setValue();
    await settle();
    expect(slots()[0]).toBe('07:00–08:00已约满');
    expect(slots()[1]).toBe('08:00–09:00');
    await choose('共享自习室');
    expect(slots()).toEqual([
      '08:00–10:00',
      '10:00–12:00',
      '12:00–14:00',
      '14:00–16:00',
      '16:00–18:00',
      '18:00–20:00',
      '20:00–22:00',
    ]);
    await wrapper.findAll('.sp-options .sp-option input')[1]!.setValue();
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs[0]!.input).toEqual({ space: 'study', date: tomorrow, start: '10:00' });
  });

  it('slot-picker shows no slots on a day the chosen space is closed, and says so', async () => {
    const spaces = standardPluginEntries.find((e) => e.dir === 'shared-spaces')!;
    const tomorrow = addDays(parseDate(localDate(new Date(), 'Asia/Shanghai'))!, 1);
    const config = {
      ...spaces.fixtures.config,
      spaces: (spaces.fixtures.config.spaces as { id: string }[]).map((s) =>
        s.id === 'court' ? { ...s, closedOn: [weekdayName(tomorrow)] } : s,
      ),
    };
    const node = { type: 'slot-picker', props: { action: 'book', availability: 'availability' } };
    const { wrapper } = await mountNode(node, { manifest: spaces.manifest, config });
    const slots = () => wrapper.findAll('.sp-options .sp-option').map((o) => o.text());
    const dayChip = (i: number) => wrapper.findAll('fieldset.sp-chips input')[i]!;
    await wrapper
      .findAll('[role=radio]')
      .find((r) => r.text() === '篮球场')!
      .trigger('click');
    await dayChip(1).setValue(); // tomorrow: closed
    await settle();
    expect(slots()).toEqual([]);
    expect(wrapper.get('[data-testid=day-closed]').text()).toBe('这一天不开放，请选择其他日期。');
    expect(wrapper.find('button[type=submit]').exists()).toBe(false);
    await dayChip(2).setValue(); // the day after: open
    await settle();
    expect(slots()).toHaveLength(14);
    expect(wrapper.find('[data-testid=day-closed]').exists()).toBe(false);
  });

  it('slot-picker shows meals past the cut-off and without a menu closed in words, from the action’s own rules', async () => {
    const canteen = standardPluginEntries.find((e) => e.dir === 'elderly-canteen')!;
    const today = parseDate(localDate(new Date(), 'Asia/Shanghai'))!;
    // The menu lacks one day's dinner (three days on); the cut-off at 00:00 has passed today.
    const noDinner = weekdayName(addDays(today, 3))!;
    const menu = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].flatMap((day) =>
      ['lunch', 'dinner']
        .filter((slot) => day !== noDinner || slot === 'lunch')
        .map((slot) => ({ day, slot, dishes: ['米饭'], price: 10 })),
    );
    const node = canteen.manifest.views
      .find((v) => v.id === 'book')!
      .root.children!.find((n) => n.type === 'slot-picker')!;
    const { wrapper } = await mountNode(node, {
      manifest: canteen.manifest,
      config: { ...canteen.fixtures.config, cutoffTime: '00:00', menu },
    });
    const options = () => wrapper.findAll('.sp-options .sp-option');
    // Today: both meals closed in words, neither can be chosen, and there is no form to fill.
    expect(options().map((o) => o.text())).toEqual([
      '午餐 · 11:00–12:30今天午餐已截止预订（截止 0:00）',
      '晚餐 · 17:00–18:00今天晚餐已截止预订（截止 0:00）',
    ]);
    expect(options().every((o) => o.get('input').attributes('disabled') !== undefined)).toBe(true);
    expect(wrapper.get('[data-testid=day-closed]').text()).toBe(
      '这一天已没有可预订的时段，请选择其他日期。',
    );
    expect(wrapper.find('button[type=submit]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('就餐方式');
    // Three days on: lunch open, dinner closed because its menu is not out.
    await wrapper.findAll('fieldset.sp-chips input')[3]!.setValue();
    await settle();
    expect(options()[0]!.find('[data-testid=slot-closed]').exists()).toBe(false);
    expect(options()[0]!.get('input').attributes('disabled')).toBeUndefined();
    expect(options()[1]!.get('[data-testid=slot-closed]').text()).toBe(
      '菜单尚未发布，暂不能订餐。',
    );
    expect(options()[1]!.get('input').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid=day-closed]').exists()).toBe(false);
    expect(wrapper.find('button[type=submit]').exists()).toBe(true);
    expect(wrapper.text()).toContain('就餐方式');
    // Tomorrow: both open.
    await wrapper.findAll('fieldset.sp-chips input')[1]!.setValue();
    await settle();
    expect(wrapper.findAll('[data-testid=slot-closed]')).toHaveLength(0);
  });

  it('form renders the action input schema, validates in the browser, submits, and shows server field errors', async () => {
    let attempt = 0;
    const { wrapper, source } = await mountNode(
      { type: 'form', props: { action: 'report', submitLabel: t('提交报修', 'Send') } },
      {
        onRun: () => {
          if (attempt++ === 0)
            throw Object.assign(new Error('bad'), {
              status: 400,
              code: 'validation_failed',
              details: [{ pointer: '/title', message: '标题含有不允许的词' }],
            });
          return {};
        },
      },
    );
    await settle();
    const input = wrapper.get('input');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs).toHaveLength(0);
    await input.setValue('水管漏水');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs[0]).toMatchObject({ action: 'report', input: { title: '水管漏水' } });
    expect(wrapper.text()).toContain('标题含有不允许的词');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs).toHaveLength(2);
    expect(wrapper.get('[role=status]').text()).toBe('已完成');
  });

  it('form draws its children with the record the action returned, and drops them on a refusal', async () => {
    let attempt = 0;
    const { wrapper } = await mountNode(
      {
        type: 'form',
        props: { action: 'report', size: 'lg' },
        children: [
          { type: 'text', props: { text: { bind: 'item.title' }, label: t('标题', 'Title') } },
        ],
      },
      {
        onRun: () => {
          if (attempt++ === 1) throw refusal('已经办理过了');
          return { record: { _id: 'r1', title: '水管漏水', status: 'open' } };
        },
      },
    );
    await settle();
    expect(wrapper.get('section').classes()).toContain('sp-form--lg');
    expect(wrapper.find('.sp-form__result').exists()).toBe(false);
    await wrapper.get('input').setValue('水管漏水');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(wrapper.get('.sp-form__result').text()).toBe('标题：水管漏水');
    await wrapper.get('input').setValue('水管漏水');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(wrapper.find('.sp-form__result').exists()).toBe(false);
    expect(wrapper.text()).toContain('已经办理过了');
  });

  it('an update form of the record on screen opens filled with its values, and sends the edit', async () => {
    const manifest = testManifest();
    manifest.collections.tickets!.schema.properties!.phone = {
      type: 'string',
      maxLength: 20,
      'x-pii': 'phone',
    };
    manifest.actions.edit = {
      type: 'update',
      collection: 'tickets',
      label: t('修改', 'Edit'),
      roles: ['resident'],
      where: { field: 'createdBy', op: 'eq', value: { var: 'user.id' } },
      input: {
        type: 'object',
        properties: {
          title: { type: 'string', maxLength: 40 },
          phone: { type: 'string', maxLength: 20 },
        },
      },
    };
    const sent: unknown[] = [];
    const { wrapper } = await mountNode(
      { type: 'form', props: { action: 'edit', recordId: { bind: 'item._id' } } },
      {
        manifest,
        user: { id: 'u1', displayName: '张', roles: ['resident'] },
        scope: { item: { _id: 't1', title: '厨房漏水', phone: '138****1234', status: 'open' } },
        onRun: (req) => {
          sent.push(req.input);
          return { record: { _id: 't1', title: '厨房水管漏水', status: 'open' } };
        },
      },
    );
    await settle();
    const inputs = wrapper.findAll('input');
    expect(inputs[0]!.element.value).toBe('厨房漏水');
    // A masked value is not offered back as the new value.
    expect(inputs[1]!.element.value).toBe('');
    await inputs[0]!.setValue('厨房水管漏水');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(sent).toEqual([{ title: '厨房水管漏水' }]);
  });

  it('form draws its fields with the widgets the app provides, not a library of its own', async () => {
    const AppInput = defineComponent({
      props: {
        modelValue: { type: null, default: undefined },
        field: { type: Object, required: true },
      },
      emits: ['update:modelValue', 'blur'],
      setup: (props) => () =>
        h('input', { class: 'app-input', id: (props.field as { id: string }).id }),
    });
    const { wrapper } = await mountNode(
      { type: 'form', props: { action: 'report' } },
      { widgets: { controls: { input: AppInput } } },
    );
    expect(wrapper.find('input.app-input').exists()).toBe(true);
    expect(wrapper.find('.van-field').exists()).toBe(false);
    const vant = await mountNode({ type: 'form', props: { action: 'report' } });
    expect(vant.wrapper.find('.van-field').exists()).toBe(true);
  });

  it('ballot without options offers the enum of its option field from the action input', async () => {
    const manifest = testManifest();
    manifest.actions.report!.input = {
      type: 'object',
      properties: {
        choice: {
          type: 'string',
          enum: ['yes', 'no'],
          'x-labels': { yes: t('赞成', 'For'), no: t('反对', 'Against') },
        },
      },
    };
    const { wrapper } = await mountNode(
      { type: 'ballot', props: { action: 'report', optionField: 'choice' } },
      { manifest, locale: 'en' },
    );
    expect(wrapper.findAll('.sp-option').map((o) => o.text())).toEqual(['For', 'Against']);
  });
});
