import { component } from '../../http/components';
import { arrayOf, dateTime, localizedText, obj } from '../../http/schemas';

export const auditEntry = component(
  'AuditEntry',
  obj(
    {
      id: { type: 'string' },
      at: dateTime,
      actorId: { type: 'string' },
      actorRoles: arrayOf({ type: 'string' }),
      action: { type: 'string' },
      target: obj({ type: { type: 'string' }, id: { type: 'string' } }, ['type', 'id']),
      communityId: { type: 'string' },
      /** What changed: field names, before/after of states; never personal values. */
      summary: { type: 'object' },
    },
    ['id', 'at', 'actorId', 'actorRoles', 'action', 'target'],
  ),
);

const names = (value: object) => ({ type: 'object', additionalProperties: value });

/** What the ids on one page are called now: account, community, plugin, region → name, grant → role name. */
export const auditLabels = component(
  'AuditLabels',
  obj(
    {
      accounts: names({ type: 'string' }),
      communities: names({ type: 'string' }),
      plugins: names(localizedText),
      pluginRoles: names(localizedText),
      regions: names({ type: 'string' }),
    },
    ['accounts', 'communities', 'plugins', 'pluginRoles', 'regions'],
  ),
);

export const auditPage = component(
  'AuditPage',
  obj({ items: arrayOf(auditEntry), nextCursor: { type: 'string' }, labels: auditLabels }, [
    'items',
    'labels',
  ]),
);
