import { describe, expect, it } from 'vitest';
import { validateManifest } from '../validate';
import { peopleExampleManifest } from './people-example';
import { daySlots, slotFields, weekOf, type HoursDef } from './hours';

const def: HoursDef = {
  entry: 'room',
  opens: 'opens',
  closes: 'closes',
  minutes: 'slotMinutes',
  date: 'date',
  start: 'start',
  end: 'end',
  startsAt: 'startsAt',
  endsAt: 'endsAt',
  week: 'week',
};
const studyRoom = { id: 'study', opens: '08:00', closes: '12:30', slotMinutes: 90 };

describe('opening hours and slots', () => {
  it('a day runs from opening, one slot every length, each ending by closing time', () => {
    expect(daySlots(def, studyRoom)).toEqual([
      { start: '08:00', end: '09:30' },
      { start: '09:30', end: '11:00' },
      { start: '11:00', end: '12:30' },
    ]);
    // The last slot must end by closing time: 12:00 closing leaves two 90-minute slots.
    expect(daySlots(def, { ...studyRoom, closes: '12:00' }).map((s) => s.start)).toEqual([
      '08:00',
      '09:30',
    ]);
  });

  it('an entry without valid hours or length has no slots (it books nothing)', () => {
    expect(daySlots(def, undefined)).toEqual([]);
    expect(daySlots(def, { ...studyRoom, opens: '8:00' })).toEqual([]);
    expect(daySlots(def, { ...studyRoom, closes: '25:00' })).toEqual([]);
    expect(daySlots(def, { ...studyRoom, slotMinutes: 0 })).toEqual([]);
    expect(daySlots(def, { ...studyRoom, slotMinutes: 1.5 })).toEqual([]);
    expect(daySlots(def, { ...studyRoom, opens: '13:00' })).toEqual([]);
  });

  it('an entry closed on a day of the week has no slot that day, and refuses one', () => {
    const closed = { ...def, closedOn: 'closedOn' };
    const room = { ...studyRoom, closedOn: ['sun'] };
    // 6 December 2026 is a Sunday, the 7th a Monday.
    expect(daySlots(closed, room, '2026-12-06')).toEqual([]);
    expect(daySlots(closed, room, '2026-12-07')).toHaveLength(3);
    expect(daySlots(closed, room)).toHaveLength(3); // no day chosen yet: its hours
    expect(slotFields(closed, room, '2026-12-06', '08:00', 'Asia/Shanghai')).toBeUndefined();
    expect(slotFields(closed, room, '2026-12-07', '08:00', 'Asia/Shanghai')).toMatchObject({
      end: '09:30',
    });
    // Without closedOn in the action, the entry's list is not read.
    expect(daySlots(def, room, '2026-12-06')).toHaveLength(3);
  });

  it('weeks start on Monday', () => {
    expect(weekOf('2026-12-02')).toBe('2026-11-30'); // Wednesday
    expect(weekOf('2026-11-30')).toBe('2026-11-30'); // Monday
    expect(weekOf('2026-12-06')).toBe('2026-11-30'); // Sunday
    expect(weekOf('2027-01-01')).toBe('2026-12-28'); // across the year
    expect(weekOf('2026-13-01')).toBeUndefined();
  });

  it('a slot start fills its end, moments in the community zone and week; others are refused', () => {
    expect(slotFields(def, studyRoom, '2026-12-02', '09:30', 'Asia/Shanghai')).toEqual({
      end: '11:00',
      startsAt: '2026-12-02T01:30:00.000Z',
      endsAt: '2026-12-02T03:00:00.000Z',
      week: '2026-11-30',
    });
    expect(slotFields(def, studyRoom, '2026-12-02', '07:00', 'Asia/Shanghai')).toBeUndefined();
    expect(slotFields(def, studyRoom, '2026-12-02', '08:30', 'Asia/Shanghai')).toBeUndefined();
    expect(slotFields(def, studyRoom, '2026-12-02', '12:30', 'Asia/Shanghai')).toBeUndefined();
    expect(slotFields(def, studyRoom, 'tomorrow', '08:00', 'Asia/Shanghai')).toBeUndefined();
    expect(slotFields(def, undefined, '2026-12-02', '08:00', 'Asia/Shanghai')).toBeUndefined();
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;

/** The worked example's visits booked by the room and slot instead of the half-day. */
function withRooms(): Loose {
  const m: Loose = structuredClone(peopleExampleManifest());
  m.manifestVersion = 2;
  const hhmm = { type: 'string', maxLength: 5 };
  m.config.properties.rooms = {
    type: 'array',
    maxItems: 10,
    items: {
      type: 'object',
      properties: {
        id: { type: 'string', maxLength: 20 },
        label: { type: 'string', maxLength: 20 },
        opens: hhmm,
        closes: hhmm,
        slotMinutes: { type: 'integer', minimum: 15, maximum: 240 },
      },
      required: ['id', 'label', 'opens', 'closes', 'slotMinutes'],
    },
  };
  const props = m.collections.visits.schema.properties;
  props.room = {
    type: 'string',
    maxLength: 20,
    'x-options': { bind: 'config.rooms', value: 'id', label: 'label' },
  };
  for (const f of ['start', 'end']) props[f] = hhmm;
  for (const f of ['startsAt', 'endsAt']) props[f] = { type: 'string', format: 'date-time' };
  props.week = { type: 'string', format: 'date' };
  m.actions.request.input.properties.room = props.room;
  m.actions.request.input.properties.start = hhmm;
  m.actions.request.hours = { ...def, entry: 'room' };
  return m;
}
const hoursIssues = (m: unknown) =>
  [...validateManifest(m).errors, ...validateManifest(m).warnings]
    .filter((i) => i.code === 'create.hours' || i.code === 'version.part')
    .map((i) => i.pointer);

describe('the checker on hours', () => {
  it('accepts a well-formed booking by room and slot', () => {
    expect(hoursIssues(withRooms())).toEqual([]);
  });

  it('names each part that does not fit', () => {
    const m = withRooms();
    delete m.collections.visits.schema.properties.room['x-options'];
    m.actions.request.input.properties.room = { type: 'string', maxLength: 20 };
    expect(hoursIssues(m)).toEqual(['/actions/request/hours/entry']);

    const keys = withRooms();
    keys.config.properties.rooms.items.properties.slotMinutes = { type: 'string', maxLength: 3 };
    expect(hoursIssues(keys)).toEqual(['/actions/request/hours/minutes']);

    const inputs = withRooms();
    delete inputs.actions.request.input.properties.start;
    inputs.actions.request.hours.date = 'slot'; // not a date field
    expect(hoursIssues(inputs).sort()).toEqual([
      '/actions/request/hours/date',
      '/actions/request/hours/start',
    ]);

    // closedOn names a key of the entries holding days of the week.
    const closedOn = withRooms();
    closedOn.actions.request.hours.closedOn = 'closedOn';
    expect(hoursIssues(closedOn)).toEqual(['/actions/request/hours/closedOn']);
    closedOn.config.properties.rooms.items.properties.closedOn = {
      type: 'array',
      items: { type: 'string', enum: ['sat', 'sun'] },
    };
    expect(hoursIssues(closedOn)).toEqual([]);
    closedOn.config.properties.rooms.items.properties.closedOn.items.enum = ['sunday'];
    expect(hoursIssues(closedOn)).toEqual(['/actions/request/hours/closedOn']);

    // A filled field the caller could also send, or one the collection lacks.
    const filled = withRooms();
    filled.actions.request.input.properties.end = { type: 'string', maxLength: 5 };
    filled.actions.request.hours.week = 'nowhere';
    expect(hoursIssues(filled).sort()).toEqual([
      '/actions/request/hours/end',
      '/actions/request/hours/week',
    ]);
  });

  it('needs manifest version 2', () => {
    const m = withRooms();
    m.manifestVersion = 1;
    expect(hoursIssues(m)).toContain('/actions/request/hours');
  });

  it('a slot picker needs slots unless its action has hours', () => {
    const pickerPath = (m: Loose) => {
      const view = m.views.find((v: Loose) => JSON.stringify(v).includes('slot-picker'));
      return view.root.children.find((n: Loose) => n.type === 'slot-picker');
    };
    const withHours = withRooms();
    delete pickerPath(withHours).props.slots;
    expect(validateManifest(withHours).errors.map((i) => i.code)).not.toContain('view.slots');
    const without = structuredClone(peopleExampleManifest()) as Loose;
    delete pickerPath(without).props.slots;
    expect(validateManifest(without).errors.map((i) => i.code)).toContain('view.slots');
  });
});
