import { fargateLaunches, LAUNCH_RESOURCE_TYPES, onArm64, usesSpot } from './facts';
import { defineRule, RuleLevel } from './rule';

/** Fargate-SP2: Fargate Spot on ARM64, which the AWS docs disagree about. */
export const SpotOnArm64 = defineRule({
  id: 'Fargate-SP2',
  level: RuleLevel.WARNING,
  summary: 'Fargate Spot on ARM64 may not be available',
  explanation:
    'The CapacityProviderStrategyItem API reference says Spot runs ARM64 tasks on platform version 1.4.0; older ' +
    'user-guide pages say it does not. Verify in your Region, keep an on-demand base, and acknowledge this warning.',
  fix: 'Keep a `base` on FARGATE so the service runs if Spot has no ARM64 capacity, then acknowledge Fargate-SP2.',
  resourceTypes: LAUNCH_RESOURCE_TYPES,
  evaluate(resource, ctx) {
    const launches = fargateLaunches(resource, ctx).filter(l => l.taskDefinition?.cpuArchitecture !== undefined);
    if (launches.length === 0) return undefined;
    return launches.filter(l => usesSpot(l) && onArm64(l)).map(l => ({
      property: l.strategyPath,
      value: l.providers,
      problem: `${l.kind} puts an ARM64 task on FARGATE_SPOT`,
      allowed: 'FARGATE_SPOT with ARM64 where your Region supports it, or FARGATE',
    }));
  },
});
