// A form whose action is open to visitors (`once.visitors`), seen by someone signed out: the
// form when the installation takes visitors, the sign-in words when it does not, and "answered
// already" when the data source says this browser used its one answer.
import { standardPluginEntries } from '@scene/plugins';
import { describe, expect, it } from 'vitest';
import { mountNode } from '../test/mount';

const survey = standardPluginEntries.find((e) => e.manifest.id === 'std.survey')!;
const node = { type: 'form', props: { action: 'answer' } };
const mountSurvey = (audience: string, done: boolean | null = false) =>
  mountNode(node, {
    user: null,
    manifest: survey.manifest,
    config: { ...survey.fixtures.config, audience },
    extend: { onceDone: async () => done },
  });

describe('a form open to visitors', () => {
  it('shows the survey to a visitor when it is open to everyone with the link', async () => {
    const { wrapper } = await mountSurvey('everyone');
    expect(wrapper.text()).not.toContain('请先登录');
    expect(wrapper.text()).toContain('您对本社区建设的总体满意度');
    expect(wrapper.get('button[type="submit"]').text()).toBe('提交问卷');
  });

  it('asks a visitor to sign in, in words, when only residents may answer', async () => {
    const { wrapper, source } = await mountSurvey('residents');
    expect(wrapper.text()).toContain('请先登录后再操作。');
    expect(wrapper.find('form').exists()).toBe(false);
    expect(source.runs).toEqual([]);
  });

  it('says the browser answered already instead of offering a second sheet', async () => {
    const { wrapper } = await mountSurvey('everyone', true);
    expect(wrapper.get('[data-testid="already-answered"]').text()).toBe(
      '您已经填写过这份问卷，感谢参与。',
    );
    expect(wrapper.find('button[type="submit"]').exists()).toBe(false);
  });
});
