import { component } from '../../http/components';
import { arrayOf, dateTime, localizedText, nullable, obj, s } from '../../http/schemas';
import { regionId } from '../../control/regions/schemas';

const str = { type: 'string' };
const count = { type: 'integer', minimum: 0 };
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
export const month = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' };
const figure = nullable({ type: 'number' });
const kind = { enum: ['community', 'region'] };
const frozenBy = { enum: ['schedule', 'admin', 'supervisor'] };
const revision = { type: 'integer', minimum: 1 };

export const reportSummary = component(
  'MonthlyReportSummary',
  obj({ month, frozenAt: dateTime, frozenBy, timeZone: str, revision }, [
    'month',
    'frozenAt',
    'frozenBy',
    'timeZone',
    'revision',
  ]),
);

/** A subject's months, and whether the caller may freeze one again (admin, district supervisor). */
export const reportList = obj({ items: arrayOf(reportSummary), canRevise: { type: 'boolean' } }, [
  'items',
  'canRevise',
]);

const reportChange = obj(
  {
    key: str,
    pluginName: nullable(localizedText),
    label: nullable(localizedText),
    unit: nullable(localizedText),
    from: figure,
    to: figure,
  },
  ['key', 'pluginName', 'label', 'unit', 'from', 'to'],
);

const rankingPlace = nullable(
  obj({ rank: { type: 'integer', minimum: 1 }, score: count }, ['rank', 'score']),
);
const rankingChange = obj(
  {
    id: str,
    name: str,
    from: rankingPlace,
    to: rankingPlace,
    figures: arrayOf(obj({ key: str, from: figure, to: figure }, ['key', 'from', 'to'])),
  },
  ['id', 'name', 'from', 'to', 'figures'],
);

export const monthlyReport = component(
  'MonthlyReport',
  obj(
    {
      kind,
      subjectId: str,
      subjectName: str,
      month,
      timeZone: str,
      from: day,
      to: day,
      previous: obj({ from: day, to: day }, ['from', 'to']),
      frozenAt: dateTime,
      frozenBy,
      revision,
      reason: nullable(str),
      changes: arrayOf(reportChange),
      rankingChanges: arrayOf(rankingChange),
      communities: count,
      published: count,
      score: count,
      metrics: arrayOf(
        obj(
          {
            key: str,
            pluginName: localizedText,
            label: localizedText,
            unit: nullable(localizedText),
            combine: { enum: ['sum', 'mean'] },
            minGroupSize: count,
            total: figure,
            previous: figure,
            hidden: count,
          },
          [
            'key',
            'pluginName',
            'label',
            'unit',
            'combine',
            'minGroupSize',
            'total',
            'previous',
            'hidden',
          ],
        ),
      ),
      ranking: arrayOf(
        obj(
          {
            id: str,
            name: str,
            score: count,
            figures: { type: 'object', additionalProperties: figure },
          },
          ['id', 'name', 'score', 'figures'],
        ),
      ),
    },
    [
      'kind',
      'subjectId',
      'subjectName',
      'month',
      'timeZone',
      'from',
      'to',
      'previous',
      'frozenAt',
      'frozenBy',
      'revision',
      'reason',
      'changes',
      'rankingChanges',
      'communities',
      'published',
      'score',
      'metrics',
      'ranking',
    ],
  ),
);

export const communityMonthParams = obj({ communityId: s.communityId, month }, [
  'communityId',
  'month',
]);
export const regionParams = obj({ regionId }, ['regionId']);
export const regionMonthParams = obj({ regionId, month }, ['regionId', 'month']);
export const exportQuery = obj(
  { format: { enum: ['csv', 'xlsx'] }, lang: { enum: ['zh-CN', 'en'] }, revision },
  ['format'],
);
/** A month's report: `revision` picks one, else the newest. */
export const reportQuery = obj({ revision }, []);
export const reviseInput = obj(
  {
    kind,
    subjectId: { type: 'string', pattern: '^[a-z0-9-]{2,40}$' },
    month,
    reason: { type: 'string', minLength: 2, maxLength: 500 },
  },
  ['kind', 'subjectId', 'month', 'reason'],
);
export const freezeInput = obj(
  {
    kind,
    subjectId: { type: 'string', pattern: '^[a-z0-9-]{2,40}$' },
    month,
  },
  ['kind', 'subjectId', 'month'],
);
