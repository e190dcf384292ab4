export { LoginPage, HOME_PATH } from './login-page';
export { RequireRole, RequireSession } from './require-session';
export { can } from './roles';
export { logIn, logOut, useCan, useSession, useSessionAcrossTabs } from './session';
export { sessionStore } from './session-store';
export { UserMenu } from './user-menu';
