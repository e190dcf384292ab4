import { businessHoursNode } from './business-hours.node';
import { collectDigitsNode } from './collect-digits.node';
import { conditionNode } from './condition.node';
import { dialExtensionNode } from './dial-extension.node';
import { entryNode } from './entry.node';
import { goToNode } from './go-to.node';
import { hangUpNode } from './hang-up.node';
import { httpRequestNode } from './http-request.node';
import { menuNode } from './menu.node';
import { playNode } from './play.node';
import { queueNode } from './queue.node';
import { recordNode } from './record.node';
import { ringGroupNode } from './ring-group.node';
import { sendSmsNode } from './send-sms.node';
import { setVariableNode } from './set-variable.node';
import { transferNode } from './transfer.node';
import { voicemailNode } from './voicemail.node';

/** Every node kind of the flow language. Adding a kind here makes the type checker list each layer that needs code. */
export const nodeCatalog = {
  entry: entryNode,
  play: playNode,
  menu: menuNode,
  'collect-digits': collectDigitsNode,
  'business-hours': businessHoursNode,
  condition: conditionNode,
  'set-variable': setVariableNode,
  'http-request': httpRequestNode,
  'ring-group': ringGroupNode,
  queue: queueNode,
  'dial-extension': dialExtensionNode,
  transfer: transferNode,
  voicemail: voicemailNode,
  'send-sms': sendSmsNode,
  record: recordNode,
  'go-to': goToNode,
  'hang-up': hangUpNode,
} as const;

export type NodeCatalog = typeof nodeCatalog;
export type NodeKind = keyof NodeCatalog;
export type NodeConfig<K extends NodeKind> = import('../define-node').NodeConfigOf<NodeCatalog[K]>;

export const NODE_KINDS = Object.keys(nodeCatalog) as NodeKind[];

export function isNodeKind(kind: string): kind is NodeKind {
  return Object.hasOwn(nodeCatalog, kind);
}

export { MenuOptionSchema } from './menu.node';
export { ConditionRuleSchema } from './condition.node';
export { AssignedValueSchema } from './set-variable.node';
export { ResponseMappingSchema } from './http-request.node';
export { RingTargetSchema, type RingTarget } from './ring-group.node';
export { CallbackOfferSchema } from './queue.node';
