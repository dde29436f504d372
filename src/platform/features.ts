/**
 * A Fargate (Linux) capability that exists only from some platform version on.
 */
export enum FargateFeature {
  /** Docker health checks (`healthCheck` on a container). */
  HEALTH_CHECK = 'HEALTH_CHECK',
  /** Service discovery (Cloud Map service registries on a service). */
  SERVICE_DISCOVERY = 'SERVICE_DISCOVERY',
  /** Private registry authentication through Secrets Manager (`repositoryCredentials`). */
  PRIVATE_REGISTRY_AUTH = 'PRIVATE_REGISTRY_AUTH',
  /** Secrets injected from Secrets Manager or SSM Parameter Store (`secrets`). */
  SECRETS = 'SECRETS',
  /** `secretOptions` in a container's log configuration. */
  LOG_SECRET_OPTIONS = 'LOG_SECRET_OPTIONS',
  /** The `splunk` log driver. */
  SPLUNK_LOG_DRIVER = 'SPLUNK_LOG_DRIVER',
  /** The `awsfirelens` log driver. */
  FIRELENS_LOG_DRIVER = 'FIRELENS_LOG_DRIVER',
  /** Container start-up ordering (`dependsOn`). */
  CONTAINER_DEPENDENCIES = 'CONTAINER_DEPENDENCIES',
  /** Container `startTimeout` / `stopTimeout`. */
  CONTAINER_TIMEOUTS = 'CONTAINER_TIMEOUTS',
  /** App Mesh proxy configuration (`proxyConfiguration`). */
  PROXY_CONFIGURATION = 'PROXY_CONFIGURATION',
  /** The FARGATE_SPOT capacity provider. */
  FARGATE_SPOT = 'FARGATE_SPOT',
  /** Amazon EFS volumes. */
  EFS_VOLUMES = 'EFS_VOLUMES',
  /** Ephemeral storage above the default 20 GiB (and its customer-managed encryption). */
  EPHEMERAL_STORAGE = 'EPHEMERAL_STORAGE',
  /** Adding the `SYS_PTRACE` kernel capability. */
  SYS_PTRACE = 'SYS_PTRACE',
  /** `pidMode: task`. */
  PID_MODE_TASK = 'PID_MODE_TASK',
  /** Namespaced kernel parameters (`systemControls`). */
  SYSTEM_CONTROLS = 'SYSTEM_CONTROLS',
  /** The 8, 16 and 32 vCPU task sizes. */
  LARGE_TASK_SIZES = 'LARGE_TASK_SIZES',
  /** Per-task Amazon EBS volumes (`configuredAtLaunch`). */
  EBS_VOLUMES = 'EBS_VOLUMES',
  /** A UDP port behind a Network Load Balancer. */
  UDP_LOAD_BALANCING = 'UDP_LOAD_BALANCING',
}

/**
 * What a feature is and the lowest Linux platform version that has it.
 */
export interface FeatureInfo {
  /** The feature. */
  readonly feature: FargateFeature;
  /** A human name for messages, e.g. "EFS volumes". */
  readonly name: string;
  /** The lowest Linux platform version that supports it. */
  readonly minimumVersion: string;
}

/**
 * Source: *Fargate Linux platform versions* (FARGATE-FACTS.md, "Features and the lowest Linux version").
 * @internal
 */
export const FEATURES: Readonly<Record<FargateFeature, FeatureInfo>> = {
  [FargateFeature.HEALTH_CHECK]: { feature: FargateFeature.HEALTH_CHECK, name: 'container health checks', minimumVersion: '1.1.0' },
  [FargateFeature.SERVICE_DISCOVERY]: { feature: FargateFeature.SERVICE_DISCOVERY, name: 'service discovery', minimumVersion: '1.1.0' },
  [FargateFeature.PRIVATE_REGISTRY_AUTH]: { feature: FargateFeature.PRIVATE_REGISTRY_AUTH, name: 'private registry authentication', minimumVersion: '1.2.0' },
  [FargateFeature.SECRETS]: { feature: FargateFeature.SECRETS, name: 'secrets injection', minimumVersion: '1.3.0' },
  [FargateFeature.LOG_SECRET_OPTIONS]: { feature: FargateFeature.LOG_SECRET_OPTIONS, name: 'log configuration secretOptions', minimumVersion: '1.3.0' },
  [FargateFeature.SPLUNK_LOG_DRIVER]: { feature: FargateFeature.SPLUNK_LOG_DRIVER, name: 'the splunk log driver', minimumVersion: '1.3.0' },
  [FargateFeature.FIRELENS_LOG_DRIVER]: { feature: FargateFeature.FIRELENS_LOG_DRIVER, name: 'the awsfirelens log driver', minimumVersion: '1.3.0' },
  [FargateFeature.CONTAINER_DEPENDENCIES]: { feature: FargateFeature.CONTAINER_DEPENDENCIES, name: 'container dependencies (dependsOn)', minimumVersion: '1.3.0' },
  [FargateFeature.CONTAINER_TIMEOUTS]: { feature: FargateFeature.CONTAINER_TIMEOUTS, name: 'container start/stop timeouts', minimumVersion: '1.3.0' },
  [FargateFeature.PROXY_CONFIGURATION]: { feature: FargateFeature.PROXY_CONFIGURATION, name: 'proxy configuration', minimumVersion: '1.3.0' },
  [FargateFeature.FARGATE_SPOT]: { feature: FargateFeature.FARGATE_SPOT, name: 'Fargate Spot', minimumVersion: '1.3.0' },
  [FargateFeature.EFS_VOLUMES]: { feature: FargateFeature.EFS_VOLUMES, name: 'EFS volumes', minimumVersion: '1.4.0' },
  [FargateFeature.EPHEMERAL_STORAGE]: { feature: FargateFeature.EPHEMERAL_STORAGE, name: 'ephemeral storage above 20 GiB', minimumVersion: '1.4.0' },
  [FargateFeature.SYS_PTRACE]: { feature: FargateFeature.SYS_PTRACE, name: 'the SYS_PTRACE capability', minimumVersion: '1.4.0' },
  [FargateFeature.PID_MODE_TASK]: { feature: FargateFeature.PID_MODE_TASK, name: 'pidMode task', minimumVersion: '1.4.0' },
  [FargateFeature.SYSTEM_CONTROLS]: { feature: FargateFeature.SYSTEM_CONTROLS, name: 'systemControls', minimumVersion: '1.4.0' },
  [FargateFeature.LARGE_TASK_SIZES]: { feature: FargateFeature.LARGE_TASK_SIZES, name: 'the 8, 16 and 32 vCPU task sizes', minimumVersion: '1.4.0' },
  [FargateFeature.EBS_VOLUMES]: { feature: FargateFeature.EBS_VOLUMES, name: 'EBS volumes', minimumVersion: '1.4.0' },
  [FargateFeature.UDP_LOAD_BALANCING]: { feature: FargateFeature.UDP_LOAD_BALANCING, name: 'UDP behind a Network Load Balancer', minimumVersion: '1.4.0' },
};

/**
 * Queries over the feature table.
 */
export class FargateFeatures {
  /** What a feature is and the lowest Linux platform version that has it. */
  public static info(feature: FargateFeature): FeatureInfo {
    return FEATURES[feature];
  }

  /** Every feature, in table order. */
  public static all(): FeatureInfo[] {
    return Object.values(FEATURES);
  }

  private constructor() {}
}
