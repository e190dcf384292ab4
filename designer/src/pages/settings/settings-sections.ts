import type { Role } from '@callflow/schemas';
import { can } from '../../auth';

export type SettingsSectionId = 'numbers' | 'agents' | 'ring-groups' | 'queues' | 'schedules' | 'voicemail' | 'users';

export interface SettingsSection {
  id: SettingsSectionId;
  label: string;
  description: string;
  /** Least role that may open the section (the API's role for listing). */
  view: Role;
  /** Least role that may add, change and remove (the API's role for writing). */
  edit: Role;
}

/** The sections in the order of the sub-navigation, with the roles the API asks for on their routes. */
export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { id: 'numbers', label: 'Numbers', description: 'Phone numbers and the flow each one runs', view: 'supervisor', edit: 'admin' },
  { id: 'agents', label: 'Agents', description: 'People who take calls: extensions, skills, availability', view: 'supervisor', edit: 'admin' },
  { id: 'ring-groups', label: 'Ring groups', description: 'Agents rung together or in turn', view: 'supervisor', edit: 'admin' },
  { id: 'queues', label: 'Queues', description: 'Callers waiting in line for an agent', view: 'supervisor', edit: 'admin' },
  { id: 'schedules', label: 'Schedules & holidays', description: 'Opening hours, holidays and emergency closures', view: 'supervisor', edit: 'admin' },
  { id: 'voicemail', label: 'Voicemail boxes', description: 'Greetings and who is told about new messages', view: 'supervisor', edit: 'admin' },
  { id: 'users', label: 'Users & roles', description: 'Who signs in, and what they may do', view: 'admin', edit: 'admin' },
];

/** Least role that sees the settings at all. */
export const SETTINGS_ROLE: Role = 'supervisor';

export function visibleSections(role: Role | null | undefined): SettingsSection[] {
  return SETTINGS_SECTIONS.filter((section) => can(role, section.view));
}

export function sectionOf(id: SettingsSectionId): SettingsSection {
  return SETTINGS_SECTIONS.find((section) => section.id === id)!;
}
