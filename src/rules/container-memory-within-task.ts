import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { parseMemory } from '../platform/task-size-table';

/** Fargate-TS2: no container's hard memory limit exceeds the task's memory. */
export const ContainerMemoryWithinTask = defineRule({
  id: 'Fargate-TS2',
  level: RuleLevel.ERROR,
  summary: "A container's memory limit must not exceed the task's memory",
  explanation: 'On Fargate the task size is the hard ceiling; a container asking for more is rejected at registration.',
  fix: "Lower the container's `memory` (memoryLimitMiB) or raise the task size.",
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource) {
    const td = fargateTaskDefinition(resource);
    if (!td) return undefined;
    const task = parseMemory(resource.props.Memory);
    if (task.kind !== 'value') return undefined;
    const findings: Finding[] = [];
    for (const { path, def } of td.containers) {
      const mem = parseMemory(def.Memory);
      if (mem.kind === 'value' && mem.value > task.value) {
        findings.push({
          property: `${path}.Memory`,
          value: def.Memory,
          problem: `container '${def.Name}' asks for ${mem.value} MiB in a ${task.value} MiB task`,
          allowed: `at most ${task.value} MiB`,
        });
      }
    }
    return findings;
  },
});
