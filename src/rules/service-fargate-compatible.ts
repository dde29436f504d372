import { isUnresolved } from './context';
import { fargateLaunches, SERVICE } from './facts';
import { defineRule, RuleLevel } from './rule';

/** Fargate-SV1: a Fargate service's task definition declares FARGATE compatibility. */
export const ServiceFargateCompatible = defineRule({
  id: 'Fargate-SV1',
  level: RuleLevel.ERROR,
  summary: "A Fargate service's task definition must list FARGATE in requiresCompatibilities",
  explanation: 'CreateService refuses a FARGATE launch type or capacity provider with a task definition that was not registered for Fargate.',
  fix: "Add 'FARGATE' to the task definition's requiresCompatibilities (use ecs.FargateTaskDefinition or ecs.Compatibility.EC2_AND_FARGATE).",
  resourceTypes: [SERVICE],
  evaluate(resource, ctx) {
    const launch = fargateLaunches(resource, ctx)[0];
    const td = launch?.taskDefinition;
    if (!td) return undefined;
    const compat = td.resource.props.RequiresCompatibilities;
    if (Array.isArray(compat) && (compat.includes('FARGATE') || compat.some(isUnresolved))) return [];
    if (compat !== undefined && !Array.isArray(compat)) return undefined;
    return [{
      property: 'TaskDefinition',
      value: compat ?? ['EC2'],
      problem: `the service launches on Fargate, but its task definition ${td.resource.node.node.path} is compatible with ${(compat ?? ['EC2']).join(', ')} only`,
      allowed: "requiresCompatibilities containing 'FARGATE'",
    }];
  },
});
