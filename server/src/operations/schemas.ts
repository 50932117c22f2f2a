import type { JsonSchema } from '../http/validation';
import { SCENES } from '@scene/schema';
import { component } from '../http/components';
import { arrayOf, localizedText, nullable, obj } from '../http/schemas';
import { region, regionLevel } from '../control/regions/schemas';
import { PERIOD_KINDS } from './period';
import { INDICATORS } from './evaluation/score';

const str = { type: 'string' };
const count = { type: 'integer', minimum: 0 };
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
/** A figure, `null` when it counts too few records to show. */
const figure = nullable({ type: 'number' });
const scene = { enum: [...SCENES] };
const series = arrayOf(obj({ day, value: figure }, ['day', 'value']));

export const periodQuery = obj({
  period: { enum: [...PERIOD_KINDS] },
  month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
});

const period = component(
  'DashboardPeriod',
  obj(
    {
      kind: { enum: [...PERIOD_KINDS] },
      timeZone: str,
      today: day,
      from: day,
      to: day,
      days: count,
      previous: obj({ from: day, to: day }, ['from', 'to']),
    },
    ['kind', 'timeZone', 'today', 'from', 'to', 'days', 'previous'],
  ),
);

const head = {
  key: str,
  pluginId: str,
  pluginName: localizedText,
  metricId: str,
  scene,
  label: localizedText,
  unit: nullable(localizedText),
  chart: { enum: ['line', 'bar', 'pie'] },
  better: nullable({ enum: ['higher', 'lower'] }),
  combine: { enum: ['sum', 'mean'] },
  minGroupSize: { type: 'integer', minimum: 2 },
  total: figure,
  previous: figure,
  series,
};
const headKeys = Object.keys(head);

const coverage = obj(
  {
    scenes: arrayOf(
      obj(
        {
          scene,
          installed: { type: 'boolean' },
          placed: { type: 'boolean' },
          used: { type: 'boolean' },
        },
        ['scene', 'installed', 'placed', 'used'],
      ),
    ),
    missingStandard: arrayOf(
      obj({ pluginId: str, name: localizedText, scene }, ['pluginId', 'name', 'scene']),
    ),
    standard: obj({ total: count, present: count }, ['total', 'present']),
    score: { type: 'integer', minimum: 0, maximum: 100 },
  },
  ['scenes', 'missingStandard', 'standard', 'score'],
);

export const communityDashboard = component(
  'CommunityDashboard',
  obj(
    {
      community: obj({ id: str, name: str, timeZone: str, published: { type: 'boolean' } }, [
        'id',
        'name',
        'timeZone',
        'published',
      ]),
      access: { enum: ['operator', 'supervisor'] },
      period,
      metrics: arrayOf(obj({ ...head, records: count }, [...headKeys, 'records'])),
      counting: { type: 'boolean' },
      coverage,
    },
    ['community', 'access', 'period', 'metrics', 'counting', 'coverage'],
  ),
);

const indicatorNumbers = (schema: JsonSchema) =>
  obj(Object.fromEntries(INDICATORS.map((i) => [i, schema])), [...INDICATORS]);
const weights = indicatorNumbers({ type: 'number', minimum: 0, maximum: 100 });

export const evaluationWeights = component(
  'EvaluationWeights',
  obj({ version: count, weights, at: nullable({ type: 'string', format: 'date-time' }) }, [
    'version',
    'weights',
    'at',
  ]),
);
export const weightsInput = obj({ weights }, ['weights']);

const evaluation = obj(
  {
    version: count,
    weights,
    scores: arrayOf(
      obj({ id: str, name: str, composite: { type: 'number' }, parts: weights }, [
        'id',
        'name',
        'composite',
        'parts',
      ]),
    ),
    allRounder: nullable(
      obj({ id: str, name: str, composite: { type: 'number' } }, ['id', 'name', 'composite']),
    ),
    champions: arrayOf(
      obj({ indicator: { enum: [...INDICATORS] }, id: str, name: str, value: { type: 'number' } }, [
        'indicator',
        'id',
        'name',
        'value',
      ]),
    ),
  },
  ['version', 'weights', 'scores', 'allRounder', 'champions'],
);

export const regionDashboard = component(
  'RegionDashboard',
  obj(
    {
      region,
      trail: arrayOf(obj({ id: str, name: str, level: regionLevel }, ['id', 'name', 'level'])),
      period,
      communities: count,
      published: count,
      metrics: arrayOf(obj({ ...head, hidden: count }, [...headKeys, 'hidden'])),
      ranking: arrayOf(
        obj(
          {
            id: str,
            name: str,
            published: { type: 'boolean' },
            score: count,
            figures: { type: 'object', additionalProperties: figure },
          },
          ['id', 'name', 'published', 'score', 'figures'],
        ),
      ),
      leaders: arrayOf(
        obj({ key: str, communityId: str, name: str, value: { type: 'number' } }, [
          'key',
          'communityId',
          'name',
          'value',
        ]),
      ),
      evaluation,
    },
    [
      'region',
      'trail',
      'period',
      'communities',
      'published',
      'metrics',
      'ranking',
      'leaders',
      'evaluation',
    ],
  ),
);

export const operationsOverview = component(
  'OperationsOverview',
  obj(
    {
      regions: arrayOf(
        obj(
          {
            id: str,
            name: str,
            level: { enum: ['province', 'city', 'district'] },
            depth: count,
            communities: count,
            published: count,
          },
          ['id', 'name', 'level', 'depth', 'communities', 'published'],
        ),
      ),
      communities: arrayOf(
        obj(
          {
            id: str,
            name: str,
            place: arrayOf(str),
            type: { enum: ['new-build', 'renovation'] },
            published: { type: 'boolean' },
            score: count,
          },
          ['id', 'name', 'place', 'type', 'published', 'score'],
        ),
      ),
    },
    ['regions', 'communities'],
  ),
);
