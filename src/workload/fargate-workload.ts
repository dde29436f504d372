import { Annotations, CfnResource, Duration, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53targets from 'aws-cdk-lib/aws-route53-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { CapacityStrategy } from './capacity-strategy';
import { WorkloadRuntime } from './runtime';
import { protectWithWebAcl } from './web-acl';
import { HttpEndpoint, LoadBalancerKind, NetworkEndpoint, NetworkProtocol, WorkloadLoadBalancer } from './workload-load-balancer';
import { LoggingKind, WorkloadLogging } from './workload-logging';
import { WorkloadScaling } from './workload-scaling';
import { acknowledge, ACKNOWLEDGEMENTS } from '../acknowledgements';
import { FargateCheckOptions, StackChecks, validateOptions } from '../checks/engine';
import * as defaults from '../defaults';
import { EnvironmentEgress, EnvironmentPurpose, FargateEnvironment } from '../environment/fargate-environment';
import { propsError } from '../errors';
import { ManagedPolicyRole } from '../iam/managed-policy-role';
import { FargateEndpoint } from '../platform/endpoints';
import { DEFAULT_STOP_TIMEOUT_SECONDS, EPHEMERAL_STORAGE_DEFAULT_GIB, MAX_EBS_VOLUMES_PER_TASK } from '../platform/fargate-support';
import { FargateOperatingSystem, RECOMMENDED_VERSION } from '../platform/platform-versions';
import { TaskSize } from '../platform/task-size';
import { osName, Parsed, parseCpu, parseMemory, taskSizeIssue } from '../platform/task-size-table';
import { RuleContext } from '../rules/context';
import { configuredAtLaunchVolumes, EbsSingleVolume } from '../rules/ebs-single-volume';
import { endpointsNeeded } from '../rules/endpoints-needed';
import { EphemeralStorageSize, ephemeralStorageFinding } from '../rules/ephemeral-storage-size';
import { anyTaskDefinition } from '../rules/facts';
import { formatFinding } from '../rules/rule';
import { TaskSizeValid } from '../rules/task-size-valid';
import { WindowsRestrictions } from '../rules/windows-restrictions';
import { EbsVolumeOptions, serviceManagedVolume } from '../storage/ebs-volume';
import { EfsMountOptions, EfsVolume } from '../storage/efs-volume';

/**
 * A container that runs next to the main one, with the workload's logging and, on Linux, its non-root
 * and read-only defaults unless the options say otherwise.
 */
export interface SidecarProps extends ecs.ContainerDefinitionOptions {
  /** The container name, unique in the task. */
  readonly name: string;
}

/**
 * Props for `FargateWorkload`.
 */
export interface FargateWorkloadProps {
  /** The environment (VPC, cluster, key) the workload runs in. */
  readonly environment: FargateEnvironment;

  /** The main container's image. */
  readonly image: ecs.ContainerImage;

  /**
   * The main container's name.
   * @default 'app'
   */
  readonly containerName?: string;

  /**
   * The port the main container listens on.
   * @default - 8080 with a load balancer; no port mapping without one
   */
  readonly containerPort?: number;

  /**
   * The command the main container runs.
   * @default - the image's CMD
   */
  readonly command?: string[];

  /**
   * Environment variables for the main container. Never put credentials here (Control Tower CT.ECS.PR.12);
   * use `secrets`.
   * @default - none
   */
  readonly environmentVariables?: { [key: string]: string };

  /**
   * Secrets from Secrets Manager or SSM Parameter Store, injected as environment variables.
   * @default - none
   */
  readonly secrets?: { [key: string]: ecs.Secret };

  /**
   * The main container's health check.
   * @default - none; with a load balancer, the target group's health check decides
   */
  readonly healthCheck?: ecs.HealthCheck;

  /**
   * The user the containers run as (Linux). Root needs an explicit `'0'` or `'root'`.
   * @default '1000:1000' on Linux; unset on Windows, which does not support it
   */
  readonly user?: string;

  /**
   * Whether the containers' root filesystems are read-only (Linux). Mount a volume for paths the
   * application writes to.
   * @default true on Linux; unset on Windows, which does not support it
   */
  readonly readonlyRootFilesystem?: boolean;

  /**
   * More containers in the task.
   * @default - none (a FireLens log router is added by `WorkloadLogging.fireLens()`)
   */
  readonly sidecars?: SidecarProps[];

  /**
   * CPU and memory of the task, checked against the Fargate table (rule `Fargate-TS1`).
   * @default - 0.25 vCPU and 512 MiB on Linux; 1 vCPU and 2 GiB on Windows
   */
  readonly taskSize?: TaskSize;

  /**
   * The operating system and CPU architecture.
   * @default WorkloadRuntime.LINUX_X86_64
   */
  readonly runtime?: WorkloadRuntime;

  /**
   * The platform version. LATEST resolves once, when the service is created, and then stays put; it
   * draws the `Fargate-PV2` warning.
   * @default - 1.4.0 on Linux, 1.0.0 on Windows (the platform-version table's recommendation)
   */
  readonly platformVersion?: ecs.FargatePlatformVersion;

  /**
   * Ephemeral storage in GiB, 21 to 200 (Linux, 1.4.0). `EphemeralStorage.estimateGiB` computes it from
   * what the task holds. 20 is the default and is left unset. For more, use EFS or an EBS volume.
   * @default 20
   */
  readonly ephemeralStorageGiB?: number;

  /**
   * On-demand, Spot or mixed capacity. Spot is refused for Windows (`Fargate-SP1`).
   * @default CapacityStrategy.onDemand()
   */
  readonly capacity?: CapacityStrategy;

  /**
   * How long a container has after SIGTERM before SIGKILL, at most 120 seconds (`Fargate-CT3`).
   * Handle SIGTERM in the application: it is also how Fargate Spot announces an interruption.
   * @default - 120 seconds when the capacity includes Spot (the whole interruption notice); otherwise 30 seconds
   */
  readonly stopTimeout?: Duration;

  /**
   * How many tasks run.
   * @default 2
   */
  readonly desiredCount?: number;

  /**
   * How traffic reaches the workload.
   * @default WorkloadLoadBalancer.none()
   */
  readonly loadBalancer?: WorkloadLoadBalancer;

  /**
   * Autoscaling. Target tracking on CPU and memory, between `minCapacity` and `maxCapacity`.
   * @default - from `desiredCount` to four times it, CPU 70 %, memory 80 %
   */
  readonly scaling?: WorkloadScaling;

  /**
   * Where the containers log.
   * @default WorkloadLogging.awsLogs()
   */
  readonly logging?: WorkloadLogging;

  /**
   * ECS Exec (`aws ecs execute-command`). Sessions are encrypted with the environment's key and logged to
   * the environment's Exec log group.
   * @default false
   */
  readonly enableExec?: boolean;

  /**
   * The service's name.
   * @default - generated by CloudFormation
   */
  readonly serviceName?: string;

  /**
   * Options for the Fargate rules this workload runs over itself, e.g. `additionalTaskSizes`.
   * @default - the rules' defaults
   */
  readonly checks?: FargateCheckOptions;
}

/**
 * One Fargate service, set up the way platform version 1.4.0 intends: a pinned platform version, a task
 * size from the Fargate table, non-root read-only containers with encrypted logs, the deployment circuit
 * breaker with rollback, autoscaling, and optionally Spot, a load balancer and ECS Exec.
 *
 * Props that can be judged alone (task size, ephemeral storage, scaling bounds) throw when the workload is
 * built. The library's Fargate rules judge its task definition and service when the app is synthesized,
 * after every change made through the escape hatches: errors fail synthesis with the rule's ID, the
 * resource's path and the fix; warnings become acknowledgeable annotations. That run shares one rule
 * context per stack with every other workload and with `FargatePlatformChecks`, so each resource is
 * resolved once.
 *
 * @example
 * new FargateWorkload(this, 'Api', {
 *   environment: env,
 *   image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx'),
 *   loadBalancer: WorkloadLoadBalancer.http({ certificate }),
 * });
 */
export class FargateWorkload extends Construct implements ec2.IConnectable, iam.IGrantable {
  /** The ECS service. */
  public readonly service: ecs.FargateService;
  /** The task definition. */
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The main container. */
  public readonly container: ecs.ContainerDefinition;
  /** The sidecar containers, in the order given (the FireLens router last). */
  public readonly sidecars: ecs.ContainerDefinition[];
  /** The security group of the tasks. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The log group the containers write to, unless the user gave one. */
  public readonly logGroup: logs.ILogGroup;
  /** The Application Load Balancer, its listeners, target group, certificate, alias record and web ACL, with `WorkloadLoadBalancer.http()`. */
  public readonly http?: HttpEndpoint;
  /** The Network Load Balancer, its listener and target group, with `WorkloadLoadBalancer.network()`. */
  public readonly network?: NetworkEndpoint;
  /**
   * The tasks' security group, for `db.connections.allowDefaultPortFrom(workload)` and the like. Its default port
   * is the container port, when there is one.
   */
  public readonly connections: ec2.Connections;
  /** The task role: `bucket.grantRead(workload)` grants the tasks. */
  public readonly grantPrincipal: iam.IPrincipal;
  /** The bucket the load balancer's access logs go to (under the workload's path): the environment's, or the one given. */
  public readonly accessLogsBucket?: s3.IBucket;
  /** The task-count scaling, when `maxCapacity` exceeds `minCapacity`. */
  public readonly scalableTaskCount?: ecs.ScalableTaskCount;
  /** The runtime the tasks run on. */
  public readonly runtime: WorkloadRuntime;
  /** The task size. */
  public readonly taskSize: TaskSize;
  /** The capacity strategy. */
  public readonly capacity: CapacityStrategy;

  private readonly environment: FargateEnvironment;
  private readonly checkOptions: FargateCheckOptions;
  private readonly logging: WorkloadLogging;
  private readonly containerUser?: string;
  private _ebsVolume?: ecs.ServiceManagedVolume;

  constructor(scope: Construct, id: string, props: FargateWorkloadProps) {
    super(scope, id);
    this.checkOptions = props.checks ?? {};
    validateOptions(this.checkOptions);
    this.environment = props.environment;
    this.runtime = props.runtime ?? WorkloadRuntime.LINUX_X86_64;
    this.capacity = props.capacity ?? CapacityStrategy.onDemand();
    const linux = this.runtime.os === FargateOperatingSystem.LINUX;
    this.logging = props.logging ?? WorkloadLogging.awsLogs();
    const lb = props.loadBalancer ?? WorkloadLoadBalancer.none();

    // Validate what can be known before anything is built, with the rules' own findings.
    this.taskSize = props.taskSize ?? this.defaultTaskSize(linux);
    this.checkTaskSize();
    const ephemeralStorageGiB = this.ephemeralStorage(props.ephemeralStorageGiB);
    const containerPort = props.containerPort ?? (lb._kind === LoadBalancerKind.NONE ? undefined : defaults.DEFAULT_CONTAINER_PORT);
    const nlbProtocol = lb._network.protocol ?? NetworkProtocol.TCP;
    const defaultStopSeconds = this.capacity.usesSpot ? this.capacity.spotNoticeSeconds : DEFAULT_STOP_TIMEOUT_SECONDS;
    const stopTimeout = props.stopTimeout ?? Duration.seconds(defaultStopSeconds);

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: this.taskSize.cpu,
      memoryLimitMiB: this.taskSize.memoryMiB,
      runtimePlatform: this.runtime.runtimePlatform,
      ephemeralStorageGiB,
      taskRole: new ManagedPolicyRole(this, 'TaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }),
      executionRole: new ManagedPolicyRole(this, 'ExecutionRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }),
    });

    // Logging: every container logs, to a log group encrypted with the environment's key.
    this.logGroup = this.logging._awsLogs.logGroup ?? this.environment._logGroup(this, 'Logs', this.logging._awsLogs.retention);
    const mainLogging = this.logging._kind === LoggingKind.FIRELENS
      ? ecs.LogDrivers.firelens({ options: this.logging._fireLens.options ?? this.cloudWatchFireLensOptions(id) })
      : this.awsLogs(id);

    const userAndRoot = this.userAndRootFilesystem(props);
    this.containerUser = userAndRoot.user;
    this.container = this.taskDefinition.addContainer(props.containerName ?? 'app', {
      image: props.image,
      command: props.command,
      environment: props.environmentVariables,
      secrets: props.secrets,
      healthCheck: props.healthCheck,
      logging: mainLogging,
      stopTimeout,
      memoryLimitMiB: this.taskMemoryLimit,
      portMappings: containerPort === undefined ? undefined : [{
        containerPort,
        protocol: lb._kind === LoadBalancerKind.NETWORK && nlbProtocol === NetworkProtocol.UDP ? ecs.Protocol.UDP : ecs.Protocol.TCP,
      }],
      ...userAndRoot,
    });

    this.sidecars = (props.sidecars ?? []).map(s => {
      const { name, ...options } = s;
      return this.taskDefinition.addContainer(name, {
        logging: this.awsLogs(name),
        memoryLimitMiB: options.memoryReservationMiB === undefined ? this.taskMemoryLimit : undefined,
        stopTimeout,
        ...options,
        ...this.userAndRootFilesystem(options),
      });
    });
    if (this.logging._kind === LoggingKind.FIRELENS) this.sidecars.push(this.addLogRouter());
    if (!linux) acknowledge(this.taskDefinition, ACKNOWLEDGEMENTS.windowsContainerUser);

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: this.environment.vpc,
      description: `Tasks of ${this.node.path}`,
      allowAllOutbound: true,
    });
    // The tasks' own group only: the endpoints' client group they also carry is shared by every workload.
    this.connections = new ec2.Connections({
      securityGroups: [this.securityGroup],
      defaultPort: containerPort === undefined ? undefined
        : lb._kind === LoadBalancerKind.NETWORK && nlbProtocol === NetworkProtocol.UDP ? ec2.Port.udp(containerPort) : ec2.Port.tcp(containerPort),
    });
    this.grantPrincipal = this.taskDefinition.taskRole;

    const platformVersion = props.platformVersion ?? RECOMMENDED_VERSION[this.runtime.os] as ecs.FargatePlatformVersion;
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.environment.cluster,
      taskDefinition: this.taskDefinition,
      serviceName: props.serviceName,
      platformVersion,
      desiredCount: props.desiredCount ?? defaults.DEFAULT_DESIRED_COUNT,
      minHealthyPercent: defaults.DEFAULT_MIN_HEALTHY_PERCENT,
      maxHealthyPercent: defaults.DEFAULT_MAX_HEALTHY_PERCENT,
      circuitBreaker: { enable: true, rollback: true },
      capacityProviderStrategies: this.capacity.providers,
      securityGroups: [this.securityGroup, ...this.environment.endpointClientSecurityGroup ? [this.environment.endpointClientSecurityGroup] : []],
      vpcSubnets: this.environment.taskSubnets,
      assignPublicIp: false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      enableECSManagedTags: true,
      healthCheckGracePeriod: lb._kind === LoadBalancerKind.NONE ? undefined : defaults.DEFAULT_HEALTH_CHECK_GRACE_PERIOD,
    });

    if (props.enableExec) this.enableExec();

    if (lb._kind === LoadBalancerKind.HTTP) {
      const made = this.addApplicationLoadBalancer(lb, containerPort!);
      this.http = made.endpoint;
      this.accessLogsBucket = made.bucket;
    } else if (lb._kind === LoadBalancerKind.NETWORK) {
      const made = this.addNetworkLoadBalancer(lb, containerPort!, nlbProtocol);
      this.network = made.endpoint;
      this.accessLogsBucket = made.bucket;
    }

    this.scalableTaskCount = this.addScaling(props.scaling, props.desiredCount ?? defaults.DEFAULT_DESIRED_COUNT);

    this.addEndpointsAndAcknowledgements(props.enableExec ?? false);
    // The same rules as FargatePlatformChecks judge the task definition and service when the app is
    // synthesized, after every change made through the escape hatches, in the stack's one shared pass.
    StackChecks.of(Stack.of(this)).addConstructCheck(this.checkOptions, () => this.checkedResources);
  }

  /**
   * Mounts an EFS volume: an access point of this workload's own (a root directory, owned by the container's
   * user), a task definition volume with TLS and IAM authorization, the mount point, TCP 2049 from this
   * workload's security group, and ClientMount (plus ClientWrite unless read-only) for its task role.
   * The workload's rules judge the result at synthesis.
   * @param volume the volume
   * @param options where and how to mount it
   * @returns the access point this mount uses
   */
  public addVolume(volume: EfsVolume, options: EfsMountOptions): efs.AccessPoint {
    if (this.runtime.os !== FargateOperatingSystem.LINUX) {
      throw propsError(this, 'EfsOnWindows', `${this.node.path}: addVolume(${volume.node.path}): ${formatFinding(WindowsRestrictions, {
        property: 'Volumes',
        value: options.volumeName ?? volume.node.id,
        problem: `EFS volumes are not available on ${osName(this.runtime.os)}`,
        allowed: 'no EFS volumes',
      })}`);
    }
    const accessPoint = volume._mount({
      scope: this,
      environment: this.environment,
      taskDefinition: this.taskDefinition,
      container: this.container,
      securityGroup: this.securityGroup,
      service: this.service,
      user: this.containerUser,
    }, options);
    return accessPoint;
  }

  /**
   * Gives each task an EBS volume of its own, created by ECS when the task starts and deleted when it stops:
   * encrypted with the environment's key (or the one given), managed through an infrastructure role limited
   * to this cluster's volumes. Fargate attaches one per task; a second is refused (`Fargate-EB1`).
   * @param options the volume
   * @returns the service-managed volume
   */
  public addEbsVolume(options: EbsVolumeOptions): ecs.ServiceManagedVolume {
    // Read from the L1, as the rule reads it, so volumes added through the escape hatches count too.
    const taskDefinition = new RuleContext(Stack.of(this)).resolve(this.taskDefinition.node.defaultChild as CfnResource);
    const atLaunch = configuredAtLaunchVolumes(taskDefinition.props.Volumes);
    if (atLaunch.length >= MAX_EBS_VOLUMES_PER_TASK) {
      throw propsError(this, 'SecondEbsVolume', `${this.node.path}: addEbsVolume: ${formatFinding(EbsSingleVolume, {
        property: 'Volumes',
        value: atLaunch,
        problem: `the task definition already has ${atLaunch.length} volume configured at launch`,
        allowed: `at most ${MAX_EBS_VOLUMES_PER_TASK}`,
      })}`);
    }
    const volume = serviceManagedVolume(this, this.environment.cluster.clusterName, options, this.environment.key);
    volume.mountIn(options.container ?? this.container, { containerPath: options.containerPath, readOnly: options.readOnly ?? false });
    this.taskDefinition.addVolume(volume);
    this.service.addVolume(volume);
    // ECS checks the infrastructure role's permissions when it creates the service.
    this.service.node.addDependency(volume.role);
    this._ebsVolume = volume;
    return volume;
  }

  /** The per-task EBS volume, once `addEbsVolume` has been called. */
  public get ebsVolume(): ecs.ServiceManagedVolume | undefined {
    return this._ebsVolume;
  }

  /** The L1 resources the workload's own checks cover. */
  private get checkedResources(): CfnResource[] {
    return [this.taskDefinition.node.defaultChild as CfnResource, this.service.node.defaultChild as CfnResource];
  }

  /**
   * Adds what this workload needs to the environment's shared VPC endpoints (its tasks carry the endpoints'
   * client security group). Containers added later through the escape hatches are not seen here: add their
   * endpoints with `environment.privateLink.add()`.
   */
  private addEndpointsAndAcknowledgements(execEnabled: boolean): void {
    const ctx = new RuleContext(Stack.of(this));
    const td = anyTaskDefinition(ctx.resolve(this.taskDefinition.node.defaultChild as CfnResource));
    const needs = endpointsNeeded(td, ctx, execEnabled).map(n => n.endpoint);
    if (needs.includes(FargateEndpoint.ECR_API) && this.taskDefinition.executionRole) {
      acknowledge(this.taskDefinition.executionRole, ACKNOWLEDGEMENTS.ecrAuthorizationToken);
    }
    for (const need of needs) this.environment.privateLink?.add(need);
  }

  private defaultTaskSize(linux: boolean): TaskSize {
    const size = linux ? defaults.DEFAULT_LINUX_TASK_SIZE : defaults.DEFAULT_WINDOWS_TASK_SIZE;
    return TaskSize.of(size.cpu, size.memoryMiB, { os: this.runtime.os, additionalSizes: this.checkOptions.additionalTaskSizes });
  }

  /** `TaskSize` was checked for the OS it was given when it was made; judge it again for the runtime's OS, with rule Fargate-TS1. */
  private checkTaskSize(): void {
    const parse = (v: number, parser: (x: unknown) => Parsed): Parsed => Token.isUnresolved(v) ? { kind: 'token' } : parser(v);
    const issue = taskSizeIssue(
      parse(this.taskSize.cpu, parseCpu), parse(this.taskSize.memoryMiB, parseMemory), this.runtime.os, this.checkOptions.additionalTaskSizes);
    if (issue) throw propsError(this, 'InvalidFargateTaskSize', `${this.node.path}: property \`taskSize\`: ${formatFinding(TaskSizeValid, issue)}`);
  }

  /** A memory limit per container (Control Tower CT.ECS.PR.7); the task's memory is the natural cap. */
  private get taskMemoryLimit(): number | undefined {
    return Token.isUnresolved(this.taskSize.memoryMiB) ? undefined : this.taskSize.memoryMiB;
  }

  private awsLogs(streamPrefix: string): ecs.LogDriver {
    return ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: this.logging._awsLogs.streamPrefix ?? streamPrefix });
  }

  /** The non-root, read-only defaults on Linux; Windows supports neither, so only what the user set. */
  private userAndRootFilesystem(o: { user?: string; readonlyRootFilesystem?: boolean }): { user?: string; readonlyRootFilesystem?: boolean } {
    if (this.runtime.os !== FargateOperatingSystem.LINUX) return { user: o.user, readonlyRootFilesystem: o.readonlyRootFilesystem };
    return { user: o.user ?? defaults.DEFAULT_CONTAINER_USER, readonlyRootFilesystem: o.readonlyRootFilesystem ?? true };
  }

  private ephemeralStorage(size: number | undefined): number | undefined {
    if (size === undefined || Token.isUnresolved(size)) return size;
    if (size === EPHEMERAL_STORAGE_DEFAULT_GIB) return undefined; // the default, which Fargate only accepts unset
    const finding = ephemeralStorageFinding(size);
    if (finding) throw propsError(this, 'InvalidEphemeralStorage', `${this.node.path}: property \`ephemeralStorageGiB\`: ${formatFinding(EphemeralStorageSize, finding)}`);
    return size;
  }

  private cloudWatchFireLensOptions(prefix: string): { [key: string]: string } {
    return {
      Name: 'cloudwatch_logs',
      region: Stack.of(this).region,
      log_group_name: this.logGroup.logGroupName,
      log_stream_prefix: `${prefix}/`,
      auto_create_group: 'false',
    };
  }

  private addLogRouter(): ecs.ContainerDefinition {
    const router = this.taskDefinition.addFirelensLogRouter('log-router', {
      image: this.logging._fireLens.routerImage ?? ecs.ContainerImage.fromRegistry(defaults.FIRELENS_IMAGE),
      firelensConfig: { type: ecs.FirelensLogRouterType.FLUENTBIT },
      logging: this.awsLogs('log-router'),
      memoryReservationMiB: defaults.FIRELENS_MEMORY_RESERVATION_MIB,
      memoryLimitMiB: this.taskMemoryLimit,
      essential: true,
      ...this.userAndRootFilesystem({}),
    });
    // The router writes the application's logs to the workload's log group.
    this.logGroup.grantWrite(this.taskDefinition.taskRole);
    return router;
  }

  private enableExec(): void {
    const logGroup = this.environment.enableExecLogging();
    (this.service.node.defaultChild as ecs.CfnService).enableExecuteCommand = true;
    // In a policy of its own, so the one acknowledgement it needs covers nothing else.
    const channels = new iam.PolicyStatement({
      actions: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
      resources: ['*'],
    });
    // Session logging is the cluster's: in an existing cluster, its owner grants what its configuration needs.
    const logging = logGroup ? [
      new iam.PolicyStatement({ actions: ['logs:DescribeLogGroups'], resources: ['*'] }),
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        // A log group's ARN ends in `:*`, which covers its streams.
        resources: [logGroup.logGroupArn],
      }),
      new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [this.environment.key.keyArn] }),
    ] : [];
    if (!logGroup) {
      Annotations.of(this).addInfo(`${this.node.path}: ECS Exec in the existing cluster ${this.environment.cluster.node.path}: sessions are ` +
        'encrypted and logged as that cluster is configured; grant the task role what that configuration needs.');
    }
    const policy = new iam.ManagedPolicy(this, 'ExecPolicy', { roles: [this.taskDefinition.taskRole], statements: [channels, ...logging] });
    acknowledge(policy, ACKNOWLEDGEMENTS.execPermissions);
  }

  private placeLoadBalancer(internetFacing: boolean): ec2.SubnetSelection {
    if (!internetFacing) return this.environment.taskSubnets;
    if (this.environment.vpc.publicSubnets.length === 0) {
      throw propsError(this, 'NoPublicSubnets', `${this.node.path}: property \`loadBalancer.internetFacing\` is true, but the environment's VPC has no ` +
        `public subnets${this.environment.egress === EnvironmentEgress.ISOLATED ? ' (its egress is ISOLATED)' : ''}. ` +
        'Fix: use an internal load balancer (internetFacing: false), or an environment with public subnets.');
    }
    return { subnetType: ec2.SubnetType.PUBLIC };
  }

  private accessLogs(loadBalancer: elbv2.BaseLoadBalancer, options: { accessLogs?: boolean; accessLogsBucket?: s3.IBucket }): s3.IBucket | undefined {
    if (options.accessLogs === false) return undefined;
    if (Token.isUnresolved(Stack.of(this).region)) {
      throw propsError(this, 'AccessLogsNeedRegion', `${this.node.path}: property \`loadBalancer.accessLogs\` is on (the default), but the stack has no region, ` +
        'and ELB log delivery is granted per region. Fix: give the stack an `env` with a region, or set `accessLogs: false`.');
    }
    // One prefix per workload, unique in the app, so workloads can share a bucket.
    const prefix = this.node.path;
    if (prefix.includes(defaults.ELB_LOG_KEY_SEGMENT)) {
      throw propsError(this, 'InvalidAccessLogPrefix', `${this.node.path}: the access-log prefix '${prefix}' (the workload's path) contains '${defaults.ELB_LOG_KEY_SEGMENT}', which ` +
        'Elastic Load Balancing refuses in a prefix. Fix: rename the construct, or set `accessLogs: false`.');
    }
    if (options.accessLogsBucket) {
      loadBalancer.logAccessLogs(options.accessLogsBucket, prefix);
      return options.accessLogsBucket;
    }
    // The environment's bucket already lets ELB deliver under any prefix; the load balancer only points at it.
    const bucket = this.environment.enableAccessLogs();
    loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
    loadBalancer.setAttribute('access_logs.s3.bucket', bucket.bucketName);
    loadBalancer.setAttribute('access_logs.s3.prefix', prefix);
    // ELB checks that it may write when the attribute is set, so the bucket policy comes first; only the load
    // balancer itself waits for it, as with aws-cdk-lib's logAccessLogs.
    (loadBalancer.node.defaultChild as CfnResource).addResourceDependency(bucket.policy!.node.defaultChild as CfnResource);
    return bucket;
  }

  private addApplicationLoadBalancer(lb: WorkloadLoadBalancer, containerPort: number): { endpoint: HttpEndpoint; bucket?: s3.IBucket } {
    const o = lb._http;
    const internetFacing = o.internetFacing ?? false;
    if ((o.domainName === undefined) !== (o.domainZone === undefined)) {
      throw propsError(this, 'DomainNameWithoutZone', `${this.node.path}: property \`loadBalancer.${o.domainName === undefined ? 'domainZone' : 'domainName'}\` ` +
        `is set but \`loadBalancer.${o.domainName === undefined ? 'domainName' : 'domainZone'}\` is not. Fix: give both, the name and the ` +
        'hosted zone it is in, or neither.');
    }
    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: this.environment.vpc,
      internetFacing,
      vpcSubnets: this.placeLoadBalancer(internetFacing),
      dropInvalidHeaderFields: true,
      deletionProtection: o.deletionProtection ?? this.environment.purpose === EnvironmentPurpose.PRODUCTION,
    });
    const bucket = this.accessLogs(loadBalancer, o);
    if (o.webAclArn !== undefined) {
      new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', { resourceArn: loadBalancer.loadBalancerArn, webAclArn: o.webAclArn });
    }
    const createWebAcl = o.webAclArn === undefined && (o.webApplicationFirewall ?? this.environment.purpose === EnvironmentPurpose.PRODUCTION);
    const webAcl = createWebAcl ? protectWithWebAcl(this, this.environment, loadBalancer) : undefined;
    const createdCertificate = o.domainName !== undefined && o.certificate === undefined
      ? new acm.Certificate(this, 'Certificate', { domainName: o.domainName, validation: acm.CertificateValidation.fromDns(o.domainZone) })
      : undefined;
    const certificate = o.certificate ?? createdCertificate;
    const port = certificate ? 443 : 80;
    const listener = loadBalancer.addListener('Listener', {
      port,
      protocol: certificate ? elbv2.ApplicationProtocol.HTTPS : elbv2.ApplicationProtocol.HTTP,
      certificates: certificate ? [certificate] : undefined,
      sslPolicy: certificate ? (o.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS) : undefined,
      open: false,
    });
    this.allowClients(loadBalancer, internetFacing, o.allowedClients, [port, ...(certificate ? [80] : [])]);
    let redirectListener: elbv2.ApplicationListener | undefined;
    if (certificate) {
      redirectListener = loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443, open: false });
      acknowledge(redirectListener, ACKNOWLEDGEMENTS.httpsRedirectListener);
    }
    const aliasRecord = o.domainName !== undefined ? new route53.ARecord(this, 'AliasRecord', {
      zone: o.domainZone!,
      recordName: o.domainName,
      target: route53.RecordTarget.fromAlias(new route53targets.LoadBalancerTarget(loadBalancer)),
    }) : undefined;
    const targetGroup = listener.addTargets('Targets', {
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service.loadBalancerTarget({ containerName: this.container.containerName, containerPort })],
      deregistrationDelay: o.deregistrationDelay ?? defaults.DEFAULT_DEREGISTRATION_DELAY,
      healthCheck: {
        path: o.healthCheckPath ?? defaults.DEFAULT_HEALTH_CHECK_PATH,
        healthyHttpCodes: o.healthyHttpCodes ?? defaults.DEFAULT_HEALTHY_HTTP_CODES,
        interval: defaults.DEFAULT_HEALTH_CHECK_INTERVAL,
        healthyThresholdCount: defaults.DEFAULT_HEALTHY_THRESHOLD,
        unhealthyThresholdCount: defaults.DEFAULT_UNHEALTHY_THRESHOLD,
      },
    });
    const url = `${certificate ? 'https' : 'http'}://${o.domainName ?? loadBalancer.loadBalancerDnsName}`;
    return {
      endpoint: { loadBalancer, listener, redirectListener, targetGroup, certificate: createdCertificate, aliasRecord, url, webAcl },
      bucket,
    };
  }

  private addNetworkLoadBalancer(
    lb: WorkloadLoadBalancer, containerPort: number, protocol: NetworkProtocol,
  ): { endpoint: NetworkEndpoint; bucket?: s3.IBucket } {
    const o = lb._network;
    const internetFacing = o.internetFacing ?? false;
    const securityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: this.environment.vpc,
      description: `Network Load Balancer of ${this.node.path}`,
      allowAllOutbound: false,
    });
    const loadBalancer = new elbv2.NetworkLoadBalancer(this, 'LoadBalancer', {
      vpc: this.environment.vpc,
      internetFacing,
      vpcSubnets: this.placeLoadBalancer(internetFacing),
      crossZoneEnabled: true,
      deletionProtection: o.deletionProtection ?? this.environment.purpose === EnvironmentPurpose.PRODUCTION,
      securityGroups: [securityGroup],
    });
    const bucket = this.accessLogs(loadBalancer, o);
    const port = o.port ?? containerPort;
    const elbProtocol = protocol === NetworkProtocol.UDP ? elbv2.Protocol.UDP : elbv2.Protocol.TCP;
    this.allowClients(loadBalancer, internetFacing, o.allowedClients, [port], protocol);
    const listener = loadBalancer.addListener('Listener', { port, protocol: elbProtocol });
    if (protocol === NetworkProtocol.UDP) acknowledge(listener, ACKNOWLEDGEMENTS.udpListener);
    const targetGroup = listener.addTargets('Targets', {
      port: containerPort,
      protocol: elbProtocol,
      targets: [this.service.loadBalancerTarget({
        containerName: this.container.containerName,
        containerPort,
        protocol: protocol === NetworkProtocol.UDP ? ecs.Protocol.UDP : ecs.Protocol.TCP,
      })],
      deregistrationDelay: o.deregistrationDelay ?? defaults.DEFAULT_DEREGISTRATION_DELAY,
      // UDP targets are health-checked over TCP, on the traffic port unless told otherwise.
      healthCheck: { protocol: elbv2.Protocol.TCP },
    });
    return { endpoint: { loadBalancer, listener, targetGroup, securityGroup }, bucket };
  }

  /** Lets clients reach the listener: anyone for an internet-facing load balancer, the VPC otherwise. */
  private allowClients(
    loadBalancer: elbv2.BaseLoadBalancer & ec2.IConnectable, internetFacing: boolean, allowed: ec2.IPeer[] | undefined,
    ports: number[], protocol = NetworkProtocol.TCP,
  ): void {
    const peers = allowed ?? [internetFacing ? ec2.Peer.anyIpv4() : ec2.Peer.ipv4(this.environment.vpcCidr)];
    for (const peer of peers) {
      for (const port of ports) {
        loadBalancer.connections.allowFrom(peer, protocol === NetworkProtocol.UDP ? ec2.Port.udp(port) : ec2.Port.tcp(port), 'Clients');
      }
    }
    if (internetFacing && !allowed) {
      const sgs = loadBalancer.connections.securityGroups;
      for (const sg of sgs) acknowledge(sg, ACKNOWLEDGEMENTS.internetFacingListener);
    }
  }

  private addScaling(scaling: WorkloadScaling | undefined, desiredCount: number): ecs.ScalableTaskCount | undefined {
    const min = scaling?.minCapacity ?? desiredCount;
    if (Token.isUnresolved(min) && scaling?.maxCapacity === undefined) {
      throw propsError(this, 'TokenMinCapacity', `${this.node.path}: the task count floor (\`scaling.minCapacity\`, or \`desiredCount\`) is a token, so the ` +
        'default ceiling of four times it cannot be computed. Fix: set `scaling.maxCapacity`.');
    }
    const max = scaling?.maxCapacity ?? min * defaults.DEFAULT_MAX_CAPACITY_FACTOR;
    if (!Token.isUnresolved(min) && !Token.isUnresolved(max) && max < min) {
      throw propsError(this, 'MaxBelowMinCapacity', `${this.node.path}: property \`scaling.maxCapacity\` (${max}) is below \`scaling.minCapacity\` (${min}). ` +
        'Fix: raise maxCapacity, or lower minCapacity.');
    }
    if (max === min && !(scaling?.schedules?.length)) return undefined;
    const count = this.service.autoScaleTaskCount({ minCapacity: min, maxCapacity: max });
    if (max !== min) {
      count.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: scaling?.cpuTargetPercent ?? defaults.DEFAULT_CPU_TARGET_PERCENT });
      count.scaleOnMemoryUtilization('Memory', { targetUtilizationPercent: scaling?.memoryTargetPercent ?? defaults.DEFAULT_MEMORY_TARGET_PERCENT });
    }
    for (const s of scaling?.schedules ?? []) {
      count.scaleOnSchedule(s.name, { schedule: s.schedule, minCapacity: s.minCapacity, maxCapacity: s.maxCapacity });
    }
    return count;
  }
}

