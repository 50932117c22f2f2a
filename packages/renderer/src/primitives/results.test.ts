import { standardPluginEntries } from '@scene/plugins';
import type { FieldsResults, ViewNode } from '@scene/schema';
import { describe, expect, it } from 'vitest';
import { fixtureDataFor } from '../fixture-source';
import { mountNode } from '../test/mount';

const survey = standardPluginEntries.find((e) => e.manifest.id === 'std.survey')!;
const node: ViewNode = { type: 'results', props: { action: 'answer', download: true } };

describe('results', () => {
  it('draws each question with counts and percentages as text, and hides small groups in words', async () => {
    const data = fixtureDataFor(survey.manifest, survey.fixtures.records, survey.fixtures.config);
    const { wrapper } = await mountNode(node, {
      manifest: survey.manifest,
      config: survey.fixtures.config,
      results: data.results,
    });
    const text = wrapper.text();
    expect(text).toContain('共收到 8 份答卷');
    const overall = wrapper
      .findAll('.sp-tally__question')
      .find((q) => q.text().includes('您对本社区建设的总体满意度'))!;
    expect(overall.text()).toMatch(/平均 [\d.]+ 星/);
    // Every star has a row saying how many and what share, whatever the bar's width.
    expect(overall.findAll('li')).toHaveLength(5);
    expect(overall.findAll('li')[4]!.text()).toMatch(/5 星\s*\d+ 人，[\d.]+%/);
    // Three written answers are fewer than five: hidden, said in words.
    const ideas = wrapper
      .findAll('.sp-tally__question')
      .find((q) => q.text().includes('意见和建议'))!;
    expect(ideas.text()).toContain('人数太少，不显示');
    expect(text).not.toContain('儿童游乐');
  });

  it('offers the results as an Excel and a CSV download where the source serves files', async () => {
    const data = fixtureDataFor(survey.manifest, survey.fixtures.records, survey.fixtures.config);
    const { wrapper } = await mountNode(node, {
      manifest: survey.manifest,
      config: survey.fixtures.config,
      results: data.results,
      extend: { resultsFileUrl: (r) => `/files/${r.plugin}/${r.action}.${r.format}` },
    });
    const links = wrapper.findAll('a.sp-tally__download');
    expect(links.map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['下载结果（Excel 表格）', '/files/std.survey/answer.xlsx'],
      ['下载结果（CSV 表格）', '/files/std.survey/answer.csv'],
    ]);
    // The studio's preview serves no files: no link that would lead nowhere.
    const preview = await mountNode(node, {
      manifest: survey.manifest,
      config: survey.fixtures.config,
      results: data.results,
    });
    expect(preview.wrapper.findAll('a.sp-tally__download')).toHaveLength(0);
  });

  it('says that there are too few answers instead of any figure', async () => {
    const none: FieldsResults = { total: 0, minGroupSize: 5, suppressed: true, questions: [] };
    const { wrapper } = await mountNode(node, {
      manifest: survey.manifest,
      config: survey.fixtures.config,
      results: { 'std.survey/answer': none },
    });
    expect(wrapper.text()).toContain('答卷少于 5 份，暂不显示结果');
    expect(wrapper.findAll('.sp-tally__bar')).toHaveLength(0);
  });
});
