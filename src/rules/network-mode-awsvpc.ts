import { isUnresolved } from './context';
import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, RuleLevel } from './rule';
import { FARGATE_NETWORK_MODE } from '../platform/fargate-support';

/** Fargate-NW1: networkMode is awsvpc. */
export const NetworkModeAwsvpc = defineRule({
  id: 'Fargate-NW1',
  level: RuleLevel.ERROR,
  summary: 'Fargate task definitions must use the awsvpc network mode',
  explanation: 'Every Fargate task gets its own elastic network interface; bridge, host and none are refused. Omitting networkMode means bridge.',
  fix: "Set networkMode to 'awsvpc' (ecs.NetworkMode.AWS_VPC; FargateTaskDefinition does this).",
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource) {
    if (!fargateTaskDefinition(resource)) return undefined;
    const mode = resource.props.NetworkMode;
    if (isUnresolved(mode) || mode === FARGATE_NETWORK_MODE) return [];
    return [{
      property: 'NetworkMode',
      value: mode,
      problem: mode === undefined ? 'networkMode is omitted, which means bridge' : `networkMode '${mode}' does not run on Fargate`,
      allowed: `'${FARGATE_NETWORK_MODE}'`,
    }];
  },
});
