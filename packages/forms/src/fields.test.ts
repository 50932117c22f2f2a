import { describe, expect, it } from 'vitest';
import { fieldsOf, widgetFor } from './index';

describe('fieldsOf', () => {
  it('orders fields by x-order, then declaration, and picks widgets from the schema', () => {
    const fields = fieldsOf({
      type: 'object',
      required: ['title'],
      properties: {
        body: { type: 'string', 'x-widget': 'textarea' },
        title: { type: 'string', 'x-order': 1 },
        pinned: { type: 'boolean' },
        kind: { type: 'string', enum: ['物业', '社区'] },
        due: { type: 'string', format: 'date' },
      },
    });
    expect(fields.map((f) => [f.name, f.widget, f.required])).toEqual([
      ['title', 'text', true],
      ['body', 'textarea', false],
      ['pinned', 'switch', false],
      ['kind', 'select', false],
      ['due', 'date', false],
    ]);
  });

  it('ignores an unknown x-widget hint', () => {
    expect(widgetFor({ type: 'integer', 'x-widget': 'rocket' })).toBe('number');
  });
});
