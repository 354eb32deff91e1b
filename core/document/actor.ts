/** The document layer acts for an Actor under a PermissionPolicy; both are defined by core/permissions. */
export { ADMINISTRATOR, TRUSTED, type Actor, type DocAction, type PermissionPolicy } from '../permissions/policy';
