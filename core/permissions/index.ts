export { ADMINISTRATOR, TRUSTED, type Actor, type DocAction, type DocValues, type PermissionPolicy } from './policy';
export { RIGHTS, rightsFor, type Right, type Grant, type DocTypeRights } from './rights';
export { UserAccess, noPermission, ADMINISTRATOR_USER, GUEST_USER, type Scope } from './access';
export { satisfies, type Restriction, type UserPermissionRow } from './user-permissions';
