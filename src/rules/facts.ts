import { asArray, isUnresolved, parseJsonText, ResolvedResource, RuleContext } from './context';
import { ARM64_CPU_ARCHITECTURE, FARGATE_CAPACITY_PROVIDERS, FARGATE_ON_DEMAND_PROVIDER, FARGATE_SPOT_PROVIDER } from '../platform/fargate-support';
import { FargateOperatingSystem, LATEST } from '../platform/platform-versions';

/** What the rules need to know about a Fargate task definition. @internal */
export interface TaskDefinitionFacts {
  readonly resource: ResolvedResource;
  /** `undefined` when a token hides it. */
  readonly os: FargateOperatingSystem | undefined;
  /** `undefined` when a token hides it; `X86_64` when omitted. */
  readonly cpuArchitecture: string | undefined;
  readonly containers: Array<{ readonly path: string; readonly def: Record<string, any> }>;
}

export const TASK_DEFINITION = 'AWS::ECS::TaskDefinition';
export const SERVICE = 'AWS::ECS::Service';
export const CLUSTER = 'AWS::ECS::Cluster';
export const CLUSTER_CAPACITY_PROVIDER_ASSOCIATIONS = 'AWS::ECS::ClusterCapacityProviderAssociations';
export const BATCH_JOB_DEFINITION = 'AWS::Batch::JobDefinition';

/**
 * The containers of an AWS Batch job definition on Fargate (`ContainerProperties`, and the containers of
 * `EcsProperties.TaskProperties`), as task-definition containers with their paths; `undefined` for other job definitions.
 * @internal
 */
export function batchFargateContainers(resource: ResolvedResource): Array<{ readonly path: string; readonly def: Record<string, any> }> | undefined {
  const caps = resource.props.PlatformCapabilities;
  if (!Array.isArray(caps) || !caps.includes('FARGATE')) return undefined;
  const out: Array<{ path: string; def: Record<string, any> }> = [];
  if (resource.props.ContainerProperties) out.push({ path: 'ContainerProperties', def: resource.props.ContainerProperties });
  asArray(resource.props.EcsProperties?.TaskProperties).forEach((tp, i) => asArray(tp?.Containers).forEach((c, j) =>
    out.push({ path: `EcsProperties.TaskProperties[${i}].Containers[${j}]`, def: c ?? {} })));
  return out;
}

/** The OS an `OperatingSystemFamily` names; Linux when omitted, `undefined` for a token. @internal */
export function osOf(family: unknown): FargateOperatingSystem | undefined {
  if (family === undefined) return FargateOperatingSystem.LINUX;
  if (typeof family !== 'string' || isUnresolved(family)) return undefined;
  return family.toUpperCase().startsWith('WINDOWS') ? FargateOperatingSystem.WINDOWS : FargateOperatingSystem.LINUX;
}

function archOf(arch: unknown): string | undefined {
  if (arch === undefined) return 'X86_64';
  return typeof arch === 'string' && !isUnresolved(arch) ? arch.toUpperCase() : undefined;
}

/**
 * Facts about a task definition that declares FARGATE compatibility; `undefined` for EC2/EXTERNAL-only
 * task definitions and for ones whose compatibilities are tokens. Fargate rules judge only the former.
 * @internal
 */
export function fargateTaskDefinition(resource: ResolvedResource): TaskDefinitionFacts | undefined {
  if (resource.type !== TASK_DEFINITION) return undefined;
  const compat = resource.props.RequiresCompatibilities;
  if (!Array.isArray(compat) || !compat.includes('FARGATE')) return undefined;
  return anyTaskDefinition(resource);
}

/** Facts about a task definition regardless of its compatibilities. @internal */
export function anyTaskDefinition(resource: ResolvedResource): TaskDefinitionFacts {
  const p = resource.props;
  return {
    resource,
    os: osOf(p.RuntimePlatform?.OperatingSystemFamily),
    cpuArchitecture: archOf(p.RuntimePlatform?.CpuArchitecture),
    containers: asArray(p.ContainerDefinitions).map((def, i) => ({ path: `ContainerDefinitions[${i}]`, def: def ?? {} })),
  };
}

