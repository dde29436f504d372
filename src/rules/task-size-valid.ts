import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { FargateOperatingSystem } from '../platform/platform-versions';
import { Parsed, parseCpu, parseMemory, TASK_SIZE_TABLE, taskSizeProblem, TaskSizeRange, WINDOWS_MIN_CPU } from '../platform/task-size-table';

/**
 * The task-size check, callable with plain numbers so `TaskSize.of` and the constructs report exactly
 * what the rule reports.
 * @internal
 */
export function taskSizeFinding(
  cpu: Parsed, memory: Parsed, os: FargateOperatingSystem | undefined, extra?: readonly TaskSizeRange[],
): Finding | undefined {
  for (const [name, parsed] of [['Cpu', cpu], ['Memory', memory]] as const) {
    if (parsed.kind === 'absent') {
      return {
        property: name,
        value: undefined,
        problem: `task-level ${name.toLowerCase()} is required on Fargate`,
        allowed: 'a task-level cpu and memory pair from the Fargate table',
      };
    }
    if (parsed.kind === 'invalid') {
      return {
        property: name,
        value: parsed.raw,
        problem: `${name.toLowerCase()} cannot be read`,
        allowed: name === 'Cpu' ? "CPU units ('1024') or vCPU ('1 vCPU')" : "MiB ('2048') or GB ('2 GB')",
      };
    }
  }
  if (cpu.kind !== 'value' || memory.kind !== 'value') return undefined; // a token: unknowable at synth
  const problem = taskSizeProblem(cpu.value, memory.value, os, extra);
  return problem && { property: 'Cpu/Memory', value: `${cpu.value}/${memory.value}`, ...problem };
}

/** Fargate-TS1: task-level cpu and memory are set and form a Fargate task size. */
export const TaskSizeValid = defineRule({
  id: 'Fargate-TS1',
  level: RuleLevel.ERROR,
  summary: 'Task cpu and memory must be a Fargate task size',
  explanation:
    `Fargate runs only the CPU/memory pairs in its table (${TASK_SIZE_TABLE[0].cpu}/${TASK_SIZE_TABLE[0].minMemoryMiB} up to ` +
    `${TASK_SIZE_TABLE[TASK_SIZE_TABLE.length - 1].cpu}/${TASK_SIZE_TABLE[TASK_SIZE_TABLE.length - 1].maxMemoryMiB}), and requires both ` +
    `at task level. Windows tasks need at least cpu ${WINDOWS_MIN_CPU}. RegisterTaskDefinition rejects anything else at deploy time.`,
  fix: 'Choose a pair from the table (TaskSize.of(cpu, memoryMiB) validates it), or allow an extra pair with `additionalTaskSizes`.',
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource, ctx) {
    const td = fargateTaskDefinition(resource);
    if (!td) return undefined;
    const finding = taskSizeFinding(parseCpu(resource.props.Cpu), parseMemory(resource.props.Memory), td.os, ctx.options.additionalTaskSizes);
    return finding ? [finding] : [];
  },
});
