import { issue } from '../../errors/messages';
import { durationMs, hasTimePart, parseDuration } from '../../time/duration';
import { isTimeAnchor } from '../../time/relative';
import type { VendorSchema } from '../../subset/types';
import { MAX_CATCH_UP } from '../parts/schedules';
import type { CollectionDef, ScheduleDef, TimeOfDay } from '../types';
import { checkNotify } from './collections';
import {
  checkConfigPath,
  checkFilter,
  checkRecordField,
  collectionOf,
  has,
  recordField,
} from './context';
import type { Ctx } from './context';

const MAX_CATCH_UP_MS = durationMs(parseDuration(MAX_CATCH_UP)!);

/** `schedules` (version 2): when, on which records, and what each does. */
export function checkSchedules(ctx: Ctx): void {
  const schedules = ctx.m.schedules;
  if (!schedules) return;
  if (ctx.m.manifestVersion < 2)
    ctx.out.push(
      issue(
        '/schedules',
        'version.part',
        'schedules 需要 "manifestVersion": 2。',
        'schedules need "manifestVersion": 2.',
      ),
    );
  for (const [id, s] of Object.entries(schedules)) checkSchedule(ctx, s, `/schedules/${id}`);
}

function checkSchedule(ctx: Ctx, s: ScheduleDef, ptr: string): void {
  if (!!s.at === !!s.after)
    ctx.out.push(
      issue(
        ptr,
        'schedule.when',
        '定时任务须且只能写 at（每天/每周/每月的时刻）或 after（相对记录的日期）之一。',
        'A schedule needs exactly one of at (a time of day, week days, a day of the month) or after (relative to a record’s date).',
      ),
    );
  if (!s.transition && !s.notify?.length && !s.create)
    ctx.out.push(
      issue(
        ptr,
        'schedule.what',
        '定时任务须至少做一件事：transition、notify 或 create。',
        'A schedule must do something: transition, notify or create.',
      ),
    );
  if (s.catchUp !== undefined) {
    const ms = durationMs(parseDuration(s.catchUp)!);
    if (ms <= 0 || ms > MAX_CATCH_UP_MS)
      ctx.out.push(
        issue(
          `${ptr}/catchUp`,
          'schedule.catchUp',
          `catchUp 须大于 0 且不超过 ${MAX_CATCH_UP}（7 天）。`,
          `catchUp must be more than zero and at most ${MAX_CATCH_UP} (7 days).`,
        ),
      );
  }
  if (s.at) checkTimeOfDay(ctx, s.at.time, `${ptr}/at/time`);
  const c = collectionOf(ctx, s.collection, `${ptr}/collection`);
  if (!c) return;
  const field = (p: string, at: string) => checkRecordField(ctx, c, s.collection, p, at);
  checkFilter(ctx, s.where, `${ptr}/where`, field);
  if (s.after) checkAfter(ctx, c, s, `${ptr}/after`);
  if (s.transition !== undefined && !c.workflow?.transitions.some((t) => t.id === s.transition))
    ctx.out.push(
      issue(
        `${ptr}/transition`,
        'ref.transition',
        `集合 “${s.collection}” 的流程中没有流转 “${s.transition}”。`,
        `The workflow of "${s.collection}" has no transition "${s.transition}".`,
      ),
    );
  checkNotify(ctx, c, s.collection, s.notify, `${ptr}/notify`);
  (s.notify ?? []).forEach((n, i) => {
    // No actor: neither `{actor: true}` nor `{familyOf: "actor"}` names anyone.
    if ('actor' in n.to || ('familyOf' in n.to && n.to.familyOf === 'actor'))
      ctx.out.push(
        issue(
          `${ptr}/notify/${i}/to`,
          'schedule.actor',
          '定时任务由平台执行，没有 actor；请通知 owner、角色或字段中的人。',
          'A schedule runs as the platform and has no actor; notify the owner, a role or a field.',
        ),
      );
  });
  if (s.absence) checkAbsence(ctx, c, s, `${ptr}/absence`);
  if (s.onePer !== undefined) field(s.onePer, `${ptr}/onePer`);
  if (s.create) checkCreate(ctx, c, s, `${ptr}/create`);
}

function checkTimeOfDay(ctx: Ctx, t: TimeOfDay, ptr: string): void {
  if (typeof t === 'string') return;
  const prop = checkConfigPath(ctx, t.bind.slice('config.'.length), `${ptr}/bind`);
  if (prop && prop.type !== 'string')
    ctx.out.push(
      issue(
        `${ptr}/bind`,
        'ref.bindingType',
        '时刻配置项须为 HH:MM 字符串。',
        'The time config property must be an HH:MM string.',
      ),
    );
}

const isDateField = (f: VendorSchema) => f.type === 'string' && f.format === 'date';
const isTimestampField = (f: VendorSchema | 'system', path: string) =>
  f === 'system'
    ? path === 'createdAt' || path === 'updatedAt'
    : f.type === 'string' && f.format === 'date-time';

