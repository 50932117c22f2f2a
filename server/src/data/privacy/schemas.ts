import { component } from '../../http/components';
import { arrayOf, dateTime, obj } from '../../http/schemas';
import { recordView } from '../records/schemas';

export const myDataExport = component(
  'MyDataExport',
  obj(
    {
      accountId: { type: 'string' },
      exportedAt: dateTime,
      records: arrayOf(
        obj(
          {
            communityId: { type: 'string' },
            pluginId: { type: 'string' },
            collection: { type: 'string' },
            record: recordView,
            /** Written by someone else about me (the collection's `privacy.subject`). */
            about: { type: 'boolean' },
          },
          ['communityId', 'pluginId', 'collection', 'record'],
        ),
      ),
      points: arrayOf({ type: 'object' }),
      notifications: arrayOf({ type: 'object' }),
      uploads: arrayOf(
        obj(
          {
            id: { type: 'string' },
            communityId: { type: 'string' },
            contentType: { type: 'string' },
            size: { type: 'integer' },
            uploadedAt: dateTime,
          },
          ['id', 'communityId', 'contentType', 'size', 'uploadedAt'],
        ),
      ),
    },
    ['accountId', 'exportedAt', 'records', 'points', 'notifications', 'uploads'],
  ),
);

export const deletionReport = component(
  'DeletionReport',
  obj(
    {
      records: { type: 'integer' },
      anonymised: { type: 'integer' },
      pointsEntries: { type: 'integer' },
      notifications: { type: 'integer' },
      uploads: { type: 'integer' },
      replayCopies: { type: 'integer' },
      about: { type: 'integer' },
      unlinked: { type: 'integer' },
    },
    [
      'records',
      'anonymised',
      'pointsEntries',
      'notifications',
      'uploads',
      'replayCopies',
      'about',
      'unlinked',
    ],
  ),
);
