// Roles, views and personal data: who holds a role, who may open a view or run a query, which
// personal fields a clear rule reaches. One module, so every part of the platform reads them alike.
export {
  effectiveRoles,
  EVERYONE,
  holdsAny,
  holdsRole,
  membershipRolesHolding,
  pluginRoleGrant,
  rolesOfHolder,
} from './roles';
export type { MemberRoles, RoleSource } from './roles';
export {
  DEFAULT_VIEW_ROLES,
  mayOpenView,
  mayRunQuery,
  nodeQueries,
  QUERY_PROPS,
  viewQueries,
  viewRoles,
} from './views';
export type { QuerySource } from './views';
export { mayRunAction, visitorsWelcome } from './actions';
export { coversField, personalFields, ruleCovers } from './privacy';
export type { PersonalField } from './privacy';
export { PLATFORM_ROLE_NAMES, roleName, SCENE_NAMES, sceneName } from './role-names';