/** A place that launches Fargate tasks with a platform version: a service, a scheduled target, a job. @internal */
export interface FargateLaunch {
  readonly resource: ResolvedResource;
  /** Human description for messages, e.g. "ECS service" or "EventBridge rule target 0". */
  readonly kind: string;
  /** Property path of the platform version. */
  readonly versionPath: string;
  /** The version as written; `undefined` when omitted (which means LATEST). */
  readonly version: unknown;
  /** The task definition, when it is in the same stack and resolvable. */
  readonly taskDefinition?: TaskDefinitionFacts;
  /** The OS when the launch itself says it (Batch); otherwise from the task definition. */
  readonly os: FargateOperatingSystem | undefined;
  /** Capacity providers the launch uses; `undefined` when unknown. */
  readonly providers: string[] | undefined;
  /** Property path of the capacity provider strategy used. */
  readonly strategyPath: string;
  /** The launch type as written (RunTask-shaped launches only). */
  readonly launchType?: unknown;
  /** Property path of the launch type (RunTask-shaped launches only). */
  readonly launchTypePath?: string;
  /** The capacity provider strategy as written (RunTask-shaped launches only). */
  readonly strategy?: unknown;
  /** The strategy tasks are placed with: the one written, `FARGATE` for the launch type, or the cluster's default. */
  readonly strategyInEffect?: unknown;
  /** How many tasks one launch starts (RunTask-shaped launches: `TaskCount`), as written. */
  readonly taskCount?: unknown;
  /** Whether the launch registers with service discovery. */
  readonly serviceDiscovery: boolean;
  /** Where the awsvpc network configuration goes; `undefined` for launches that have none (Batch). */
  readonly networkConfigurationPath?: string;
  /** The network configuration as written. */
  readonly networkConfiguration?: unknown;
  /** A service's `LoadBalancers` as written. */
  readonly loadBalancers?: unknown;
  /** The role EventBridge, Scheduler or Pipes assumes to run the task, as written (targets only). */
  readonly roleArn?: unknown;
  /** Property path of that role. */
  readonly rolePath?: string;
  /** Whether the launch turns on ECS Exec. */
  readonly execEnabled?: boolean;
}

/** The platform version a launch resolves to, or `undefined` when a token hides it. @internal */
export function effectiveVersion(launch: FargateLaunch): string | undefined {
  if (launch.version === undefined) return LATEST;
  if (typeof launch.version !== 'string' || isUnresolved(launch.version)) return undefined;
  return launch.version;
}

function providersOf(strategy: unknown): string[] | undefined {
  if (!Array.isArray(strategy)) return undefined;
  const names = strategy.map(s => s?.CapacityProvider);
  return names.every(n => typeof n === 'string' && !isUnresolved(n)) ? names : undefined;
}

function usesFargateProviders(providers: string[] | undefined): boolean {
  return !!providers && providers.some(p => FARGATE_CAPACITY_PROVIDERS.includes(p));
}

/** True when the launch uses FARGATE_SPOT. @internal */
export function usesSpot(launch: FargateLaunch): boolean {
  return !!launch.providers?.includes(FARGATE_SPOT_PROVIDER);
}

/** True when the launch runs on ARM64. @internal */
export function onArm64(launch: FargateLaunch): boolean {
  return launch.taskDefinition?.cpuArchitecture === ARM64_CPU_ARCHITECTURE;
}

/** A cluster's default capacity provider strategy, from the cluster or its association resource, as written. */
function clusterDefaultStrategy(clusterRef: unknown, ctx: RuleContext): unknown {
  const cluster = ctx.deref(clusterRef);
  if (!cluster) return undefined;
  if (providersOf(cluster.props.DefaultCapacityProviderStrategy)) return cluster.props.DefaultCapacityProviderStrategy;
  for (const assoc of ctx.ofType(CLUSTER_CAPACITY_PROVIDER_ASSOCIATIONS)) {
    if (ctx.refersTo(assoc.props.Cluster, cluster)) return assoc.props.DefaultCapacityProviderStrategy;
  }
  return undefined;
}

