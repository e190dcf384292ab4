import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../api/http';
import classes from './login-page.module.css';
import type { LoginRedirect } from './require-session';
import { logIn, useSession } from './session';

/** Where a signed-in user lands when nothing else was asked for. */
export const HOME_PATH = '/flows';

function messageOf(error: unknown): string {
  if (isApiError(error, 401)) return 'The e-mail address or the password is not right.';
  if (isApiError(error, 429)) return 'Too many attempts. Wait a minute, then try again.';
  if (isApiError(error, 400)) return error.issues.map((issue) => issue.message).join('; ') || error.message;
  return error instanceof Error ? error.message : String(error);
}

export function LoginPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const target = (location.state as LoginRedirect | null)?.from ?? HOME_PATH;

  if (session !== null && !submitting) return <Navigate to={target} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await logIn(email.trim(), password);
      void navigate(target, { replace: true });
    } catch (caught) {
      setError(messageOf(caught));
      setSubmitting(false);
    }
  };

  return (
    <main className={classes.page}>
      <Paper className={classes.card} withBorder radius="md" p="xl" shadow="xs">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="md">
            <div>
              <Text fw={700} fz="lg" c="indigo.7">
                Callflow
              </Text>
              <Title order={1} fz="xl" mt={4}>
                Sign in
              </Title>
              <Text size="sm" c="dimmed" mt={2}>
                Design, publish and watch your call flows.
              </Text>
            </div>
            {error !== null && (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label="E-mail"
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button type="submit" loading={submitting} disabled={email.trim() === '' || password === ''} fullWidth mt="xs">
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </main>
  );
}
