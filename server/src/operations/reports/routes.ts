import type { Response } from 'express';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { failure, json } from '../../http/responses';
import { communityParams } from '../../http/schemas';
import type { OperationsService } from '../service';
import type { RegionService } from '../../control/regions/service';
import { reportCsv, reportFileName, reportXlsx, type ReportLang } from './export';
import {
  communityMonthParams,
  exportQuery,
  freezeInput,
  monthlyReport,
  regionMonthParams,
  regionParams,
  reportList,
  reportQuery,
  reviseInput,
} from './schemas';
import type { ReviseInput } from './revisions';
import type { MonthlyReports } from './service';
import type { MonthlyReport, ReportKind } from './store';

type ExportQuery = { format: 'csv' | 'xlsx'; lang?: ReportLang; revision?: number };

async function send(res: Response, report: MonthlyReport, q: ExportQuery): Promise<void> {
  const lang = q.lang ?? 'zh-CN';
  const xlsx = q.format === 'xlsx';
  res.status(200);
  res.set({
    'Content-Type': xlsx
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${reportFileName(report, q.format)}"`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.send(xlsx ? await reportXlsx(report, lang) : reportCsv(report, lang));
}

const exported = {
  description: 'The report as CSV (UTF-8 with BOM) or XLSX; lang: the words’ language',
  binary: 'application/octet-stream',
};

/**
 * Monthly reports: read-only for a community's operators and the supervisors above it (its own
 * reports), and for a region's supervisors (the node's); frozen on demand by the admin.
 */
export function reportRoutes(
  reports: MonthlyReports,
  ops: OperationsService,
  regions: RegionService,
): AnyRoute[] {
  const subject = {
    community: {
      prefix: '/api/v1/communities/:communityId/reports',
      who: 'Operators and admins of the community, supervisors above it',
      id: (p: Record<string, string>) => p.communityId!,
      check: (actor: Parameters<OperationsService['communityAccess']>[0], id: string) =>
        ops.communityAccess(actor, id),
      params: communityParams,
      monthParams: communityMonthParams,
    },
    region: {
      prefix: '/api/v1/regions/:regionId/reports',
      who: 'Admins and supervisors at or above the node',
      id: (p: Record<string, string>) => p.regionId!,
      check: (actor: Parameters<RegionService['readable']>[1], id: string) =>
        regions.readable(id, actor),
      params: regionParams,
      monthParams: regionMonthParams,
    },
  } as const;
  const routes: AnyRoute[] = [];
  for (const kind of ['community', 'region'] as ReportKind[]) {
    const sub = subject[kind];
    const denied = {
      403: failure('Not allowed to read this ' + kind),
      404: failure('No such ' + kind + ', outside the caller’s scope, or no report that month'),
    };
    routes.push(
      defineRoute<{ params: Record<string, string> }>()({
        method: 'get',
        path: sub.prefix,
        summary: `The ${kind}'s frozen monthly reports, newest first. ${sub.who}.`,
        tags: ['operations'],
        auth: auth.account,
        responses: { 200: json(reportList), ...denied },
        params: sub.params,
        handler: async ({ actor, params }) => {
          await sub.check(actor, sub.id(params));
          const [items, canRevise] = await Promise.all([
            reports.list(kind, sub.id(params)),
            reports.revisions.allowed(actor, kind, sub.id(params)),
          ]);
          return { items, canRevise };
        },
      }),
      defineRoute<{ params: Record<string, string>; query: { revision?: number } }>()({
        method: 'get',
        path: `${sub.prefix}/:month`,
        summary: `One frozen monthly report of the ${kind} (figures only): the newest revision, or the one asked for. ${sub.who}.`,
        tags: ['operations'],
        auth: auth.account,
        responses: { 200: json(monthlyReport), ...denied },
        params: sub.monthParams,
        query: reportQuery,
        handler: async ({ actor, params, query }) => {
          await sub.check(actor, sub.id(params));
          return reports.get(kind, sub.id(params), params.month!, query.revision);
        },
      }),
      defineRoute<{ params: Record<string, string>; query: ExportQuery }>()({
        method: 'get',
        path: `${sub.prefix}/:month/export`,
        summary: `The ${kind}'s monthly report as CSV or XLSX: headings and values in words, dates in the community's zone. ${sub.who}.`,
        tags: ['operations'],
        auth: auth.account,
        responses: { 200: exported, 400: failure('Unknown format or language'), ...denied },
        params: sub.monthParams,
        query: exportQuery,
        handler: async ({ actor, params, query, res }) => {
          await sub.check(actor, sub.id(params));
          const report = await reports.get(kind, sub.id(params), params.month!, query.revision);
          await send(res, report, query);
        },
      }),
    );
  }
  routes.push(
    defineRoute<{ body: { kind: ReportKind; subjectId: string; month: string } }>()({
      method: 'post',
      path: '/api/v1/operations/reports',
      summary:
        'Freezes a month’s report of a community or region node now (the 1st was missed). Once: a month frozen already is refused.',
      tags: ['operations'],
      auth: auth.platform('admin'),
      responses: {
        201: json(monthlyReport),
        400: failure('Malformed input, or a month that has not ended'),
        404: failure('No such community or region'),
        409: failure(
          'report_frozen: frozen already; rollups_pending: a region’s roll-ups are behind',
        ),
      },
      body: freezeInput,
      handler: ({ actor, body }) => reports.freezeOnDemand(actor, body),
    }),
    defineRoute<{ body: ReviseInput }>()({
      method: 'post',
      path: '/api/v1/operations/reports/revisions',
      summary:
        'Freezes a frozen month again with a reason (a late correction): its roll-ups are computed again from the records and the report stored as the next revision, naming the figures that changed. The admin, or a supervisor of the district the subject is in.',
      tags: ['operations'],
      auth: auth.account,
      responses: {
        201: json(monthlyReport),
        400: failure('Malformed input, or no reason'),
        403: failure('Not the admin or a district supervisor'),
        404: failure('No such community or region, outside the caller’s scope, or never frozen'),
        409: failure(
          'report_revising: another re-freeze of the month is under way or just ended; rollups_pending',
        ),
      },
      body: reviseInput,
      handler: ({ actor, body }) => reports.revisions.revise(actor, body),
    }),
  );
  return routes;
}
