// Schedules (manifestVersion 2): types and meta-schema agree; the semantic rules say what is
// wrong with a pointer; version 1 manifests are read as version 2 without changing meaning.
import { describe, expect, it } from 'vitest';
import { exampleManifest } from '../example';
import { manifestMetaSchema } from '../meta-schema';
import type {
  PluginManifest,
  ScheduleAfter,
  ScheduleAt,
  ScheduleAbsence,
  ScheduleDef,
} from '../types';
import { upgradeManifest } from '../upgrade';
import { resolveOffset } from './schedules';
import { validateManifest } from '../validate';

const keys =
  <T>() =>
  <K extends Record<keyof T, true>>(k: K & Record<Exclude<keyof K, keyof T>, never>) =>
    Object.keys(k).sort();
type Props = { properties: Record<string, unknown> };
const def = (manifestMetaSchema.$defs as unknown as Record<string, Props>).schedule!;
const sub = (name: string) => Object.keys((def.properties[name] as Props).properties).sort();

describe('schedule types and schema cannot drift', () => {
  it.each([
    [
      'ScheduleDef',
      keys<ScheduleDef>()({
        label: true,
        description: true,
        enabledByDefault: true,
        at: true,
        after: true,
        catchUp: true,
        collection: true,
        where: true,
        transition: true,
        notify: true,
        create: true,
        absence: true,
        onePer: true,
        offered: true,
      }),
      Object.keys(def.properties).sort(),
    ],
    ['ScheduleAt', keys<ScheduleAt>()({ time: true, days: true, dayOfMonth: true }), sub('at')],
    [
      'ScheduleAfter',
      keys<ScheduleAfter>()({ field: true, offset: true, time: true }),
      sub('after'),
    ],
    [
      'ScheduleAbsence',
      keys<ScheduleAbsence>()({ collection: true, match: true, where: true }),
      sub('absence'),
    ],
  ])('%s', (_name, fromType, fromSchema) => expect(fromType).toEqual(fromSchema));
});

/** The example plugin as version 2 with one schedule: remind staff of repairs left open. */
function withSchedule(schedule: Record<string, unknown>, patch: Partial<PluginManifest> = {}) {
  return {
    ...exampleManifest(),
    manifestVersion: 2,
    schedules: {
      stale: {
        label: { 'zh-CN': '超时提醒', en: 'Overdue reminder' },
        collection: 'tickets',
        ...schedule,
      },
    },
    ...patch,
  } as unknown as PluginManifest;
}
const codes = (m: unknown) => validateManifest(m).errors.map((e) => `${e.pointer} ${e.code}`);

describe('schedule rules', () => {
  it('accepts an at-schedule and an after-schedule', () => {
    const notify = [{ to: { role: 'plugin:technician' }, title: { 'zh-CN': '有', en: 'Some' } }];
    expect(codes(withSchedule({ at: { time: '10:00', days: ['mon', 'fri'] }, notify }))).toEqual(
      [],
    );
    expect(
      codes(
        withSchedule({
          after: { field: 'createdAt', offset: 'PT2H' },
          where: { field: 'status', op: 'eq', value: 'submitted' },
          catchUp: 'PT6H',
          notify,
        }),
      ),
    ).toEqual([]);
  });

  it('says what is wrong, with pointers into what the vendor wrote', () => {
    expect(codes(withSchedule({ notify: [] }))).toEqual([
      '/schedules/stale schedule.what',
      '/schedules/stale schedule.when',
    ]);
    expect(
      codes(
        withSchedule({
          at: { time: '10:00' },
          catchUp: 'P8D',
          transition: 'nope',
          after: { field: 'title', offset: 'P1D' },
        }),
      ),
    ).toEqual([
      '/schedules/stale schedule.when',
      '/schedules/stale/after/field schedule.field',
      '/schedules/stale/catchUp schedule.catchUp',
      '/schedules/stale/transition ref.transition',
    ]);
    expect(codes(withSchedule({ at: { time: '25:00' }, transition: 'accept' }))[0]).toMatch(
      /^\/schedules\/stale\/at\/time /,
    );
    expect(
      codes(withSchedule({ at: { time: '10:00' }, transition: 'accept' }, { manifestVersion: 1 })),
    ).toEqual(['/schedules version.part']);
  });

  it('takes an after offset from a whole number in config, and checks the binding', () => {
    const after = (offset: unknown) =>
      codes(withSchedule({ after: { field: 'createdAt', offset }, transition: 'accept' }));
    expect(after({ bind: 'config.ratingPoints', unit: 'hours' })).toEqual([]);
    expect(after({ bind: 'config.title', unit: 'hours' })).toEqual([
      '/schedules/stale/after/offset/bind ref.bindingType',
    ]);
    expect(after({ bind: 'config.nope', unit: 'days' })).toHaveLength(1);
    expect(after({ bind: 'config.ratingPoints', unit: 'weeks' })[0]).toMatch(
      /^\/schedules\/stale\/after\/offset/,
    );
    expect(after({ bind: 'config.ratingPoints' })[0]).toMatch(/^\/schedules\/stale\/after\/offset/);
  });

  it('reads a configured offset as an ISO duration, or not at all when unset', () => {
    const cfg = { sla: { hours: 48 }, bad: 1.5, neg: -2 };
    expect(resolveOffset('PT2H', {})).toBe('PT2H');
    expect(resolveOffset({ bind: 'config.sla.hours', unit: 'hours' }, cfg)).toBe('PT48H');
    expect(resolveOffset({ bind: 'config.sla.hours', unit: 'days' }, cfg)).toBe('P48D');
    expect(resolveOffset({ bind: 'config.sla.hours', unit: 'minutes' }, cfg)).toBe('PT48M');
    for (const key of ['bad', 'neg', 'missing', 'sla'] as const)
      expect(resolveOffset({ bind: `config.${key}`, unit: 'hours' }, cfg)).toBeNull();
  });

  it('refuses a schedule notifying the family of an actor it does not have', () => {
    const family = (whose: string) => [
      { to: { familyOf: whose }, title: { 'zh-CN': '家人', en: 'Family' } },
    ];
    expect(codes(withSchedule({ at: { time: '10:00' }, notify: family('actor') }))).toEqual([
      '/schedules/stale/notify/0/to schedule.actor',
    ]);
    expect(codes(withSchedule({ at: { time: '10:00' }, notify: family('owner') }))).toEqual([]);
  });
});

describe('upgradeManifest', () => {
  it('reads version 1 as version 2, keeping the vendor key order and the argument intact', () => {
    const v1 = exampleManifest();
    const frozen = JSON.stringify(v1);
    const v2 = upgradeManifest(v1);
    expect(v2.manifestVersion).toBe(2);
    expect(Object.keys(v2)).toEqual(Object.keys(v1));
    expect(Object.keys(v2.config.properties!)).toEqual(Object.keys(v1.config.properties!));
    expect(JSON.stringify(v1)).toBe(frozen);
    expect(validateManifest(v2).ok).toBe(true);
  });

  it('fills the defaults of schedules', () => {
    const m = upgradeManifest(withSchedule({ at: { time: '10:00' }, transition: 'accept' }));
    expect(m.schedules!.stale).toMatchObject({ enabledByDefault: false, catchUp: 'PT1H' });
  });
});
