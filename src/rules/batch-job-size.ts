import { asArray, isUnresolved } from './context';
import { BATCH_JOB_DEFINITION, osOf } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { BATCH_FARGATE_MAX_CPU } from '../platform/fargate-support';
import { CPU_UNITS_PER_VCPU, Parsed, parseMemory, taskSizeIssue } from '../platform/task-size-table';


/** Batch writes VCPU in vCPUs (`'0.25'`, `'2'`): CPU units, or a token, or unreadable. */
function parseBatchVcpu(value: unknown): Parsed {
  if (value === undefined) return { kind: 'absent' };
  if (typeof value !== 'string' && typeof value !== 'number') return { kind: 'token' };
  if (typeof value === 'string' && isUnresolved(value)) return { kind: 'token' };
  const vcpu = Number(value);
  return Number.isFinite(vcpu) && vcpu > 0 ? { kind: 'value', value: Math.round(vcpu * CPU_UNITS_PER_VCPU) } : { kind: 'invalid', raw: value };
}

/** Fargate-JB2: an AWS Batch Fargate job asks for a Fargate task size that Batch runs. */
export const BatchJobSize = defineRule({
  id: 'Fargate-JB2',
  level: RuleLevel.ERROR,
  summary: 'An AWS Batch Fargate job definition must ask for a Fargate task size',
  explanation:
    'A Batch job on Fargate runs as one Fargate task, so its resourceRequirements VCPU (in vCPUs, e.g. \'0.25\') and ' +
    `MEMORY (in MiB) must be a pair from the Fargate table, up to ${BATCH_FARGATE_MAX_CPU / CPU_UNITS_PER_VCPU} vCPU ` +
    'on Batch. Otherwise RegisterJobDefinition or the job\'s task is refused.',
  fix: 'Choose VCPU and MEMORY from the Fargate table (TaskSize.memoryOptions(cpu) lists the memory for a CPU size).',
  resourceTypes: [BATCH_JOB_DEFINITION],
  evaluate(resource) {
    const caps = resource.props.PlatformCapabilities;
    const container = resource.props.ContainerProperties;
    if (!Array.isArray(caps) || !caps.includes('FARGATE') || !container) return undefined;
    const requirements = asArray(container.ResourceRequirements);
    if (requirements.some(isUnresolved)) return undefined;
    const valueOf = (type: string) => requirements.find(r => r?.Type === type)?.Value;
    const cpu = parseBatchVcpu(valueOf('VCPU'));
    const memory = parseMemory(valueOf('MEMORY'));
    const findings: Finding[] = [];
    const issue = taskSizeIssue(cpu, memory, osOf(container.RuntimePlatform?.OperatingSystemFamily));
    if (issue) {
      const property = issue.property === 'Cpu' ? 'VCPU' : issue.property === 'Memory' ? 'MEMORY' : 'VCPU/MEMORY';
      findings.push({ ...issue, property: `ContainerProperties.ResourceRequirements (${property})` });
    } else if (cpu.kind === 'value' && cpu.value > BATCH_FARGATE_MAX_CPU) {
      findings.push({
        property: 'ContainerProperties.ResourceRequirements (VCPU)',
        value: valueOf('VCPU'),
        problem: `Batch runs Fargate jobs of at most ${BATCH_FARGATE_MAX_CPU / CPU_UNITS_PER_VCPU} vCPU`,
        allowed: `VCPU from 0.25 to ${BATCH_FARGATE_MAX_CPU / CPU_UNITS_PER_VCPU}`,
      });
    }
    return findings;
  },
});
