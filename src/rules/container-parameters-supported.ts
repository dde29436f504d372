import { asArray, isSet } from './context';
import { BATCH_JOB_DEFINITION, batchFargateContainers, fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { UNSUPPORTED_CONTAINER_PROPERTIES, UNSUPPORTED_RESOURCE_REQUIREMENTS } from '../platform/fargate-support';

function containerName(def: Record<string, any>): string {
  return def.Name === undefined ? 'the job\'s container' : `container '${def.Name}'`;
}

/** Fargate-CT1: no container parameter Fargate refuses. */
export const ContainerParametersSupported = defineRule({
  id: 'Fargate-CT1',
  level: RuleLevel.ERROR,
  summary: 'Containers must not use parameters Fargate does not run',
  explanation:
    'Fargate refuses privileged, links, dnsServers, dnsSearchDomains, extraHosts, dockerSecurityOptions, ' +
    'disableNetworking, GPU and Inferentia resource requirements, and the Linux parameters devices, sharedMemorySize, ' +
    'tmpfs, maxSwap and swappiness. The same holds for the containers of AWS Batch job definitions on Fargate.',
  fix: 'Remove the parameter; each finding names the Fargate alternative.',
  resourceTypes: [TASK_DEFINITION, BATCH_JOB_DEFINITION],
  evaluate(resource) {
    const containers = resource.type === BATCH_JOB_DEFINITION ? batchFargateContainers(resource) : fargateTaskDefinition(resource)?.containers;
    if (!containers) return undefined;
    const findings: Finding[] = [];
    for (const { path, def } of containers) {
      for (const u of UNSUPPORTED_CONTAINER_PROPERTIES) {
        const holder = u.scope === 'linuxParameters' ? def.LinuxParameters : def;
        const at = u.scope === 'linuxParameters' ? `${path}.LinuxParameters.${u.property}` : `${path}.${u.property}`;
        if (!isSet(holder?.[u.property])) continue;
        findings.push({
          property: at,
          value: holder[u.property],
          problem: `${containerName(def)} sets ${u.property}, which Fargate does not support`,
          allowed: `${u.property} omitted`,
          fix: `Remove ${u.property}: ${u.hint}.`,
        });
      }
      asArray(def.ResourceRequirements).forEach((rr, i) => {
        if (!UNSUPPORTED_RESOURCE_REQUIREMENTS.includes(rr?.Type)) return;
        findings.push({
          property: `${path}.ResourceRequirements[${i}].Type`,
          value: rr.Type,
          problem: `${containerName(def)} requires a ${rr.Type}, and Fargate has none`,
          allowed: 'no GPU or InferenceAccelerator requirement',
          fix: 'Run GPU work on EC2 capacity (an ECS capacity provider backed by GPU instances).',
        });
      });
    }
    return findings;
  },
});