function taskDefinitionAt(ref: unknown, ctx: RuleContext): TaskDefinitionFacts | undefined {
  const td = ctx.deref(ref);
  return td && td.type === TASK_DEFINITION ? anyTaskDefinition(td) : undefined;
}

/**
 * The ECS RunTask-shaped parameters used by services, EventBridge, Scheduler, Pipes and Step Functions.
 * Returns a launch when the parameters say Fargate (launch type, Fargate providers, or a platform version).
 */
function ecsLaunch(
  resource: ResolvedResource, ctx: RuleContext, kind: string, base: string, params: Record<string, any>,
  keys: { launchType: string; version: string; taskDefinition: string; strategy: string },
  defaultStrategy?: () => unknown,
): FargateLaunch | undefined {
  const launchType = params[keys.launchType];
  let providers = providersOf(params[keys.strategy]);
  let strategyInEffect = params[keys.strategy];
  const versionSet = params[keys.version] !== undefined;
  let fargate: boolean;
  if (launchType !== undefined) {
    if (typeof launchType !== 'string' || isUnresolved(launchType)) return undefined;
    fargate = launchType === 'FARGATE';
    providers = fargate ? [FARGATE_ON_DEMAND_PROVIDER] : providers;
    strategyInEffect = fargate ? [{ CapacityProvider: FARGATE_ON_DEMAND_PROVIDER, Weight: 1 }] : undefined;
  } else if (params[keys.strategy] !== undefined) {
    fargate = usesFargateProviders(providers);
  } else {
    strategyInEffect = defaultStrategy?.();
    providers = providersOf(strategyInEffect);
    fargate = usesFargateProviders(providers);
  }
  if (!fargate && !versionSet) return undefined;
  const taskDefinition = taskDefinitionAt(params[keys.taskDefinition], ctx);
  return {
    resource,
    kind,
    versionPath: `${base}${keys.version}`,
    version: params[keys.version],
    taskDefinition,
    os: taskDefinition?.os,
    providers,
    strategyPath: `${base}${keys.strategy}`,
    launchType,
    launchTypePath: `${base}${keys.launchType}`,
    strategy: params[keys.strategy],
    strategyInEffect,
    taskCount: params.TaskCount,
    execEnabled: params.EnableExecuteCommand === true,
    serviceDiscovery: false,
    networkConfigurationPath: `${base}NetworkConfiguration`,
    networkConfiguration: params.NetworkConfiguration,
  };
}

const PASCAL = { launchType: 'LaunchType', version: 'PlatformVersion', taskDefinition: 'TaskDefinition', strategy: 'CapacityProviderStrategy' };
const TARGET = { ...PASCAL, taskDefinition: 'TaskDefinitionArn' };

/** Step Functions definitions are JSON strings, often built with Fn::Join. */
function stateMachineDefinition(props: Record<string, any>): any {
  if (props.Definition && typeof props.Definition === 'object') return props.Definition;
  return parseJsonText(props.DefinitionString);
}

function runTaskStates(definition: any, prefix = ''): Array<{ path: string; params: Record<string, any> }> {
  const out: Array<{ path: string; params: Record<string, any> }> = [];
  for (const [name, state] of Object.entries<any>(definition?.States ?? {})) {
    const here = `${prefix}States.${name}`;
    if (state?.Type === 'Task' && typeof state.Resource === 'string' && /:states:::ecs:runTask/.test(state.Resource)) {
      const key = state.Parameters ? 'Parameters' : 'Arguments';
      if (state[key] && typeof state[key] === 'object') out.push({ path: `${here}.${key}.`, params: state[key] });
    }
    for (const [i, branch] of asArray(state?.Branches).entries()) out.push(...runTaskStates(branch, `${here}.Branches[${i}].`));
    const iterator = state?.ItemProcessor ?? state?.Iterator;
    if (iterator) out.push(...runTaskStates(iterator, `${here}.ItemProcessor.`));
  }
  return out;
}

