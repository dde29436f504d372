import { Token, UnscopedValidationError } from 'aws-cdk-lib';
import { FargateOperatingSystem } from './platform-versions';
import {
  cpuSizesFor, CPU_UNITS_PER_VCPU, MIB_PER_GB, operatingSystemsOf, parseCpu, parseMemory, Parsed, rangesFor, TASK_SIZE_TABLE,
  taskSizeIssue, taskSizeMinimumVersion, TaskSizeRange, validCpuSizes,
} from './task-size-table';

/**
 * Options for validating a task size.
 */
export interface TaskSizeOptions {
  /**
   * The operating system the task runs: Windows runs 1, 2 and 4 vCPU only; the other sizes are Linux only.
   * @default FargateOperatingSystem.LINUX
   */
  readonly os?: FargateOperatingSystem;

  /**
   * Sizes to accept beyond the documented table.
   * @default - only the documented sizes
   */
  readonly additionalSizes?: TaskSizeRange[];
}

/**
 * A Fargate task size: a CPU/memory pair from AWS's table, validated when it is made.
 *
 * @example
 * const size = TaskSize.of(1024, 2048); // 1 vCPU, 2 GiB
 * const same = TaskSize.parse('1 vCPU', '2 GB');
 */
export class TaskSize {
  /**
   * A task size from CPU units (1024 = 1 vCPU) and memory in MiB. Throws for a pair Fargate does not
   * offer on the OS, with the problem and the allowed values rule `Fargate-TS1` reports. Tokens are accepted
   * unchecked.
   */
  public static of(cpu: number, memoryMiB: number, options: TaskSizeOptions = {}): TaskSize {
    return TaskSize.validated(
      Token.isUnresolved(cpu) ? { kind: 'token' } : parseCpu(cpu),
      Token.isUnresolved(memoryMiB) ? { kind: 'token' } : parseMemory(memoryMiB),
      cpu, memoryMiB, options,
    );
  }

  /**
   * A task size from CloudFormation's string forms: cpu `'1024'`, `'1 vCPU'` or `'0.25 vcpu'`; memory
   * `'2048'`, `'2GB'` or `'2 GB'`.
   */
  public static parse(cpu: string, memory: string, options: TaskSizeOptions = {}): TaskSize {
    if (Token.isUnresolved(cpu) || Token.isUnresolved(memory)) {
      throw new UnscopedValidationError('TaskSizeParseToken' as any,
        'TaskSize.parse needs literal strings; for tokens use TaskSize.of(cpu, memoryMiB) with number tokens.');
    }
    const c = parseCpu(cpu);
    const m = parseMemory(memory);
    return TaskSize.validated(c, m, c.kind === 'value' ? c.value : NaN, m.kind === 'value' ? m.value : NaN, options);
  }

  /** Whether a pair is a Fargate task size. */
  public static isValid(cpu: number, memoryMiB: number, options: TaskSizeOptions = {}): boolean {
    return taskSizeIssue(parseCpu(cpu), parseMemory(memoryMiB), options.os ?? FargateOperatingSystem.LINUX, options.additionalSizes) === undefined;
  }

  /**
   * Every valid memory size (MiB) for a CPU size, ascending. Empty for a CPU size Fargate does not offer.
   * @param os only the sizes this OS runs (default: every OS)
   */
  public static memoryOptions(cpu: number, additionalSizes: TaskSizeRange[] = [], os?: FargateOperatingSystem): number[] {
    const out = new Set<number>();
    for (const r of rangesFor(cpu, additionalSizes)) {
      if (os !== undefined && !operatingSystemsOf(r).includes(os)) continue;
      for (let m = r.minMemoryMiB; m <= r.maxMemoryMiB; m += r.stepMiB ?? (r.maxMemoryMiB - r.minMemoryMiB || 1)) out.add(m);
    }
    return [...out].sort((a, b) => a - b);
  }

  /**
   * The CPU sizes Fargate offers, in CPU units.
   * @param os only the sizes this OS runs (default: every OS)
   */
  public static cpuOptions(os?: FargateOperatingSystem): number[] {
    return os === undefined ? validCpuSizes() : cpuSizesFor(os);
  }

  /** The operating systems that run a CPU size, from the table; empty for a CPU size Fargate does not offer. */
  public static operatingSystems(cpu: number): FargateOperatingSystem[] {
    return [...new Set(rangesFor(cpu).flatMap(operatingSystemsOf))];
  }

  /** The documented table, as data. */
  public static table(): TaskSizeRange[] {
    return [...TASK_SIZE_TABLE];
  }

  private static validated(cpu: Parsed, memory: Parsed, cpuValue: number, memoryValue: number, options: TaskSizeOptions): TaskSize {
    const issue = taskSizeIssue(cpu, memory, options.os ?? FargateOperatingSystem.LINUX, options.additionalSizes);
    if (issue) {
      throw new UnscopedValidationError('InvalidFargateTaskSize' as any,
        `Not a Fargate task size: ${issue.problem}. Got ${issue.value}. Allowed: ${issue.allowed}.`);
    }
    return new TaskSize(cpuValue, memoryValue, options.additionalSizes ?? []);
  }

  /** CPU units (1024 = 1 vCPU). */
  public readonly cpu: number;
  /** Memory in MiB. */
  public readonly memoryMiB: number;
  /** The lowest Linux platform version that offers this size, if any is needed beyond 1.3.0. */
  public readonly minimumPlatformVersion?: string;

  private constructor(cpu: number, memoryMiB: number, extra: readonly TaskSizeRange[]) {
    this.cpu = cpu;
    this.memoryMiB = memoryMiB;
    this.minimumPlatformVersion = Token.isUnresolved(cpu) || Token.isUnresolved(memoryMiB)
      ? undefined : taskSizeMinimumVersion(cpu, memoryMiB, extra);
  }

  /** vCPUs, e.g. 0.25. */
  public get vcpu(): number {
    return this.cpu / CPU_UNITS_PER_VCPU;
  }

  /** Memory in GiB, e.g. 0.5. */
  public get memoryGiB(): number {
    return this.memoryMiB / MIB_PER_GB;
  }

  /** `'1 vCPU / 2048 MiB'`. */
  public toString(): string {
    return `${this.vcpu} vCPU / ${this.memoryMiB} MiB`;
  }
}
