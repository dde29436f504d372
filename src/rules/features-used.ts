import { asArray, isSet } from './context';
import { FargateLaunch, usesSpot } from './facts';
import { EPHEMERAL_STORAGE_DEFAULT_GIB, FIRELENS_DRIVER } from '../platform/fargate-support';
import { FargateFeature } from '../platform/features';
import { parseCpu, parseMemory, taskSizeMinimumVersion } from '../platform/task-size-table';

/** A feature a launch uses, and where. @internal */
export interface FeatureUse {
  readonly feature: FargateFeature;
  readonly property: string;
}

/**
 * The version-gated features a launch's task definition (and the launch itself) use.
 * Each detector reads CloudFormation properties only, so it works for any app.
 * @internal
 */
export function featuresUsed(launch: FargateLaunch): FeatureUse[] {
  const uses: FeatureUse[] = [];
  const add = (feature: FargateFeature, property: string) => uses.push({ feature, property });
  if (launch.serviceDiscovery) add(FargateFeature.SERVICE_DISCOVERY, 'ServiceRegistries');
  if (usesSpot(launch)) add(FargateFeature.FARGATE_SPOT, launch.strategyPath);
  const td = launch.taskDefinition;
  if (!td) return uses;
  const p = td.resource.props;
  const cpu = parseCpu(p.Cpu);
  const mem = parseMemory(p.Memory);
  if (cpu.kind === 'value' && mem.kind === 'value' && taskSizeMinimumVersion(cpu.value, mem.value)) add(FargateFeature.LARGE_TASK_SIZES, 'Cpu');
  if (isSet(p.ProxyConfiguration)) add(FargateFeature.PROXY_CONFIGURATION, 'ProxyConfiguration');
  if (p.PidMode === 'task') add(FargateFeature.PID_MODE_TASK, 'PidMode');
  const size = p.EphemeralStorage?.SizeInGiB;
  if (typeof size === 'number' && size > EPHEMERAL_STORAGE_DEFAULT_GIB) add(FargateFeature.EPHEMERAL_STORAGE, 'EphemeralStorage.SizeInGiB');
  asArray(p.Volumes).forEach((v, i) => {
    if (isSet(v?.EFSVolumeConfiguration)) add(FargateFeature.EFS_VOLUMES, `Volumes[${i}].EFSVolumeConfiguration`);
    if (v?.ConfiguredAtLaunch === true) add(FargateFeature.EBS_VOLUMES, `Volumes[${i}].ConfiguredAtLaunch`);
  });
  for (const { path, def } of td.containers) {
    if (isSet(def.HealthCheck)) add(FargateFeature.HEALTH_CHECK, `${path}.HealthCheck`);
    if (isSet(def.RepositoryCredentials)) add(FargateFeature.PRIVATE_REGISTRY_AUTH, `${path}.RepositoryCredentials`);
    if (isSet(def.Secrets)) add(FargateFeature.SECRETS, `${path}.Secrets`);
    if (isSet(def.LogConfiguration?.SecretOptions)) add(FargateFeature.LOG_SECRET_OPTIONS, `${path}.LogConfiguration.SecretOptions`);
    if (def.LogConfiguration?.LogDriver === 'splunk') add(FargateFeature.SPLUNK_LOG_DRIVER, `${path}.LogConfiguration.LogDriver`);
    if (def.LogConfiguration?.LogDriver === FIRELENS_DRIVER) add(FargateFeature.FIRELENS_LOG_DRIVER, `${path}.LogConfiguration.LogDriver`);
    if (isSet(def.DependsOn)) add(FargateFeature.CONTAINER_DEPENDENCIES, `${path}.DependsOn`);
    if (isSet(def.StartTimeout) || isSet(def.StopTimeout)) add(FargateFeature.CONTAINER_TIMEOUTS, `${path}.StopTimeout`);
    if (asArray(def.LinuxParameters?.Capabilities?.Add).includes('SYS_PTRACE')) add(FargateFeature.SYS_PTRACE, `${path}.LinuxParameters.Capabilities.Add`);
    if (isSet(def.SystemControls)) add(FargateFeature.SYSTEM_CONTROLS, `${path}.SystemControls`);
  }
  asArray(launch.loadBalancers).forEach((lb, i) => {
    const udp = td.containers.some(({ def }) => def.Name === lb?.ContainerName && asArray(def.PortMappings)
      .some(pm => pm?.ContainerPort === lb?.ContainerPort && String(pm?.Protocol).toLowerCase() === 'udp'));
    if (udp) add(FargateFeature.UDP_LOAD_BALANCING, `LoadBalancers[${i}]`);
  });
  return uses;
}
