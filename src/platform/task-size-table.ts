import { FargateOperatingSystem } from './platform-versions';

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
}

/**
 * The Fargate task size table. Source: *Task CPU and memory* (RegisterTaskDefinition `cpu`/`memory`).
 * @internal
 */
export const TASK_SIZE_TABLE: readonly TaskSizeRange[] = [
  { cpu: 256, minMemoryMiB: 512, maxMemoryMiB: 1024, stepMiB: 512 },
  { cpu: 256, minMemoryMiB: 2048, maxMemoryMiB: 2048 },
  { cpu: 512, minMemoryMiB: 1024, maxMemoryMiB: 4096, stepMiB: 1024 },
  { cpu: 1024, minMemoryMiB: 2048, maxMemoryMiB: 8192, stepMiB: 1024 },
  { cpu: 2048, minMemoryMiB: 4096, maxMemoryMiB: 16384, stepMiB: 1024 },
  { cpu: 4096, minMemoryMiB: 8192, maxMemoryMiB: 30720, stepMiB: 1024 },
  { cpu: 8192, minMemoryMiB: 16384, maxMemoryMiB: 61440, stepMiB: 4096, minimumPlatformVersion: '1.4.0' },
  { cpu: 16384, minMemoryMiB: 32768, maxMemoryMiB: 122880, stepMiB: 8192, minimumPlatformVersion: '1.4.0' },
];

/** Windows tasks need at least 1 vCPU. @internal */
export const WINDOWS_MIN_CPU = 1024;

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

/** @internal */
export function validCpuSizes(extra: readonly TaskSizeRange[] = []): number[] {
  return [...new Set([...TASK_SIZE_TABLE, ...extra].map(r => r.cpu))].sort((a, b) => a - b);
}

/**
 * Why a CPU/memory pair is not a Fargate task size, or `undefined` when it is one.
 * @internal
 */
export function taskSizeProblem(
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
  if (!rows.some(r => rangeContains(r, memoryMiB))) {
    return {
      problem: `memory ${memoryMiB} MiB is not valid with cpu ${cpu}`,
      allowed: `memory for cpu ${cpu}: ${rows.map(describeRange).join(', ')} MiB`,
    };
  }
  if (os === FargateOperatingSystem.WINDOWS && cpu < WINDOWS_MIN_CPU) {
    return {
      problem: `Windows tasks need at least 1 vCPU, got cpu ${cpu}`,
      allowed: `cpu ${WINDOWS_MIN_CPU} or more on Windows`,
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
