import { asArray } from './context';
import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';

/** Fargate-NW2: a hostPort is omitted or equals its containerPort. */
export const HostPortMatches = defineRule({
  id: 'Fargate-NW2',
  level: RuleLevel.ERROR,
  summary: 'A port mapping\'s hostPort must be omitted or equal its containerPort',
  explanation: 'In awsvpc mode the container port is the port on the task ENI; there is no host port to remap to.',
  fix: 'Remove hostPort, or set it to the containerPort.',
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource) {
    const td = fargateTaskDefinition(resource);
    if (!td) return undefined;
    const findings: Finding[] = [];
    for (const { path, def } of td.containers) {
      asArray(def.PortMappings).forEach((pm, i) => {
        const host = pm?.HostPort;
        const container = pm?.ContainerPort;
        if (typeof host !== 'number' || typeof container !== 'number' || host === container) return;
        findings.push({
          property: `${path}.PortMappings[${i}].HostPort`,
          value: host,
          problem: `container '${def.Name}' maps host port ${host} to container port ${container}`,
          allowed: `omitted, or ${container}`,
        });
      });
    }
    return findings;
  },
});
