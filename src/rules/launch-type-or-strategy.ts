import { fargateLaunches, LAUNCH_RESOURCE_TYPES } from './facts';
import { defineRule, RuleLevel } from './rule';

/** Fargate-SV3: a launch names a launch type or a capacity provider strategy, never both. */
export const LaunchTypeOrStrategy = defineRule({
  id: 'Fargate-SV3',
  level: RuleLevel.ERROR,
  summary: 'A Fargate service or task target must give a launch type or a capacity provider strategy, not both',
  explanation:
    'ECS refuses a CreateService or RunTask request that carries both, with "Specifying both a launch type and capacity ' +
    'provider strategy is not supported". This holds for services and for the RunTask parameters of EventBridge rule and ' +
    'Scheduler targets, Pipes and Step Functions ecs:runTask states: the schedule or state fires and no task starts.',
  fix: 'Remove the launch type and keep the strategy (FARGATE, FARGATE_SPOT or both), or remove the strategy and keep LaunchType FARGATE.',
  resourceTypes: LAUNCH_RESOURCE_TYPES,
  evaluate(resource, ctx) {
    const launches = fargateLaunches(resource, ctx).filter(l => l.launchTypePath !== undefined);
    if (launches.length === 0) return undefined;
    // A strategy that is a token may be empty: only a written, non-empty strategy is known to clash.
    return launches.filter(l => l.launchType !== undefined && Array.isArray(l.strategy) && l.strategy.length > 0).map(l => ({
      property: l.launchTypePath!,
      value: l.launchType,
      problem: `${l.kind} gives launch type ${String(l.launchType)} and a capacity provider strategy (${l.strategyPath})`,
      allowed: 'either LaunchType or CapacityProviderStrategy',
    }));
  },
});
