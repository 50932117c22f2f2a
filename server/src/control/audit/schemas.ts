import { component } from '../../http/components';
import { arrayOf, dateTime, obj } from '../../http/schemas';

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

export const auditPage = component(
  'AuditPage',
  obj({ items: arrayOf(auditEntry), nextCursor: { type: 'string' } }, ['items']),
);