function checkAfter(ctx: Ctx, c: CollectionDef, s: ScheduleDef, ptr: string): void {
  const a = s.after!;
  const f = recordField(c, a.field);
  if (!f) return checkRecordField(ctx, c, s.collection, a.field, `${ptr}/field`);
  const date = f !== 'system' && isDateField(f);
  if (!date && !isTimestampField(f, a.field))
    ctx.out.push(
      issue(
        `${ptr}/field`,
        'schedule.field',
        `“${a.field}” 须为日期字段（format: date）或时间戳字段（format: date-time、createdAt、updatedAt）。`,
        `"${a.field}" must be a date field (format: date) or a timestamp (format: date-time, createdAt, updatedAt).`,
      ),
    );
  if (a.time !== undefined) {
    if (!date)
      ctx.out.push(
        issue(
          `${ptr}/time`,
          'schedule.time',
          'time 只用于日期字段（在那天的当地时刻）；时间戳字段请用 offset。',
          'time applies to date fields only (that local time on the date); for a timestamp use offset.',
        ),
      );
    checkTimeOfDay(ctx, a.time, `${ptr}/time`);
  }
  if (typeof a.offset !== 'string') {
    const prop = checkConfigPath(ctx, a.offset.bind.slice('config.'.length), `${ptr}/offset/bind`);
    if (prop && prop.type !== 'integer')
      ctx.out.push(
        issue(
          `${ptr}/offset/bind`,
          'ref.bindingType',
          '偏移配置项须为整数（以 unit 为单位，如小时数）。',
          'The offset config property must be an integer (a number of unit, such as hours).',
        ),
      );
  }
  const offset = typeof a.offset === 'string' ? parseDuration(a.offset)! : null;
  const configHours = typeof a.offset !== 'string' && a.offset.unit !== 'days';
  if (date && (configHours || (offset && hasTimePart(offset))) && a.time === undefined)
    ctx.out.push(
      issue(
        `${ptr}/offset`,
        'schedule.offset',
        '日期字段按当地 00:00 计算；需要具体时刻时请写 time（如 "18:00"）。',
        'A date field counts from local midnight; give time (like "18:00") for a time of day.',
        'warning',
      ),
    );
}

function checkAbsence(ctx: Ctx, c: CollectionDef, s: ScheduleDef, ptr: string): void {
  const ab = s.absence!;
  const other = collectionOf(ctx, ab.collection, `${ptr}/collection`);
  if (!other) return;
  for (const [theirs, ours] of Object.entries(ab.match)) {
    checkRecordField(ctx, other, ab.collection, theirs, `${ptr}/match/${theirs}`);
    checkRecordField(ctx, c, s.collection, ours, `${ptr}/match/${theirs}`);
  }
  checkFilter(ctx, ab.where, `${ptr}/where`, (p, at) =>
    checkRecordField(ctx, other, ab.collection, p, at),
  );
}

function checkCreate(ctx: Ctx, c: CollectionDef, s: ScheduleDef, ptr: string): void {
  const cr = s.create!;
  const target = collectionOf(ctx, cr.collection, `${ptr}/collection`);
  if (!target) return;
  for (const [name, v] of Object.entries(cr.set)) {
    const at = `${ptr}/set/${name}`;
    if (!has(target.schema.properties, name))
      ctx.out.push(
        issue(
          at,
          'ref.field',
          `集合 “${cr.collection}” 没有字段 “${name}”。`,
          `Collection "${cr.collection}" has no field "${name}".`,
        ),
      );
    if (typeof v !== 'object' || v === null) continue;
    const keys = Object.keys(v);
    if ('bind' in v) {
      if (keys.length > 1)
        ctx.out.push(
          issue(
            at,
            'schedule.value',
            '取值写作 {"bind": "item.<字段>"} 或 {"var": …}，不能混写。',
            'A value is {"bind": "item.<field>"} or {"var": …}, not both.',
          ),
        );
      checkRecordField(ctx, c, s.collection, v.bind.slice('item.'.length), `${at}/bind`);
    } else if (!('var' in v))
      ctx.out.push(
        issue(
          at,
          'schedule.value',
          '取值写作 {"bind": "item.<字段>"} 或 {"var": …}。',
          'A value is {"bind": "item.<field>"} or {"var": …}.',
        ),
      );
    else if (v.var.startsWith('config.')) checkConfigPath(ctx, v.var.slice(7), `${at}/var`);
    if ('var' in v && (v.offset !== undefined || v.as !== undefined) && !isTimeAnchor(v.var))
      ctx.out.push(
        issue(
          at,
          'filter.relative',
          'offset 与 as 只能用于时间变量（now、today、startOfDay/Week/Month/Year）。',
          'offset and as belong to time vars only (now, today, startOfDay/Week/Month/Year).',
        ),
      );
  }
}
