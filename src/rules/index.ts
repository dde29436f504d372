import { BatchJobSize } from './batch-job-size';
import { CapabilitiesSupported } from './capabilities-supported';
import { CapacityProviderStrategyValid } from './capacity-provider-strategy';
import { ContainerInsightsEnabled } from './container-insights-enabled';
import { ContainerMemoryWithinTask } from './container-memory-within-task';
import { ContainerParametersSupported } from './container-parameters-supported';
import { EbsSingleVolume } from './ebs-single-volume';
import { EfsMountReachable } from './efs-mount-reachable';
import { EfsPolicyAllowsMount } from './efs-policy-allows-mount';
import { EfsVolumeEncryption } from './efs-volume-encryption';
import { EKS_RULES } from './eks/index';
import { EndpointCoverageBlocking, EndpointCoverageOptional } from './endpoint-coverage';
import { EphemeralStorageSize } from './ephemeral-storage-size';
import { HostPortMatches } from './host-port-matches';
import { LaunchTypeOrStrategy } from './launch-type-or-strategy';
import { LogDriverSupported } from './log-driver-supported';
import { NetworkConfigurationPresent } from './network-configuration-present';
import { NetworkModeAwsvpc } from './network-mode-awsvpc';
import { PlatformVersionDeprecating } from './platform-version-deprecating';
import { PlatformVersionFeatures } from './platform-version-features';
import { PlatformVersionLatest } from './platform-version-latest';
import { PlatformVersionSupported } from './platform-version-supported';
import { FargateRule, RuleInfo, RuleLevel } from './rule';
import { ServiceFargateCompatible } from './service-fargate-compatible';
import { SpotOnArm64 } from './spot-on-arm64';
import { SpotOnWindows } from './spot-on-windows';
import { StopTimeoutLimit } from './stop-timeout-limit';
import { TaskParametersSupported } from './task-parameters-supported';
import { TaskSizeValid } from './task-size-valid';
import { TaskTargetRole } from './task-target-role';
import { WindowsRestrictions } from './windows-restrictions';
import { unscopedPropsError } from '../errors';

export { RuleLevel, RuleInfo } from './rule';

/**
 * Every rule, in the order RULES.md lists them.
 * @internal
 */
export const ALL_RULES: readonly FargateRule[] = [
  PlatformVersionSupported,
  PlatformVersionLatest,
  PlatformVersionFeatures,
  PlatformVersionDeprecating,
  TaskSizeValid,
  ContainerMemoryWithinTask,
  EphemeralStorageSize,
  NetworkModeAwsvpc,
  HostPortMatches,
  LogDriverSupported,
  ContainerParametersSupported,
  CapabilitiesSupported,
  StopTimeoutLimit,
  TaskParametersSupported,
  WindowsRestrictions,
  SpotOnWindows,
  SpotOnArm64,
  CapacityProviderStrategyValid,
  EfsVolumeEncryption,
  EfsPolicyAllowsMount,
  EfsMountReachable,
  EbsSingleVolume,
  ServiceFargateCompatible,
  NetworkConfigurationPresent,
  LaunchTypeOrStrategy,
  TaskTargetRole,
  BatchJobSize,
  EndpointCoverageBlocking,
  EndpointCoverageOptional,
  ContainerInsightsEnabled,
  ...EKS_RULES,
];

/**
 * The rules the checks run, as metadata: IDs, levels, what, why and how to fix.
 */
export class FargateRuleCatalog {
  /** Every rule. */
  public static all(): RuleInfo[] {
    return ALL_RULES.map(({ id, level, summary, explanation, fix }) => ({ id, level, summary, explanation, fix }));
  }

  /** Every rule ID. */
  public static ids(): string[] {
    return ALL_RULES.map(r => r.id);
  }

  /** One rule by ID; throws for an unknown ID. */
  public static get(id: string): RuleInfo {
    const rule = FargateRuleCatalog.all().find(r => r.id === id);
    if (!rule) throw unscopedPropsError('UnknownFargateRuleId', `Unknown Fargate rule '${id}'. Known rules: ${FargateRuleCatalog.ids().join(', ')}`);
    return rule;
  }

  /** The level a rule reports at by default. */
  public static defaultLevel(id: string): RuleLevel {
    return FargateRuleCatalog.get(id).level;
  }

  private constructor() {}
}
