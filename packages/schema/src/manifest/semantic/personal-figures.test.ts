// The format's parts for one person's figures and conditional notices: an aggregate's `subject`,
// a notice's `when` and a parent's `copy` (std.health-station uses all three).
import { describe, expect, it } from 'vitest';
import { figuresExampleManifest } from '../../aggregate/example';
import { validateManifest } from '../validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures deliberately leave the type
type Loose = any;
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The figures example with a person field, a health number and a follow-up collection. */
function base(): Loose {
  const m: Loose = structuredClone(figuresExampleManifest());
  const props = m.collections.shifts.schema.properties;
  props.personId = { type: 'string', maxLength: 64, 'x-ref': 'user' };
  props.pulse = { type: 'integer', minimum: 20, maximum: 250, 'x-pii': 'health' };
  m.collections.shifts.retention = { days: 30 };
  m.collections.shifts.privacy = { clear: [{ fields: ['pulse'], roles: ['operator'] }] };
  m.collections.notes = {
    schemaVersion: 1,
    schema: {
      type: 'object',
      properties: {
        shiftId: { type: 'string', maxLength: 64 },
        personId: { type: 'string', maxLength: 64, 'x-ref': 'user' },
        text: { type: 'string', maxLength: 200 },
      },
      required: ['shiftId', 'personId'],
    },
    access: { read: [{ roles: ['operator'] }] },
  };
  m.actions.note = {
    type: 'create',
    collection: 'notes',
    label: t('备注', 'Note'),
    roles: ['operator'],
    input: {
      type: 'object',
      properties: {
        shiftId: { type: 'string', maxLength: 64 },
        text: { type: 'string', maxLength: 200 },
      },
      required: ['shiftId'],
    },
    parent: { field: 'shiftId', collection: 'shifts', copy: { personId: 'personId' } },
  };
  m.queries.pulseTrend = {
    collection: 'shifts',
    kind: 'aggregate',
    subject: 'personId',
    measures: [{ id: 'pulse', op: 'avg', field: 'pulse' }],
    bucket: { field: 'date', unit: 'day' },
    range: { field: 'date', maxDays: 90 },
  };
  m.permissions.push({ scope: 'notify:send', reason: t('提醒', 'Tell') });
  m.permissions.push({ scope: 'pii:read', reason: t('脉搏', 'Pulse') });
  m.actions.log.notify = [
    {
      to: { role: 'operator' },
      title: t('时长很长', 'A long shift'),
      when: { field: 'hours', op: 'gt', value: 8 },
    },
  ];
  return m;
}

const errors = (m: Loose) => validateManifest(m).errors;

describe('one person’s figures, conditional notices, fields copied from the parent', () => {
  it('accepts a subject aggregate over a personal number, a notice with when and a parent copy', () => {
    expect(errors(base())).toEqual([]);
  });

  it('refuses a personal number summed over readable records without a subject', () => {
    const m = base();
    delete m.queries.pulseTrend.subject;
    expect(errors(m)).toContainEqual(
      expect.objectContaining({
        pointer: '/queries/pulseTrend/measures/0/field',
        code: 'aggregate.piiMeasure',
      }),
    );
  });

  it('refuses a subject that is not a person, or with community scope', () => {
    const notPerson = base();
    notPerson.queries.pulseTrend.subject = 'kind';
    expect(errors(notPerson)).toContainEqual(
      expect.objectContaining({
        pointer: '/queries/pulseTrend/subject',
        code: 'aggregate.subjectField',
      }),
    );
    const community = base();
    community.queries.pulseTrend.scope = 'community';
    community.queries.pulseTrend.roles = ['operator'];
    expect(errors(community)).toContainEqual(
      expect.objectContaining({
        pointer: '/queries/pulseTrend/subject',
        code: 'aggregate.subjectScope',
      }),
    );
    const list = base();
    list.queries.mine.subject = 'personId';
    expect(errors(list)).toContainEqual(
      expect.objectContaining({ pointer: '/queries/mine/subject', code: 'query.aggregateOnly' }),
    );
  });

  it('checks a notice’s when against the record’s fields', () => {
    const m = base();
    m.actions.log.notify[0].when = { field: 'nope', op: 'gt', value: 8 };
    expect(errors(m)).toContainEqual(
      expect.objectContaining({ pointer: '/actions/log/notify/0/when/field' }),
    );
    const shape = base();
    shape.actions.log.notify[0].when = { field: 'hours', op: 'between', value: 8 };
    expect(errors(shape).length).toBeGreaterThan(0);
  });

  it('checks a parent copy: fields of both records, never also from the caller', () => {
    const unknownSource = base();
    unknownSource.actions.note.parent.copy = { personId: 'nobody' };
    expect(errors(unknownSource)).toContainEqual(
      expect.objectContaining({ pointer: '/actions/note/parent/copy/personId' }),
    );
    const alsoInput = base();
    alsoInput.actions.note.input.properties.personId = { type: 'string', maxLength: 64 };
    expect(errors(alsoInput)).toContainEqual(
      expect.objectContaining({
        pointer: '/actions/note/parent/copy/personId',
        code: 'parent.copy',
      }),
    );
    const uncopied = base();
    delete uncopied.actions.note.parent.copy;
    expect(errors(uncopied)).toContainEqual(
      expect.objectContaining({ pointer: '/actions/note', code: 'action.missingRequired' }),
    );
  });
});
