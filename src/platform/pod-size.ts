import { Token, UnscopedValidationError } from 'aws-cdk-lib';
import { EKS_POD_EPHEMERAL_STORAGE_GIB, EKS_POD_SIZING } from './eks';
import { FargateOperatingSystem } from './platform-versions';
import { TaskSize } from './task-size';
import { CPU_UNITS_PER_VCPU, MIB_PER_GB, operatingSystemsOf, TASK_SIZE_TABLE } from './task-size-table';

const BYTES_PER_MIB = 1024 * 1024;
const SUFFIXES: Record<string, number> = {
  '': 1,
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/**
 * A Kubernetes quantity (`'250m'`, `'0.5'`, `'8Gi'`, `'1e9'`, or a number) in base units: cores or bytes.
 * `undefined` for anything else (a token placeholder, a typo).
 * @internal
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*\+?(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?\s*$/.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * 10 ** Number(m[2] ?? 0) * SUFFIXES[m[3] ?? ''];
}

/** One container's requests, parsed: CPU units, MiB, GiB; `undefined` where the container asks for none. @internal */
export interface ContainerDemand {
  readonly cpu?: number;
  readonly memoryMiB?: number;
  readonly ephemeralStorageGiB?: number;
}

/**
 * One container's requests from Kubernetes quantities (a CPU in cores, memory and storage in bytes); `undefined` when one
 * cannot be read (a token, a typo).
 * @internal
 */
export function containerDemand(requests: { cpu?: unknown; memory?: unknown; ephemeralStorage?: unknown }): ContainerDemand | undefined {
  const demand: { -readonly [K in keyof ContainerDemand]: number | undefined } = {};
  const fields = [['cpu', requests.cpu, CPU_UNITS_PER_VCPU], ['memoryMiB', requests.memory, 1 / BYTES_PER_MIB],
    ['ephemeralStorageGiB', requests.ephemeralStorage, 1 / (BYTES_PER_MIB * MIB_PER_GB)]] as const;
  for (const [key, raw, factor] of fields) {
    if (raw === undefined) continue;
    const parsed = parseQuantity(raw);
    if (parsed === undefined) return undefined;
    demand[key] = parsed * factor;
  }
  return demand;
}

/** A pod's size on Fargate, or why it has none. @internal */
export type PodSizing =
  | {
    readonly kind: 'size';
    /** The billed size. */
    readonly cpu: number;
    readonly memoryMiB: number;
    /** What the pod asks for: CPU units, and MiB with the overhead added. */
    readonly requestedCpu: number;
    readonly requestedMemoryMiB: number;
    readonly ephemeralStorageGiB: number;
  }
  | { readonly kind: 'too-large'; readonly requestedCpu: number; readonly requestedMemoryMiB: number; readonly ephemeralStorageGiB: number };

/** The Linux sizes a pod can be given, smallest first, each as the CPU size and its valid memory sizes. */
const POD_SIZES: ReadonlyArray<{ cpu: number; memories: number[] }> = (() => {
  const linux = TASK_SIZE_TABLE.filter(r => operatingSystemsOf(r).includes(FargateOperatingSystem.LINUX) && r.cpu <= EKS_POD_SIZING.maxCpu);
  const cpus = [...new Set(linux.map(r => r.cpu))].sort((a, b) => a - b);
  return cpus.map(cpu => ({ cpu, memories: TaskSize.memoryOptions(cpu, [], FargateOperatingSystem.LINUX) }));
})();

/**
 * The size EKS gives a pod: max(largest init container, sum of the other containers) per dimension, plus the memory
 * overhead, rounded up to the next Fargate size. Init containers that restart (sidecars) count with the others.
 * @internal
 */
export function podSizing(containers: readonly ContainerDemand[], initContainers: readonly ContainerDemand[] = []): PodSizing {
  const sum = (key: keyof ContainerDemand): number => containers.reduce((t, c) => t + (c[key] ?? 0), 0);
  const max = (key: keyof ContainerDemand): number => initContainers.reduce((t, c) => Math.max(t, c[key] ?? 0), 0);
  const requestedCpu = Math.max(sum('cpu'), max('cpu'));
  const requestedMemoryMiB = Math.ceil(Math.max(sum('memoryMiB'), max('memoryMiB'))) + EKS_POD_SIZING.memoryOverheadMiB;
  const requestedStorage = Math.max(sum('ephemeralStorageGiB'), max('ephemeralStorageGiB'));
  const ephemeralStorageGiB = Math.max(EKS_POD_EPHEMERAL_STORAGE_GIB.default, Math.ceil(requestedStorage));
  for (const { cpu, memories } of POD_SIZES) {
    if (cpu < requestedCpu) continue;
    const memoryMiB = memories.find(m => m >= requestedMemoryMiB);
    if (memoryMiB !== undefined) return { kind: 'size', cpu, memoryMiB, requestedCpu, requestedMemoryMiB, ephemeralStorageGiB };
  }
  return { kind: 'too-large', requestedCpu, requestedMemoryMiB, ephemeralStorageGiB };
}

/** The largest pod size, as text. @internal */
export function largestPodSize(): string {
  const last = POD_SIZES[POD_SIZES.length - 1];
  return `${last.cpu / CPU_UNITS_PER_VCPU} vCPU and ${last.memories[last.memories.length - 1] / MIB_PER_GB} GB`;
}

/**
 * One container's resource requests, as Kubernetes quantities. Where a container sets limits and no requests,
 * Kubernetes makes the requests equal to the limits: pass those.
 */
export interface PodContainerResources {
  /**
   * CPU request: `'250m'`, `'0.5'`, `'2'`.
   * @default - none
   */
  readonly cpu?: string;

  /**
   * Memory request: `'512Mi'`, `'8Gi'`, `'1G'`.
   * @default - none
   */
  readonly memory?: string;

  /**
   * Ephemeral storage request: `'40Gi'`. Fargate gives a pod 20 GiB unless asked for more, up to 175 GiB.
   * @default - none (20 GiB)
   */
  readonly ephemeralStorage?: string;
}

/**
 * A pod's containers, for sizing.
 */
export interface FargatePodRequests {
  /** The pod's containers (and init containers that restart, i.e. sidecars). */
  readonly containers: PodContainerResources[];

  /**
   * The pod's init containers that run to completion before the others start.
   * @default - none
   */
  readonly initContainers?: PodContainerResources[];
}

/**
 * The size a pod is billed at on EKS Fargate: the larger of the largest init container's requests and the sum of
 * the other containers' requests, plus 256 MiB of memory for kubelet, kube-proxy and containerd, rounded up to the
 * next size of the Fargate task size table (Linux, up to 16 vCPU). A pod with no requests runs at 0.25 vCPU and
 * 0.5 GB.
 *
 * @example
 * const size = FargatePodSize.of({ containers: [{ cpu: '1', memory: '8Gi' }] });
 * size.toString(); // '2 vCPU / 9 GB': the 256 MiB push 8 GB past what 1 vCPU offers
 */
export class FargatePodSize {
  /**
   * The size of a pod with these containers. Throws for a quantity that cannot be read, and for a pod larger
   * than Fargate runs (16 vCPU and 120 GB after the 256 MiB, 175 GiB of ephemeral storage).
   */
  public static of(requests: FargatePodRequests): FargatePodSize {
    const demand = (c: PodContainerResources, i: number, kind: string): ContainerDemand => {
      for (const key of ['cpu', 'memory', 'ephemeralStorage'] as const) checkQuantity(c[key], `${kind}[${i}].${key}`);
      return containerDemand(c)!;
    };
    const sizing = podSizing(
      requests.containers.map((c, i) => demand(c, i, 'containers')),
      (requests.initContainers ?? []).map((c, i) => demand(c, i, 'initContainers')),
    );
    if (sizing.kind === 'too-large') {
      throw new UnscopedValidationError('FargatePodTooLarge' as any,
        `No Fargate size fits this pod: it asks for ${sizing.requestedCpu / CPU_UNITS_PER_VCPU} vCPU and ${sizing.requestedMemoryMiB} MiB ` +
        `(with the ${EKS_POD_SIZING.memoryOverheadMiB} MiB Fargate adds). The largest pod is ${largestPodSize()}. Lower the requests or split the pod.`);
    }
    if (sizing.ephemeralStorageGiB > EKS_POD_EPHEMERAL_STORAGE_GIB.max) {
      throw new UnscopedValidationError('FargatePodStorageTooLarge' as any,
        `This pod asks for ${sizing.ephemeralStorageGiB} GiB of ephemeral storage; a Fargate pod gets at most ${EKS_POD_EPHEMERAL_STORAGE_GIB.max} GiB.`);
    }
    return new FargatePodSize(sizing);
  }

  /**
   * The requests (and limits) of a pod's single container that make the pod billed at exactly `size`, no more:
   * the size's CPU, and its memory less the 256 MiB Fargate adds. Throws for a size EKS does not run (32 vCPU).
   */
  public static containerRequestsFor(size: TaskSize): PodContainerResources {
    if (Token.isUnresolved(size.cpu) || Token.isUnresolved(size.memoryMiB)) {
      throw new UnscopedValidationError('FargatePodSizeToken' as any, 'FargatePodSize.containerRequestsFor needs a size with literal cpu and memory.');
    }
    if (size.cpu > EKS_POD_SIZING.maxCpu) {
      throw new UnscopedValidationError('FargatePodSizeTooLarge' as any,
        `${size} is not a Fargate pod size: EKS runs pods of at most ${largestPodSize()}. Choose a smaller TaskSize.`);
    }
    return {
      cpu: `${Math.round(size.cpu * 1000 / CPU_UNITS_PER_VCPU)}m`,
      memory: `${size.memoryMiB - EKS_POD_SIZING.memoryOverheadMiB}Mi`,
    };
  }

  /** The billed CPU, in CPU units (1024 = 1 vCPU). */
  public readonly cpu: number;
  /** The billed memory, in MiB. */
  public readonly memoryMiB: number;
  /** The CPU the pod asks for, in CPU units, before rounding. */
  public readonly requestedCpu: number;
  /** The memory the pod asks for, in MiB, with the 256 MiB Fargate adds, before rounding. */
  public readonly requestedMemoryMiB: number;
  /** The ephemeral storage the pod gets, in GiB (20 unless it asks for more). */
  public readonly ephemeralStorageGiB: number;

  private constructor(sizing: Extract<PodSizing, { kind: 'size' }>) {
    this.cpu = sizing.cpu;
    this.memoryMiB = sizing.memoryMiB;
    this.requestedCpu = sizing.requestedCpu;
    this.requestedMemoryMiB = sizing.requestedMemoryMiB;
    this.ephemeralStorageGiB = sizing.ephemeralStorageGiB;
  }

  /** vCPUs billed, e.g. 2. */
  public get vcpu(): number {
    return this.cpu / CPU_UNITS_PER_VCPU;
  }

  /** GB billed, e.g. 9. */
  public get memoryGiB(): number {
    return this.memoryMiB / MIB_PER_GB;
  }

  /** The billed size as a `TaskSize` of the same table. */
  public get taskSize(): TaskSize {
    return TaskSize.of(this.cpu, this.memoryMiB);
  }

  /** Memory billed beyond what the pod asks for (with the 256 MiB), in MiB: what rounding up costs. */
  public get unusedMemoryMiB(): number {
    return this.memoryMiB - this.requestedMemoryMiB;
  }

  /** `'2 vCPU / 9 GB'`. */
  public toString(): string {
    return `${this.vcpu} vCPU / ${this.memoryGiB} GB`;
  }
}

/** Throws for a quantity `FargatePodSize` cannot read, naming it. */
function checkQuantity(value: string | undefined, what: string): void {
  if (value === undefined) return;
  if (Token.isUnresolved(value)) {
    throw new UnscopedValidationError('FargatePodSizeToken' as any, `FargatePodSize needs literal quantities; ${what} is a token.`);
  }
  if (parseQuantity(value) === undefined) {
    throw new UnscopedValidationError('FargatePodSizeQuantity' as any,
      `${what} is '${value}', which is not a Kubernetes quantity. Write e.g. '250m' or '2' for CPU, '512Mi' or '8Gi' for memory and storage.`);
  }
}
