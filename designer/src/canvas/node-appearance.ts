import type { NodeCategory, NodeKind } from '@callflow/schemas';
import type { MantineColor } from '@mantine/core';
import {
  IconArrowsRightLeft,
  IconArrowsSplit,
  IconClock,
  IconCornerDownRight,
  IconDialpad,
  IconLayoutGrid,
  IconListNumbers,
  IconMessage,
  IconPhoneIncoming,
  IconPhoneOff,
  IconPhoneOutgoing,
  IconPlayerRecord,
  IconRecordMail,
  IconUsers,
  IconVariable,
  IconVolume,
  IconWorld,
  type Icon,
} from '@tabler/icons-react';

/** The designer's icon per node kind: a new kind does not build until it has one. */
export const nodeIcons = {
  entry: IconPhoneIncoming,
  play: IconVolume,
  menu: IconLayoutGrid,
  'collect-digits': IconDialpad,
  'business-hours': IconClock,
  condition: IconArrowsSplit,
  'set-variable': IconVariable,
  'http-request': IconWorld,
  'ring-group': IconUsers,
  queue: IconListNumbers,
  'dial-extension': IconPhoneOutgoing,
  transfer: IconArrowsRightLeft,
  voicemail: IconRecordMail,
  'send-sms': IconMessage,
  record: IconPlayerRecord,
  'go-to': IconCornerDownRight,
  'hang-up': IconPhoneOff,
} satisfies Record<NodeKind, Icon>;

export const categoryColors = {
  start: 'teal',
  prompts: 'blue',
  logic: 'violet',
  routing: 'orange',
  actions: 'cyan',
  end: 'gray',
} satisfies Record<NodeCategory, MantineColor>;

export const categoryNames = {
  start: 'Start',
  prompts: 'Prompts and input',
  logic: 'Logic',
  routing: 'Routing',
  actions: 'Actions',
  end: 'End',
} satisfies Record<NodeCategory, string>;
