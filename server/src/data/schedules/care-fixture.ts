// A small version-2 plugin with schedules, for the schedule tests and the benchmark: elders
// enrolled for daily check-ins, an alert when one has not checked in by the configured time, and
// requests escalated when left untouched for two hours.
import type { LocalizedText, PluginManifest } from '@scene/schema';
import type { InstalledPlugin } from '../records/types';
import type { ScheduleTargets } from './runner';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const all = ['operator', 'staff', 'resident'] as const;

export function careManifest(id = 'acme.care', version = '1.0.0'): PluginManifest {
  return {
    manifestVersion: 2,
    id,
    version,
    engines: { platform: '^1.0.0' },
    vendor: { id: id.split('.')[0]!, name: t('Acme', 'Acme') },
    name: t('关爱签到', 'Care check-ins'),
    description: t(
      '老人每日签到，未签到时提醒。',
      'Elders check in daily; a missed one raises an alert.',
    ),
    scene: 'health',
    tier: 'optional',
    icon: 'elderly',
    permissions: [{ scope: 'notify:send', reason: t('未签到提醒', 'Missed check-in alerts') }],
    roles: [],
    config: {
      type: 'object',
      properties: {
        checkTime: {
          type: 'string',
          maxLength: 5,
          pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
          default: '10:00',
          title: t('签到截止时间', 'Check-in deadline'),
        },
      },
    },
    collections: {
      enrolments: {
        schemaVersion: 1,
        schema: {
          type: 'object',
          properties: {
            elderName: { type: 'string', maxLength: 40 },
            status: { type: 'string', enum: ['active', 'paused'] },
          },
          required: ['elderName', 'status'],
        },
        access: { read: [{ roles: [...all] }] },
      },
      checkins: {
        schemaVersion: 1,
        schema: {
          type: 'object',
          properties: {
            elderId: { type: 'string', maxLength: 24 },
            date: { type: 'string', format: 'date' },
          },
          required: ['elderId', 'date'],
        },
        // One check-in per elder and local day: the day rolls over at local midnight.
        indexes: [{ fields: { elderId: 1, date: 1 }, unique: true }],
        access: { read: [{ roles: [...all] }] },
      },
      alerts: {
        schemaVersion: 1,
        schema: {
          type: 'object',
          properties: {
            elderId: { type: 'string', maxLength: 24 },
            date: { type: 'string', format: 'date' },
            kind: { type: 'string', maxLength: 20 },
          },
          required: ['elderId', 'date'],
        },
        access: { read: [{ roles: ['operator', 'staff'] }] },
      },
      requests: {
        schemaVersion: 1,
        schema: {
          type: 'object',
          properties: {
            text: { type: 'string', maxLength: 200 },
            status: { type: 'string', enum: ['submitted', 'escalated', 'done'] },
          },
          required: ['text', 'status'],
        },
        access: { read: [{ roles: [...all] }] },
        workflow: {
          field: 'status',
          initial: 'submitted',
          states: [
            { id: 'submitted', label: t('已提交', 'Submitted') },
            { id: 'escalated', label: t('已升级', 'Escalated'), tone: 'warning' },
            { id: 'done', label: t('已完成', 'Done'), terminal: true },
          ],
          transitions: [
            {
              id: 'escalate',
              from: ['submitted'],
              to: 'escalated',
              roles: ['operator'],
              label: t('升级', 'Escalate'),
            },
            {
              id: 'finish',
              from: ['submitted', 'escalated'],
              to: 'done',
              roles: ['operator'],
              label: t('完成', 'Finish'),
            },
          ],
        },
      },
    },
    actions: {
      enrol: {
        type: 'create',
        collection: 'enrolments',
        label: t('登记', 'Enrol'),
        roles: ['operator'],
        input: {
          type: 'object',
          properties: { elderName: { type: 'string', maxLength: 40 } },
          required: ['elderName'],
        },
        set: { status: 'active' },
      },
      checkIn: {
        type: 'create',
        collection: 'checkins',
        label: t('签到', 'Check in'),
        roles: ['operator', 'resident'],
        input: {
          type: 'object',
          properties: { elderId: { type: 'string', maxLength: 24 } },
          required: ['elderId'],
        },
        set: { date: { var: 'today' } },
        duplicateMessage: t('今天已签到。', 'Already checked in today.'),
      },
      ask: {
        type: 'create',
        collection: 'requests',
        label: t('求助', 'Ask for help'),
        roles: ['resident', 'operator'],
        input: {
          type: 'object',
          properties: { text: { type: 'string', maxLength: 200 } },
          required: ['text'],
        },
      },
    },
    queries: {},
    views: [],
    migrations: [],
    lifecycle: { onUninstall: 'delete' },
    schedules: {
      missedCheckIn: {
        label: t('未签到提醒', 'Missed check-in alert'),
        enabledByDefault: true,
        at: { time: { bind: 'config.checkTime' } },
        catchUp: 'PT1H',
        collection: 'enrolments',
        where: { field: 'status', op: 'eq', value: 'active' },
        absence: {
          collection: 'checkins',
          match: { elderId: '_id' },
          where: { field: 'date', op: 'eq', value: { var: 'today' } },
        },
        notify: [{ to: { owner: true }, title: t('有老人未签到', 'An elder has not checked in') }],
        create: {
          collection: 'alerts',
          set: { elderId: { bind: 'item._id' }, date: { var: 'today' }, kind: 'missed' },
        },
      },
      staleRequest: {
        label: t('求助超时升级', 'Escalate stale requests'),
        enabledByDefault: true,
        after: { field: 'createdAt', offset: 'PT2H' },
        catchUp: 'PT6H',
        collection: 'requests',
        where: { field: 'status', op: 'eq', value: 'submitted' },
        transition: 'escalate',
      },
      evening: {
        label: t('晚间标记', 'Evening mark'),
        at: { time: '23:30' },
        catchUp: 'PT3H',
        collection: 'enrolments',
        create: {
          collection: 'alerts',
          set: { elderId: { bind: 'item._id' }, date: { var: 'today' }, kind: 'evening' },
        },
      },
      night: {
        label: t('凌晨标记', 'Night mark'),
        at: { time: '00:30' },
        catchUp: 'PT3H',
        collection: 'enrolments',
        create: {
          collection: 'alerts',
          set: { elderId: { bind: 'item._id' }, date: { var: 'today' }, kind: 'night' },
        },
      },
    },
  };
}

/**
 * The runner's view of one installation of the care plugin with only its missed check-in
 * schedule switched on, since 2026-03-10 00:00 UTC (what the slice, notice and bench runs drive).
 */
export function missedCheckInTargets(installed: InstalledPlugin): ScheduleTargets {
  return {
    targets: async () => [
      {
        ...installed,
        schedules: [
          {
            id: 'missedCheckIn',
            def: installed.manifest.schedules!.missedCheckIn!,
            since: new Date('2026-03-10T00:00:00Z'),
          },
        ],
      },
    ],
  };
}
