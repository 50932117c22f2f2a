import { component } from '../../http/components';
import { arrayOf, dateTime, nullable, obj, s } from '../../http/schemas';
import { region } from '../../control/regions/schemas';
import { BUILD_STAGES } from './model';

const str = { type: 'string' };
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const stage = { enum: [...BUILD_STAGES] };
const count = { type: 'integer', minimum: 0 };

const milestoneIn = obj(
  {
    key: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,39}$' },
    name: s.str(60),
    planned: day,
    done: nullable(day),
  },
  ['key', 'name', 'planned', 'done'],
);

export const buildPlanInput = obj(
  { stage, milestones: { ...arrayOf(milestoneIn), maxItems: 30 } },
  ['stage', 'milestones'],
);

export const buildPlan = component(
  'BuildPlan',
  obj(
    {
      community: obj({ id: str, name: str, timeZone: str }, ['id', 'name', 'timeZone']),
      /** null until the admin or the district supervisor first sets it. */
      stage: nullable(stage),
      milestones: arrayOf(
        obj(
          {
            key: str,
            name: str,
            planned: day,
            done: nullable(day),
            late: { type: 'boolean' },
          },
          ['key', 'name', 'planned', 'done', 'late'],
        ),
      ),
      today: day,
      canEdit: { type: 'boolean' },
      updatedAt: nullable(dateTime),
    },
    ['community', 'stage', 'milestones', 'today', 'canEdit', 'updatedAt'],
  ),
);

export const regionBuild = component(
  'RegionBuild',
  obj(
    {
      region,
      communities: count,
      stages: obj(
        { planning: count, building: count, acceptance: count, operating: count, unset: count },
        ['planning', 'building', 'acceptance', 'operating', 'unset'],
      ),
      rows: arrayOf(
        obj({ id: str, name: str, stage: nullable(stage), late: count }, [
          'id',
          'name',
          'stage',
          'late',
        ]),
      ),
      late: arrayOf(
        obj({ communityId: str, community: str, key: str, milestone: str, planned: day }, [
          'communityId',
          'community',
          'key',
          'milestone',
          'planned',
        ]),
      ),
    },
    ['region', 'communities', 'stages', 'rows', 'late'],
  ),
);
