import { CreateUserBodySchema, ROLES, UpdateUserBodySchema, type AgentView, type CreateUserBody, type Role, type UpdateUserBody, type User } from '@callflow/schemas';
import { PasswordInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { can } from '../../../auth';
import { nullIfBlank } from '../form-values';
import { FormFooter, ProblemAlert } from '../settings-ui';
import { useSettingsForm } from '../use-settings-form';

export interface UserFormValues {
  email: string;
  name: string;
  password: string;
  role: Role;
  agentId: string;
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Owner — everything, including owners',
  admin: 'Admin — configuration and publishing',
  supervisor: 'Supervisor — monitoring and reports',
  agent: 'Agent — own calls',
};

/** The roles `callerRole` may give: only owners make owners. */
export function assignableRoles(callerRole: Role): Role[] {
  return ROLES.filter((role) => role !== 'owner' || callerRole === 'owner');
}

export function userFormValues(user: User | null): UserFormValues {
  return { email: user?.email ?? '', name: user?.name ?? '', password: '', role: user?.role ?? 'agent', agentId: user?.agentId ?? '' };
}

export const newUserBody = (values: UserFormValues) => ({
  email: values.email.trim(),
  name: values.name,
  password: values.password,
  role: values.role,
  agentId: nullIfBlank(values.agentId),
});

/** A change leaves the password as it is unless a new one is typed. */
export const userChangeBody = (values: UserFormValues) => ({
  name: values.name,
  role: values.role,
  agentId: nullIfBlank(values.agentId),
  ...(values.password === '' ? {} : { password: values.password }),
});

export interface UserFormProps {
  user: User | null;
  callerRole: Role;
  agents: AgentView[];
  onCreate(body: CreateUserBody): Promise<void>;
  onUpdate(body: UpdateUserBody): Promise<void>;
  onCancel(): void;
}

export function UserForm({ user, callerRole, agents, onCreate, onUpdate, onCancel }: UserFormProps) {
  const creating = user === null;
  const { form, submit, problem, saving } = useSettingsForm<UserFormValues, CreateUserBody | UpdateUserBody>({
    initialValues: userFormValues(user),
    schema: creating ? CreateUserBodySchema : UpdateUserBodySchema,
    toBody: creating ? newUserBody : userChangeBody,
    onSubmit: (body) => (creating ? onCreate(body as CreateUserBody) : onUpdate(body as UpdateUserBody)),
  });
  // Only owners change who is an owner: an admin sees an owner's role but cannot change it.
  const roleLocked = user?.role === 'owner' && !can(callerRole, 'owner');
  const roles = roleLocked ? ROLES.filter((role) => role === 'owner') : assignableRoles(callerRole);

  return (
    <form onSubmit={submit} noValidate aria-label="User">
      <Stack gap="md">
        <ProblemAlert problem={problem} />
        <SimpleGrid cols={2}>
          <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
          <TextInput label="E-mail" withAsterisk disabled={!creating} {...form.getInputProps('email')} />
        </SimpleGrid>
        <Select
          label="Role"
          data={roles.map((role) => ({ value: role, label: ROLE_DESCRIPTIONS[role] }))}
          allowDeselect={false}
          disabled={roleLocked}
          description={roleLocked ? 'Only owners change who is an owner' : undefined}
          {...form.getInputProps('role')}
        />
        <Select
          label="Answers calls as"
          description="The directory agent whose calls this user takes in the agent console"
          data={agents.map((agent) => ({ value: agent.id, label: `${agent.name} (${agent.extension})` }))}
          clearable
          searchable
          placeholder="Nobody"
          {...form.getInputProps('agentId')}
        />
        <PasswordInput
          label={creating ? 'Password' : 'New password'}
          withAsterisk={creating}
          description={creating ? 'At least 10 characters' : 'Leave empty to keep the current one'}
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        {!creating && (
          <Text size="xs" c="dimmed">
            Changing the role, the agent or the password signs the user out everywhere.
          </Text>
        )}
      </Stack>
      <FormFooter saving={saving} onCancel={onCancel} generalError={form.errors['']} />
    </form>
  );
}
