import { describe, expect, it } from 'vitest';
import {
  answersFromInput,
  configFields,
  fieldsFormSchema,
  type FieldsFromDef,
} from './fields-from';

const def: FieldsFromDef = {
  bind: 'config.questions',
  field: 'answers',
  types: { single: 'choice', multiple: 'choices', rating: 'rating', text: 'text' },
};
const questions = [
  { id: 'q1', title: '总体满意度', type: 'rating', required: true },
  { id: 'q2', title: '最满意的方面', type: 'multiple', options: ['环境', '服务', '设施'] },
  { id: 'q3', title: '是否推荐', type: 'single', options: ['是', '否'], required: true },
  { id: 'q4', title: '其他建议', type: 'text' },
  { id: 'q5', title: '未知类型', type: 'video' },
  { title: '没有 id', type: 'text' },
];
const limits = { textMaxLength: 20 };

describe('fieldsFrom', () => {
  it('reads config entries as fields, leaving out entries without an id or a mapped type', () => {
    const fields = configFields(def, questions);
    expect(fields.map((f) => [f.id, f.kind, f.required])).toEqual([
      ['q1', 'rating', true],
      ['q2', 'choices', false],
      ['q3', 'choice', true],
      ['q4', 'text', false],
    ]);
    expect(configFields(def, 'not a list')).toEqual([]);
  });

  it('turns valid answers into stored items and skips unanswered optional ones', () => {
    const fields = configFields(def, questions);
    const { answers, issues } = answersFromInput(
      fields,
      { q1: 4, q2: ['环境', '设施'], q3: '是', q4: '  多装路灯 ' },
      'answers',
      limits,
    );
    expect(issues).toEqual([]);
    expect(answers).toEqual([
      { q: 'q1', rating: 4 },
      { q: 'q2', choices: ['环境', '设施'] },
      { q: 'q3', choice: '是' },
      { q: 'q4', text: '多装路灯' },
    ]);
  });

  it('names each wrong or missing answer by its pointer', () => {
    const fields = configFields(def, questions);
    const { issues } = answersFromInput(
      fields,
      { q1: 6, q2: ['环境', '环境'], q4: 'x'.repeat(21), q9: 'extra' },
      'answers',
      limits,
    );
    expect(issues.map((i) => [i.pointer, i.code]).sort()).toEqual(
      [
        ['/answers/q1', 'rating'],
        ['/answers/q2', 'options'],
        ['/answers/q3', 'required'],
        ['/answers/q4', 'text'],
        ['/answers/q9', 'unknown'],
      ].sort(),
    );
    expect(answersFromInput(fields, 'nope', 'answers', limits).issues[0]?.code).toBe('type');
  });

  it('draws a form schema with the widget each kind needs', () => {
    const schema = fieldsFormSchema(configFields(def, questions), limits) as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(Object.keys(schema.properties)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(schema.properties.q1).toMatchObject({ type: 'integer', maximum: 5, 'x-widget': 'rate' });
    expect(schema.properties.q2).toMatchObject({ type: 'array', 'x-widget': 'checkbox' });
    expect(schema.properties.q3).toMatchObject({ enum: ['是', '否'], 'x-widget': 'radio' });
    expect(schema.properties.q4).toMatchObject({ maxLength: 20 });
    expect(schema.required).toEqual(['q1', 'q3']);
  });
});
