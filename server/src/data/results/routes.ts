import { resultsCsv, type SheetLang } from '@scene/schema';
import { component } from '../../http/components';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { failure, json } from '../../http/responses';
import { arrayOf, nullable, obj, s } from '../../http/schemas';
import type { DataPlane } from '../plane';
import { fieldsResults, resultsExport } from './service';
import { resultsXlsx } from './xlsx';

const FILES = {
  csv: { what: 'a CSV file (UTF-8 with BOM)', type: 'text/csv', charset: '; charset=utf-8' },
  xlsx: {
    what: 'an XLSX workbook (with the plugin, the export time in the community zone and the answer count above the table)',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    charset: '',
  },
} as const;

type Params = { communityId: string; pluginId: string; action: string };

const count = { type: 'integer', minimum: 0 };

const resultsSchema = component(
  'FieldsResults',
  obj(
    {
      total: count,
      minGroupSize: count,
      suppressed: { const: true },
      questions: arrayOf(
        obj(
          {
            id: { type: 'string' },
            label: { type: 'string' },
            kind: { enum: ['choice', 'choices', 'rating', 'text'] },
            answered: count,
            suppressed: { const: true },
            counts: arrayOf(
              obj({ value: { type: 'string' }, count, percent: { type: 'number' } }, [
                'value',
                'count',
                'percent',
              ]),
            ),
            average: nullable({ type: 'number' }),
            texts: arrayOf({ type: 'string' }),
          },
          ['id', 'label', 'kind', 'answered'],
        ),
      ),
    },
    ['total', 'minGroupSize', 'questions'],
  ),
);

const params = obj({ communityId: s.communityId, pluginId: s.pluginId, action: s.identifier }, [
  'communityId',
  'pluginId',
  'action',
]);

/** Results per question of a `fieldsFrom` action (a survey), as JSON and as CSV and XLSX downloads. */
export function resultsRoutes(dp: DataPlane): AnyRoute[] {
  return [
    defineRoute<{ params: Params }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/plugins/:pluginId/results/:action',
      summary:
        'Results per question of an action whose fields come from config (`fieldsFrom.results`): counts and percentages, rating averages, small groups hidden; free text only for `textRoles`',
      tags: ['records'],
      auth: auth.community('resident', 'staff', 'operator'),
      responses: {
        200: json(resultsSchema),
        404: failure('Plugin not installed, or the action declares no results'),
      },
      params,
      handler: ({ actor, params }) => fieldsResults(dp, { ...params, caller: actor }),
    }),
    ...(['csv', 'xlsx'] as const).map((format) =>
      defineRoute<{ params: Params; query: { lang?: SheetLang } }>()({
        method: 'get',
        path: `/api/v1/communities/:communityId/plugins/:pluginId/results/:action/${format}`,
        summary: `The same results as ${FILES[format].what} (one row per option, or per free-text answer for \`textRoles\`; headings, kinds and options in words): only for \`exportRoles\` (\`roles\` when absent); lang: the words' language`,
        tags: ['records'],
        auth: auth.community('resident', 'staff', 'operator'),
        responses: {
          200: {
            description: `The results as ${format.toUpperCase()}`,
            binary: FILES[format].type,
          },
          403: failure('The role may not download these results'),
          404: failure('Plugin not installed, or the action declares no results'),
        },
        params,
        query: obj({ lang: { enum: ['zh-CN', 'en'] } }),
        handler: async ({ actor, params, query, res }) => {
          const found = await resultsExport(dp, { ...params, caller: actor });
          const lang = query.lang ?? 'zh-CN';
          res.status(200);
          res.set({
            'Content-Type': FILES[format].type + FILES[format].charset,
            'Content-Disposition': `attachment; filename="${params.action}-results.${format}"`,
            'Cache-Control': 'private, no-store',
            'X-Content-Type-Options': 'nosniff',
          });
          res.send(
            format === 'csv' ? resultsCsv(found.results, lang) : await resultsXlsx(found, lang),
          );
        },
      }),
    ),
  ];
}
