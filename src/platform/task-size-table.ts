import { FargateOperatingSystem, osName } from './platform-versions';

/**
 * A run of valid Fargate memory sizes for one CPU size.
 */
export interface TaskSizeRange {
  /** CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  /** The smallest memory size, in MiB. */
  readonly minMemoryMiB: number;
  /** The largest memory size, in MiB. */
  readonly maxMemoryMiB: number;
  /**
   * The step between valid sizes, in MiB.
   * @default - only `minMemoryMiB` and `maxMemoryMiB` themselves are valid
   */
  readonly stepMiB?: number;
  /**
   * The lowest Linux platform version that offers this size.
   * @default - every supported version
   */
  readonly minimumPlatformVersion?: string;
  /**
   * The operating systems that run this size.
   * @default - Linux and Windows
   */
  readonly operatingSystems?: FargateOperatingSystem[];
}

const LINUX_ONLY = [FargateOperatingSystem.LINUX];
const LINUX_AND_WINDOWS = [FargateOperatingSystem.LINUX, FargateOperatingSystem.WINDOWS];

/**
 * The Fargate task size table, with the operating systems that run each size. Sources: *Task CPU and memory*
 * (RegisterTaskDefinition `cpu`/`memory`); the 32 vCPU tier as cfn-lint E3047/E3048 (PR 4668, 2026-09-01) and
 * pulumi-awsx (PR 2053, 2026-06-24) encode it from the same page. Windows needs at least 1 vCPU and runs at most
 * 4 vCPU; 8, 16 and 32 vCPU are Linux only.
 * @internal
 */
export const TASK_SIZE_TABLE: readonly TaskSizeRange[] = [
  { cpu: 256, minMemoryMiB: 512, maxMemoryMiB: 1024, stepMiB: 512, operatingSystems: LINUX_ONLY },
  { cpu: 256, minMemoryMiB: 2048, maxMemoryMiB: 2048, operatingSystems: LINUX_ONLY },
  { cpu: 512, minMemoryMiB: 1024, maxMemoryMiB: 4096, stepMiB: 1024, operatingSystems: LINUX_ONLY },
  { cpu: 1024, minMemoryMiB: 2048, maxMemoryMiB: 8192, stepMiB: 1024, operatingSystems: LINUX_AND_WINDOWS },
  { cpu: 2048, minMemoryMiB: 4096, maxMemoryMiB: 16384, stepMiB: 1024, operatingSystems: LINUX_AND_WINDOWS },
  { cpu: 4096, minMemoryMiB: 8192, maxMemoryMiB: 30720, stepMiB: 1024, operatingSystems: LINUX_AND_WINDOWS },
  { cpu: 8192, minMemoryMiB: 16384, maxMemoryMiB: 61440, stepMiB: 4096, minimumPlatformVersion: '1.4.0', operatingSystems: LINUX_ONLY },
  { cpu: 16384, minMemoryMiB: 32768, maxMemoryMiB: 122880, stepMiB: 8192, minimumPlatformVersion: '1.4.0', operatingSystems: LINUX_ONLY },
  // 32 vCPU: exactly 60, 120 or 244 GB.
  { cpu: 32768, minMemoryMiB: 61440, maxMemoryMiB: 122880, stepMiB: 61440, minimumPlatformVersion: '1.4.0', operatingSystems: LINUX_ONLY },
  { cpu: 32768, minMemoryMiB: 249856, maxMemoryMiB: 249856, minimumPlatformVersion: '1.4.0', operatingSystems: LINUX_ONLY },
];

/** The operating systems a row runs (Linux and Windows when it does not say). @internal */
export function operatingSystemsOf(r: TaskSizeRange): readonly FargateOperatingSystem[] {
  return r.operatingSystems ?? LINUX_AND_WINDOWS;
}

/** The CPU sizes an operating system runs, from the table. @internal */
export function cpuSizesFor(os: FargateOperatingSystem, extra: readonly TaskSizeRange[] = []): number[] {
  return validCpuSizes([], [...TASK_SIZE_TABLE, ...extra].filter(r => operatingSystemsOf(r).includes(os)));
}

/** CPU units in one vCPU. @internal */
export const CPU_UNITS_PER_VCPU = 1024;

/** MiB in one GB, as CloudFormation counts the `'2 GB'` form. @internal */
export const MIB_PER_GB = 1024;

/** A value read from a template: known, absent, a token, or something that cannot be parsed. @internal */
export type Parsed =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'absent' }
  | { readonly kind: 'token' }
  | { readonly kind: 'invalid'; readonly raw: unknown };

function parseWithUnit(value: unknown, unit: RegExp, factor: number): Parsed {
  if (value === undefined || value === null || value === '') return { kind: 'absent' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'value', value } : { kind: 'invalid', raw: value };
  if (typeof value !== 'string') return { kind: 'token' };
  const plain = /^\s*(\d+)\s*$/.exec(value);
  if (plain) return { kind: 'value', value: Number(plain[1]) };
  const withUnit = unit.exec(value);
  if (withUnit) return { kind: 'value', value: Math.round(Number(withUnit[1]) * factor) };
  return { kind: 'invalid', raw: value };
}

