import type { Role } from '@callflow/schemas';
import { Center, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { can } from './roles';
import { useSession } from './session';

/** Where the login page sends the user back to once signed in. */
export interface LoginRedirect {
  from?: string;
}

/** Shows its children to a signed-in user; anybody else goes to /login (and comes back here after signing in). */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session === null) {
    const state: LoginRedirect = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}

/** Shows its children to users whose role is at least `minimum`; others read why they cannot. */
export function RequireRole({ minimum, children }: { minimum: Role; children: ReactNode }) {
  const role = useSession()?.user.role;
  if (can(role, minimum)) return children;
  return (
    <Center h="100%">
      <Stack gap={4} align="center">
        <Title order={3} fz="lg">
          Not available to your role
        </Title>
        <Text size="sm" c="dimmed">
          This page needs the {minimum} role or higher; you are signed in as {role ?? 'nobody'}.
        </Text>
      </Stack>
    </Center>
  );
}
