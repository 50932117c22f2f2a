import { describe, expect, it } from 'vitest';
import type { ActionDef } from '@scene/schema';
import { formSchemaFor } from './form-schema';

const answer: ActionDef = {
  type: 'create',
  collection: 'answers',
  label: { 'zh-CN': '提交', en: 'Submit' },
  roles: ['resident'],
  input: {
    type: 'object',
    properties: { note: { type: 'string', maxLength: 10 } },
  },
  fieldsFrom: {
    bind: 'config.questions',
    field: 'answers',
    types: { single: 'choice', rating: 'rating', text: 'text' },
  },
};
const config = {
  questions: [
    { id: 'overall', title: '总体满意度', type: 'rating', required: true },
    { id: 'stay', title: '愿意长住', type: 'single', options: ['是', '否'] },
    { id: 'ideas', title: '建议', type: 'text' },
  ],
};

describe('formSchemaFor with fieldsFrom', () => {
  it('draws one field per configured question under the action field, with the collection limit', () => {
    const schema = formSchemaFor(
      answer,
      config,
      {},
      undefined,
      {},
      {
        type: 'object',
        properties: {
          answers: {
            type: 'array',
            title: { 'zh-CN': '答案', en: 'Answers' },
            maxItems: 30,
            items: { type: 'object', properties: { text: { type: 'string', maxLength: 80 } } },
          },
        },
      },
    );
    const answers = schema.properties!.answers as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(Object.keys(schema.properties!)).toEqual(['note', 'answers']);
    expect(Object.keys(answers.properties)).toEqual(['overall', 'stay', 'ideas']);
    expect(schema.properties!.answers).toMatchObject({ title: { 'zh-CN': '答案' } });
    expect(answers.properties.overall).toMatchObject({
      'x-widget': 'rate',
      title: { 'zh-CN': '总体满意度' },
    });
    expect(answers.properties.stay).toMatchObject({ enum: ['是', '否'] });
    expect(answers.properties.ideas).toMatchObject({ maxLength: 80 });
    expect(answers.required).toEqual(['overall']);
    expect(schema.required).toEqual(['answers']);
  });

  it('draws nothing extra when the config holds no questions', () => {
    const schema = formSchemaFor(answer, {});
    expect((schema.properties!.answers as { properties: object }).properties).toEqual({});
    // Without a declared title the group is named after the action, never its field.
    expect(schema.properties!.answers).toMatchObject({ title: { 'zh-CN': '提交' } });
    expect(schema.required).toEqual([]);
  });
});
