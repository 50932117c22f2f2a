import { component } from '../../http/components';
import { arrayOf, dateTime, localizedText, nullable, obj, s } from '../../http/schemas';
import { regionId } from '../../control/regions/schemas';

const str = { type: 'string' };
const count = { type: 'integer', minimum: 0 };
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
export const month = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' };
const figure = nullable({ type: 'number' });
const kind = { enum: ['community', 'region'] };
const frozenBy = { enum: ['schedule', 'admin'] };

export const reportSummary = component(
  'MonthlyReportSummary',
  obj({ month, frozenAt: dateTime, frozenBy, timeZone: str }, [
    'month',
    'frozenAt',
    'frozenBy',
    'timeZone',
  ]),
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
  { format: { enum: ['csv', 'xlsx'] }, lang: { enum: ['zh-CN', 'en'] } },
  ['format'],
);
export const freezeInput = obj(
  {
    kind,
    subjectId: { type: 'string', pattern: '^[a-z0-9-]{2,40}$' },
    month,
  },
  ['kind', 'subjectId', 'month'],
);
