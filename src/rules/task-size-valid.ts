import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, RuleLevel } from './rule';
import { FargateOperatingSystem } from '../platform/platform-versions';
import { cpuSizesFor, parseCpu, parseMemory, TASK_SIZE_TABLE, taskSizeIssue } from '../platform/task-size-table';

const FIRST = TASK_SIZE_TABLE[0];
const LAST = TASK_SIZE_TABLE[TASK_SIZE_TABLE.length - 1];
const WINDOWS_CPU = cpuSizesFor(FargateOperatingSystem.WINDOWS);
const LINUX_ONLY_CPU = cpuSizesFor(FargateOperatingSystem.LINUX).filter(c => !WINDOWS_CPU.includes(c));

/** Fargate-TS1: task-level cpu and memory are set and form a Fargate task size. */
export const TaskSizeValid = defineRule({
  id: 'Fargate-TS1',
  level: RuleLevel.ERROR,
  summary: 'Task cpu and memory must be a Fargate task size',
  explanation:
    `Fargate runs only the CPU/memory pairs in its table (${FIRST.cpu}/${FIRST.minMemoryMiB} up to ${LAST.cpu}/${LAST.maxMemoryMiB}), ` +
    `and requires both at task level. Windows tasks run only cpu ${WINDOWS_CPU.join(', ')}; cpu ${LINUX_ONLY_CPU.join(', ')} ` +
    'are Linux only. ' +
    'RegisterTaskDefinition rejects anything else at deploy time.',
  fix: 'Choose a pair from the table (TaskSize.of(cpu, memoryMiB) validates it), or allow an extra pair with `additionalTaskSizes`.',
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource, ctx) {
    const td = fargateTaskDefinition(resource);
    if (!td) return undefined;
    const finding = taskSizeIssue(parseCpu(resource.props.Cpu), parseMemory(resource.props.Memory), td.os, ctx.options.additionalTaskSizes);
    return finding ? [finding] : [];
  },
});
