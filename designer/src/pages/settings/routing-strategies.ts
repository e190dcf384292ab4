import { RoutingStrategySchema, type RoutingStrategy } from '@callflow/schemas';

const LABELS: Record<RoutingStrategy, string> = {
  simultaneous: 'Simultaneous — ring everyone at once',
  sequential: 'Sequential — by priority, one by one',
  'round-robin': 'Round robin — take turns',
  'longest-idle': 'Longest idle first',
  'fewest-calls': 'Fewest active calls first',
  random: 'Random',
  weighted: 'Weighted random',
  skills: 'Best skill match first',
};

export const STRATEGY_OPTIONS = RoutingStrategySchema.options.map((value) => ({ value, label: LABELS[value] }));

export function strategyName(strategy: RoutingStrategy): string {
  return LABELS[strategy].split(' — ')[0]!;
}
