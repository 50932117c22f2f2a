import { component } from '../../http/components';
import { arrayOf, obj } from '../../http/schemas';

/** Someone a record may be assigned to: display name only (no username, no contact). */
export const assignee = component(
  'Assignee',
  obj({ accountId: { type: 'string' }, displayName: { type: 'string' } }, [
    'accountId',
    'displayName',
  ]),
);

export const assigneeList = component('AssigneeList', obj({ items: arrayOf(assignee) }, ['items']));
