import { fargateLaunches, LAUNCH_RESOURCE_TYPES } from './facts';
import { defineRule, RuleLevel } from './rule';

/** Fargate-SV2: an awsvpc launch carries a network configuration. */
export const NetworkConfigurationPresent = defineRule({
  id: 'Fargate-SV2',
  level: RuleLevel.ERROR,
  summary: 'A Fargate service or task target must have a network configuration',
  explanation:
    'awsvpc tasks need subnets (and security groups) to create their ENI. Without awsvpcConfiguration, CreateService, ' +
    'RunTask from EventBridge/Scheduler/Pipes, or the Step Functions state fails.',
  fix: 'Set networkConfiguration.awsvpcConfiguration with private subnets and a security group.',
  resourceTypes: LAUNCH_RESOURCE_TYPES,
  evaluate(resource, ctx) {
    const launches = fargateLaunches(resource, ctx).filter(l => l.networkConfigurationPath !== undefined);
    if (launches.length === 0) return undefined;
    return launches.filter(l => l.networkConfiguration === undefined).map(l => ({
      property: l.networkConfigurationPath!,
      value: undefined,
      problem: `${l.kind} runs awsvpc tasks but has no network configuration`,
      allowed: 'an AwsvpcConfiguration with subnets and security groups',
    }));
  },
});
