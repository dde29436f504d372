/**
 * What Fargate runs and what it refuses, as data. Source: *Amazon ECS task definition differences
 * for Fargate*, *KernelCapabilities*, *ContainerDefinition.stopTimeout*, *EphemeralStorage*
 * (see FARGATE-FACTS.md). Property names are CloudFormation's.
 * @internal
 */

/** The only network mode Fargate runs. */
export const FARGATE_NETWORK_MODE = 'awsvpc';

/** Log drivers Fargate (Linux) supports. */
export const AWSLOGS_DRIVER = 'awslogs';
export const FIRELENS_DRIVER = 'awsfirelens';
export const FARGATE_LOG_DRIVERS: readonly string[] = [AWSLOGS_DRIVER, 'splunk', FIRELENS_DRIVER];

/** Kernel capabilities a Fargate container may add. */
export const ADDABLE_CAPABILITIES: readonly string[] = ['SYS_PTRACE'];

/** The only `pidMode` Fargate accepts. */
export const FARGATE_PID_MODE = 'task';

/** Seconds: Fargate's ceiling and default for a container's `stopTimeout`. */
export const MAX_STOP_TIMEOUT_SECONDS = 120;
export const DEFAULT_STOP_TIMEOUT_SECONDS = 30;

/** Seconds of notice Fargate Spot gives before stopping a task. */
export const SPOT_INTERRUPTION_NOTICE_SECONDS = 120;

/** Ephemeral storage, GiB. */
export const EPHEMERAL_STORAGE_DEFAULT_GIB = 20;
export const EPHEMERAL_STORAGE_MIN_GIB = 21;
export const EPHEMERAL_STORAGE_MAX_GIB = 200;

/** EBS volumes a Fargate task can have: one, marked `configuredAtLaunch` (Linux, 1.4.0). */
export const MAX_EBS_VOLUMES_PER_TASK = 1;

/** Capacity provider strategy limits (*CapacityProviderStrategyItem*). */
export const MAX_CAPACITY_PROVIDERS_IN_STRATEGY = 20;

/** `base` is 0–100,000 and `weight` 0–1,000 (CapacityProviderStrategyItem). @internal */
export const MAX_STRATEGY_BASE = 100000;
/** @internal */
export const MAX_STRATEGY_WEIGHT = 1000;
/** @internal */
export const FARGATE_ON_DEMAND_PROVIDER = 'FARGATE';
export const FARGATE_SPOT_PROVIDER = 'FARGATE_SPOT';
export const FARGATE_CAPACITY_PROVIDERS: readonly string[] = [FARGATE_ON_DEMAND_PROVIDER, FARGATE_SPOT_PROVIDER];

/** The platform version Windows tasks must use, and the only architecture they run on. */
export const WINDOWS_CPU_ARCHITECTURE = 'X86_64';
export const ARM64_CPU_ARCHITECTURE = 'ARM64';

/** Where a property lives in a task definition. */
export type PropertyScope = 'task' | 'container' | 'linuxParameters';

/** A property Fargate does not run. */
export interface UnsupportedProperty {
  readonly scope: PropertyScope;
  /** CloudFormation property name. */
  readonly property: string;
  /** A short reason or alternative, for the message. */
  readonly hint: string;
}

/** Container and Linux parameters that Fargate (any OS) refuses. */
export const UNSUPPORTED_CONTAINER_PROPERTIES: readonly UnsupportedProperty[] = [
  { scope: 'container', property: 'Privileged', hint: 'Fargate never runs privileged containers; add only the capability you need (SYS_PTRACE)' },
  { scope: 'container', property: 'Links', hint: 'in awsvpc mode containers of a task reach each other on localhost' },
  { scope: 'container', property: 'DnsServers', hint: 'Fargate uses the VPC resolver; use Route 53 Resolver rules instead' },
  { scope: 'container', property: 'DnsSearchDomains', hint: 'Fargate uses the VPC resolver; use Route 53 Resolver rules instead' },
  { scope: 'container', property: 'ExtraHosts', hint: 'use a Route 53 private hosted zone instead' },
  { scope: 'container', property: 'DockerSecurityOptions', hint: 'Fargate manages the container security profile' },
  { scope: 'container', property: 'DisableNetworking', hint: 'awsvpc tasks always have a network interface' },
  { scope: 'linuxParameters', property: 'Devices', hint: 'Fargate exposes no host devices' },
  { scope: 'linuxParameters', property: 'SharedMemorySize', hint: 'not available on Fargate' },
  { scope: 'linuxParameters', property: 'Tmpfs', hint: 'use a bind-mount volume on ephemeral storage instead' },
  { scope: 'linuxParameters', property: 'MaxSwap', hint: 'Fargate tasks have no swap' },
  { scope: 'linuxParameters', property: 'Swappiness', hint: 'Fargate tasks have no swap' },
];

/** Task-level parameters that Fargate refuses (pidMode is judged separately: only `task` is allowed). */
export const UNSUPPORTED_TASK_PROPERTIES: readonly UnsupportedProperty[] = [
  { scope: 'task', property: 'IpcMode', hint: 'Fargate does not share IPC namespaces' },
  { scope: 'task', property: 'PlacementConstraints', hint: 'Fargate places tasks itself; pick subnets to control AZs' },
  { scope: 'task', property: 'InferenceAccelerators', hint: 'Fargate has no accelerators; use EC2 capacity for GPU or Inferentia' },
];

/** Container resource requirement types Fargate refuses. */
export const UNSUPPORTED_RESOURCE_REQUIREMENTS: readonly string[] = ['GPU', 'InferenceAccelerator'];

/** What Windows tasks on Fargate cannot use. */
export const WINDOWS_UNSUPPORTED_CONTAINER_PROPERTIES: readonly string[] = [
  'LinuxParameters', 'Privileged', 'User', 'Ulimits', 'ReadonlyRootFilesystem', 'SystemControls', 'EnvironmentFiles',
];
export const WINDOWS_UNSUPPORTED_TASK_PROPERTIES: readonly string[] = ['PidMode'];

/**
 * AWS Batch on Fargate takes `resourceRequirements` VCPU from 0.25 to 16 (in vCPUs, e.g. `'0.25'`) and MEMORY in MiB
 * from the Fargate table (*AWS Batch on Fargate*, job definition `resourceRequirements`). CPU units. @internal
 */
export const BATCH_FARGATE_MAX_CPU = 16384;
