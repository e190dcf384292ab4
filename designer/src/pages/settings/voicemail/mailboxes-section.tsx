import type { Mailbox } from '@callflow/schemas';
import { useCallback } from 'react';
import { directoryClient } from '../../../api/directory-client';
import { EntitySection, type Column } from '../entity-section';
import { useLoaded } from '../use-loaded';
import { MailboxForm } from './mailbox-form';

function greetingSummary(mailbox: Mailbox): string {
  if (mailbox.greeting === null) return 'Default';
  return mailbox.greeting.type === 'tts' ? `“${mailbox.greeting.text}”` : 'Audio file';
}

export function MailboxesSection() {
  const mailboxes = useLoaded(useCallback(() => directoryClient.mailboxes.list(), []));
  const agents = useLoaded(useCallback(() => directoryClient.agents.list(), []));
  const agentName = (id: string) => agents.data?.find((agent) => agent.id === id)?.name ?? id;

  const columns: Array<Column<Mailbox>> = [
    { label: 'Name', render: (mailbox) => mailbox.name },
    { label: 'Extension', render: (mailbox) => mailbox.extension ?? '—' },
    { label: 'Owner', render: (mailbox) => (mailbox.ownerAgentId === null ? 'Shared' : agentName(mailbox.ownerAgentId)) },
    { label: 'Greeting', render: greetingSummary },
    { label: 'Notified', render: (mailbox) => [...mailbox.notifyEmails, ...mailbox.notifySms].join(', ') || '—' },
  ];

  return (
    <EntitySection
      sectionId="voicemail"
      noun="voicemail box"
      items={mailboxes}
      columns={columns}
      remove={(mailbox) => directoryClient.mailboxes.remove(mailbox.id)}
      editor={({ item, saved, close }) => (
        <MailboxForm
          mailbox={item}
          agents={agents.data ?? []}
          onCancel={close}
          onSubmit={async (body) => {
            if (item) await directoryClient.mailboxes.update(item.id, body);
            else await directoryClient.mailboxes.create(body);
            saved(`${body.name} saved`);
          }}
        />
      )}
    />
  );
}
