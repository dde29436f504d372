import { asArray, isUnresolved } from './context';
import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { ADDABLE_CAPABILITIES } from '../platform/fargate-support';

/** Fargate-CT2: only SYS_PTRACE may be added. */
export const CapabilitiesSupported = defineRule({
  id: 'Fargate-CT2',
  level: RuleLevel.ERROR,
  summary: `Containers may add only the ${ADDABLE_CAPABILITIES.join(', ')} kernel capability`,
  explanation: 'Fargate (platform version 1.4.0) lets a container add SYS_PTRACE and nothing else; NET_ADMIN, SYS_ADMIN and the rest are refused. Dropping capabilities is always allowed.',
  fix: 'Remove the capability from linuxParameters.capabilities.add. Dropping is fine.',
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource) {
    const td = fargateTaskDefinition(resource);
    if (!td) return undefined;
    const findings: Finding[] = [];
    for (const { path, def } of td.containers) {
      asArray(def.LinuxParameters?.Capabilities?.Add).forEach((cap, i) => {
        if (isUnresolved(cap) || typeof cap !== 'string' || ADDABLE_CAPABILITIES.includes(cap)) return;
        findings.push({
          property: `${path}.LinuxParameters.Capabilities.Add[${i}]`,
          value: cap,
          problem: `container '${def.Name}' adds ${cap}`,
          allowed: ADDABLE_CAPABILITIES.join(', '),
        });
      });
    }
    return findings;
  },
});
