import { describe, expect, it } from 'vitest';
import type { FieldsResults } from './fields-from';
import { resultsCsv, resultsRows } from './results-sheet';

const results: FieldsResults = {
  total: 6,
  minGroupSize: 5,
  questions: [
    {
      id: 'overall',
      label: '总体满意度',
      kind: 'rating',
      answered: 6,
      average: 3.5,
      counts: [
        { value: '3', count: 2, percent: 33.3 },
        { value: '4', count: 4, percent: 66.7 },
      ],
    },
    { id: 'stay', label: '是否推荐', kind: 'choice', answered: 2, suppressed: true },
    { id: 'ideas', label: '建议', kind: 'text', answered: 5, texts: ['=HYPERLINK("x")', '多种树'] },
  ],
};

describe('results as a table', () => {
  it('writes question text, kinds and options in words, counts as numbers and shares as fractions', () => {
    expect(resultsRows(results, 'zh-CN')).toEqual([
      ['题目', '类型', '选项', '人数', '百分比', '作答人数'],
      ['总体满意度', '评分', '3 星', 2, 0.333, 6],
      ['总体满意度', '评分', '4 星', 4, 0.667, 6],
      ['是否推荐', '单选', '人数太少，不显示', '', '', ''],
      ['建议', '简答', '=HYPERLINK("x")', '', '', 5],
      ['建议', '简答', '多种树', '', '', 5],
    ]);
    expect(resultsRows(results, 'en')[1]).toEqual(['总体满意度', 'Rating', '3 stars', 2, 0.333, 6]);
  });

  it('writes the CSV with percentages as people read them and formulas as text', () => {
    const lines = resultsCsv(results, 'zh-CN')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[1]).toBe('总体满意度,评分,3 星,2,33.3%,6');
    expect(lines[2]).toBe('总体满意度,评分,4 星,4,66.7%,6');
    expect(lines[4]).toBe(`建议,简答,"'=HYPERLINK(""x"")",,,5`);
  });
});