/**
 * Every Fargate launch a resource declares. Covers ECS services, EventBridge rule targets, EventBridge
 * Scheduler targets, Batch Fargate job definitions, Pipes ECS targets and Step Functions `ecs:runTask` states.
 * @internal
 */
export function fargateLaunches(resource: ResolvedResource, ctx: RuleContext): FargateLaunch[] {
  return ctx.memoize('fargateLaunches', resource, () => computeLaunches(resource, ctx));
}

function computeLaunches(resource: ResolvedResource, ctx: RuleContext): FargateLaunch[] {
  const p = resource.props;
  const out: Array<FargateLaunch | undefined> = [];
  switch (resource.type) {
    case SERVICE: {
      const launch = ecsLaunch(resource, ctx, 'ECS service', '', p, PASCAL, () => clusterDefaultStrategy(p.Cluster, ctx));
      out.push(launch && { ...launch, serviceDiscovery: asArray(p.ServiceRegistries).length > 0, loadBalancers: p.LoadBalancers });
      break;
    }
    case 'AWS::Events::Rule':
      asArray(p.Targets).forEach((t, i) => {
        if (!t?.EcsParameters) return;
        const launch = ecsLaunch(resource, ctx, `EventBridge rule target ${i}`, `Targets[${i}].EcsParameters.`, t.EcsParameters, TARGET);
        out.push(launch && { ...launch, roleArn: t.RoleArn, rolePath: `Targets[${i}].RoleArn` });
      });
      break;
    case 'AWS::Scheduler::Schedule':
      if (p.Target?.EcsParameters) {
        const launch = ecsLaunch(resource, ctx, 'EventBridge Scheduler target', 'Target.EcsParameters.', p.Target.EcsParameters, TARGET);
        out.push(launch && { ...launch, roleArn: p.Target.RoleArn, rolePath: 'Target.RoleArn' });
      }
      break;
    case 'AWS::Pipes::Pipe': {
      const ecs = p.TargetParameters?.EcsTaskParameters;
      const launch = ecs && ecsLaunch(resource, ctx, 'EventBridge Pipes ECS target', 'TargetParameters.EcsTaskParameters.', ecs, TARGET);
      out.push(launch && { ...launch, roleArn: p.RoleArn, rolePath: 'RoleArn' });
      break;
    }
    case 'AWS::StepFunctions::StateMachine':
      for (const s of runTaskStates(stateMachineDefinition(p))) {
        out.push(ecsLaunch(resource, ctx, `Step Functions state ${s.path.split('.')[1]}`, `Definition: ${s.path}`, s.params, PASCAL));
      }
      break;
    case 'AWS::Batch::JobDefinition': {
      const caps = p.PlatformCapabilities;
      if (!Array.isArray(caps) || !caps.includes('FARGATE')) break;
      const cp = p.ContainerProperties;
      if (cp) {
        out.push({
          resource,
          kind: 'Batch job definition',
          versionPath: 'ContainerProperties.FargatePlatformConfiguration.PlatformVersion',
          version: cp.FargatePlatformConfiguration?.PlatformVersion,
          os: osOf(cp.RuntimePlatform?.OperatingSystemFamily),
          providers: undefined,
          strategyPath: '',
          serviceDiscovery: false,
        });
      }
      asArray(p.EcsProperties?.TaskProperties).forEach((tp, i) => out.push({
        resource,
        kind: `Batch job definition task ${i}`,
        versionPath: `EcsProperties.TaskProperties[${i}].PlatformVersion`,
        version: tp?.PlatformVersion,
        os: osOf(tp?.RuntimePlatform?.OperatingSystemFamily),
        providers: undefined,
        strategyPath: '',
        serviceDiscovery: false,
      }));
      break;
    }
  }
  return out.filter((l): l is FargateLaunch => l !== undefined);
}

/** The resource types that can launch Fargate tasks. @internal */
export const LAUNCH_RESOURCE_TYPES: readonly string[] = [
  SERVICE, 'AWS::Events::Rule', 'AWS::Scheduler::Schedule', 'AWS::Pipes::Pipe',
  'AWS::StepFunctions::StateMachine', 'AWS::Batch::JobDefinition',
];