/**
 * Task or container CPU: `1024`, `'1024'`, `'1 vCPU'`, `'0.25 vcpu'`. Objects are unresolved intrinsics.
 * @internal
 */
export function parseCpu(value: unknown): Parsed {
  return parseWithUnit(value, /^\s*(\d+(?:\.\d+)?|\.\d+)\s*vcpu\s*$/i, CPU_UNITS_PER_VCPU);
}

/**
 * Task or container memory in MiB: `2048`, `'2048'`, `'2GB'`, `'2 GB'`.
 * @internal
 */
export function parseMemory(value: unknown): Parsed {
  return parseWithUnit(value, /^\s*(\d+(?:\.\d+)?|\.\d+)\s*gb\s*$/i, MIB_PER_GB);
}

function rangeContains(r: TaskSizeRange, memoryMiB: number): boolean {
  if (memoryMiB < r.minMemoryMiB || memoryMiB > r.maxMemoryMiB) return false;
  if (memoryMiB === r.minMemoryMiB || memoryMiB === r.maxMemoryMiB) return true;
  return r.stepMiB !== undefined && (memoryMiB - r.minMemoryMiB) % r.stepMiB === 0;
}

function describeRange(r: TaskSizeRange): string {
  if (r.minMemoryMiB === r.maxMemoryMiB) return `${r.minMemoryMiB}`;
  if (r.stepMiB === undefined) return `${r.minMemoryMiB} or ${r.maxMemoryMiB}`;
  if (r.maxMemoryMiB - r.minMemoryMiB <= r.stepMiB) return `${r.minMemoryMiB}, ${r.maxMemoryMiB}`;
  return `${r.minMemoryMiB}–${r.maxMemoryMiB} in steps of ${r.stepMiB}`;
}

/**
 * The rows for a CPU size, from the built-in table plus any the user allowed.
 * @internal
 */
export function rangesFor(cpu: number, extra: readonly TaskSizeRange[] = []): TaskSizeRange[] {
  return [...TASK_SIZE_TABLE, ...extra].filter(r => r.cpu === cpu);
}

/** The CPU sizes of the built-in table plus `extra`, or of `rows` alone when given. @internal */
export function validCpuSizes(extra: readonly TaskSizeRange[] = [], rows: readonly TaskSizeRange[] = TASK_SIZE_TABLE): number[] {
  return [...new Set([...rows, ...extra].map(r => r.cpu))].sort((a, b) => a - b);
}

/**
 * Why a CPU/memory pair is not a Fargate task size, or `undefined` when it is one.
 * @internal
 */
function taskSizeProblem(
  cpu: number,
  memoryMiB: number,
  os: FargateOperatingSystem | undefined,
  extra: readonly TaskSizeRange[] = [],
): { problem: string; allowed: string } | undefined {
  const rows = rangesFor(cpu, extra);
  if (rows.length === 0) {
    return {
      problem: `cpu ${cpu} is not a Fargate CPU size`,
      allowed: `cpu one of ${validCpuSizes(extra).join(', ')} (1024 = 1 vCPU)`,
    };
  }
  const matching = rows.filter(r => rangeContains(r, memoryMiB));
  if (matching.length === 0) {
    return {
      problem: `memory ${memoryMiB} MiB is not valid with cpu ${cpu}`,
      allowed: `memory for cpu ${cpu}: ${rows.map(describeRange).join(', ')} MiB`,
    };
  }
  if (os !== undefined && !matching.some(r => operatingSystemsOf(r).includes(os))) {
    const runs = [...new Set(matching.flatMap(operatingSystemsOf))].map(osName).join(' and ');
    return {
      problem: `cpu ${cpu} (${cpu / CPU_UNITS_PER_VCPU} vCPU) is a ${runs} only size, and this task runs ${osName(os)}`,
      allowed: `cpu ${cpuSizesFor(os, extra).join(', ')} on ${osName(os)}`,
    };
  }
  return undefined;
}

/**
 * The lowest platform version a valid pair needs, if any.
 * @internal
 */
export function taskSizeMinimumVersion(cpu: number, memoryMiB: number, extra: readonly TaskSizeRange[] = []): string | undefined {
  return rangesFor(cpu, extra).find(r => rangeContains(r, memoryMiB))?.minimumPlatformVersion;
}

/** What is wrong with a task size, in the shape of a rule finding. @internal */
export interface TaskSizeIssue {
  readonly property: string;
  readonly value: unknown;
  readonly problem: string;
  readonly allowed: string;
}

/**
 * Why a task's cpu and memory, as read from a template or props, are not a Fargate task size for its OS;
 * `undefined` when they are one or cannot be known (tokens). Rule Fargate-TS1, `TaskSize` and the constructs
 * all judge sizes with it.
 * @internal
 */
export function taskSizeIssue(
  cpu: Parsed, memory: Parsed, os: FargateOperatingSystem | undefined, extra?: readonly TaskSizeRange[],
): TaskSizeIssue | undefined {
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
