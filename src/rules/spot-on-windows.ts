import { fargateLaunches, LAUNCH_RESOURCE_TYPES, usesSpot } from './facts';
import { defineRule, RuleLevel } from './rule';
import { FargateOperatingSystem } from '../platform/platform-versions';

/** Fargate-SP1: no Fargate Spot for Windows tasks. */
export const SpotOnWindows = defineRule({
  id: 'Fargate-SP1',
  level: RuleLevel.ERROR,
  summary: 'Windows tasks cannot run on Fargate Spot',
  explanation: 'FARGATE_SPOT capacity exists for Linux tasks only; a Windows task placed on it never starts.',
  fix: 'Use the FARGATE capacity provider (on-demand) for Windows tasks.',
  resourceTypes: LAUNCH_RESOURCE_TYPES,
  evaluate(resource, ctx) {
    const launches = fargateLaunches(resource, ctx).filter(l => l.providers !== undefined && l.os !== undefined);
    if (launches.length === 0) return undefined;
    return launches.filter(l => usesSpot(l) && l.os === FargateOperatingSystem.WINDOWS).map(l => ({
      property: l.strategyPath,
      value: l.providers,
      problem: `${l.kind} puts a Windows task on FARGATE_SPOT`,
      allowed: "['FARGATE']",
    }));
  },
});
