import { Annotations, CfnResource, Duration, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { acknowledge, ACKNOWLEDGEMENTS } from '../acknowledgements';
import { FargateCheckOptions, validateOptions } from '../checks/engine';
import * as defaults from '../defaults';
import { FargateEnvironment } from '../environment/fargate-environment';
import { propsError } from '../errors';
import { ManagedPolicyRole } from '../iam/managed-policy-role';
import { FargateEndpoint } from '../platform/endpoints';
import { DEFAULT_STOP_TIMEOUT_SECONDS, EPHEMERAL_STORAGE_DEFAULT_GIB, MAX_EBS_VOLUMES_PER_TASK } from '../platform/fargate-support';
import { FargateOperatingSystem, osName, RECOMMENDED_VERSION } from '../platform/platform-versions';
import { TaskSize } from '../platform/task-size';
import { Parsed, parseCpu, parseMemory, taskSizeIssue } from '../platform/task-size-table';
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
import { CapacityStrategy } from '../workload/capacity-strategy';
import { WorkloadRuntime } from '../workload/runtime';
import { LoggingKind, WorkloadLogging } from '../workload/workload-logging';

/**
 * A container that runs next to the main one, with the task's logging and, on Linux, its non-root
 * and read-only defaults unless the options say otherwise.
 */
export interface SidecarProps extends ecs.ContainerDefinitionOptions {
  /** The container name, unique in the task. */
  readonly name: string;
}

/**
 * What every Fargate task of this library is made of, for services (`FargateWorkload`) and jobs (`FargateJob`)
 * alike: the containers, the task size and runtime, storage, capacity, logging and the checks' options.
 */
export interface FargateTaskOptions {
  /** The environment (VPC, cluster, key) the tasks run in. */
  readonly environment: FargateEnvironment;

  /** The main container's image. */
  readonly image: ecs.ContainerImage;

  /**
   * The main container's name.
   * @default 'app'
   */
  readonly containerName?: string;

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
   * Where the containers log.
   * @default WorkloadLogging.awsLogs()
   */
  readonly logging?: WorkloadLogging;

  /**
   * Options for the Fargate rules this workload runs over itself, e.g. `additionalTaskSizes`.
   * @default - the rules' defaults
   */
  readonly checks?: FargateCheckOptions;
}

/**
 * What a service (`FargateWorkload`) and a job (`FargateJob`) have in common: the task they run, built the same way
 * for both (the task definition with its roles, the log group, the main container and sidecars with the secure
 * defaults, the FireLens router, the tasks' security group, volumes, VPC endpoints and ECS Exec), with every created
 * resource public, and the tasks' security group and role as `IConnectable` and `IGrantable`.
 */
export abstract class FargateTaskConstruct extends Construct implements ec2.IConnectable, iam.IGrantable {
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
  /** The runtime the tasks run on. */
  public readonly runtime: WorkloadRuntime;
  /** The task size. */
  public readonly taskSize: TaskSize;
  /** The capacity strategy. */
  public readonly capacity: CapacityStrategy;
  /** The platform version the tasks are started on. */
  public readonly platformVersion: ecs.FargatePlatformVersion;
  /**
   * The tasks' security group, for `db.connections.allowDefaultPortFrom(this)` and the like. Its default port is the
   * main container's port, when it has one.
   */
  public readonly connections: ec2.Connections;
  /** The task role: `bucket.grantRead(this)` grants the tasks. */
  public readonly grantPrincipal: iam.IPrincipal;

  /** @internal */
  protected readonly _environment: FargateEnvironment;
  /** @internal */
  protected readonly _checkOptions: FargateCheckOptions;
  /** @internal */
  protected _ebsVolume?: ecs.ServiceManagedVolume;

  private readonly logging: WorkloadLogging;
  private readonly containerUser?: string;

  /**
   * @param containerPort the main container's port, if it listens on one
   * @param portProtocol that port's protocol
   */
  protected constructor(scope: Construct, id: string, props: FargateTaskOptions, containerPort?: number, portProtocol?: ecs.Protocol) {
    super(scope, id);
    const port = containerPort === undefined ? undefined : { containerPort, protocol: portProtocol ?? ecs.Protocol.TCP };

    this._checkOptions = props.checks ?? {};
    validateOptions(this._checkOptions);
    this._environment = props.environment;
    this.runtime = props.runtime ?? WorkloadRuntime.LINUX_X86_64;
    this.capacity = props.capacity ?? CapacityStrategy.onDemand();
    const linux = this.runtime.os === FargateOperatingSystem.LINUX;
    this.logging = props.logging ?? WorkloadLogging.awsLogs();

    // Validate what can be known before anything is built, with the rules' own findings.
    this.taskSize = props.taskSize ?? this.defaultTaskSize(linux);
    this.checkTaskSize();
    const ephemeralStorageGiB = this.ephemeralStorage(props.ephemeralStorageGiB);
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
    this.logGroup = this.logging._awsLogs.logGroup ?? this._environment._logGroup(this, 'Logs', this.logging._awsLogs.retention);
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
      portMappings: port === undefined ? undefined : [{ containerPort: port.containerPort, protocol: port.protocol }],
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
      vpc: this._environment.vpc,
      description: `Tasks of ${this.node.path}`,
      allowAllOutbound: true,
    });
    // The tasks' own group only: the endpoints' client group they also carry is shared by every service and job.
    this.connections = new ec2.Connections({
      securityGroups: [this.securityGroup],
      defaultPort: port === undefined ? undefined
        : port.protocol === ecs.Protocol.UDP ? ec2.Port.udp(port.containerPort) : ec2.Port.tcp(port.containerPort),
    });
    this.grantPrincipal = this.taskDefinition.taskRole;
    this.platformVersion = props.platformVersion ?? RECOMMENDED_VERSION[this.runtime.os] as ecs.FargatePlatformVersion;
  }

  /**
   * The security groups the tasks carry: their own, and the endpoints' client group when there is one.
   * @internal
   */
  protected get _taskSecurityGroups(): ec2.ISecurityGroup[] {
    return [this.securityGroup, ...this._environment.endpointClientSecurityGroup ? [this._environment.endpointClientSecurityGroup] : []];
  }

  /**
   * Mounts an EFS volume (see `FargateWorkload.addVolume`); `launcher` is what starts tasks and must wait for the mount targets.
   * @internal
   */
  protected _mountEfs(volume: EfsVolume, options: EfsMountOptions, launcher: IConstruct): efs.AccessPoint {
    if (this.runtime.os !== FargateOperatingSystem.LINUX) {
      throw propsError(this, 'EfsOnWindows', `${this.node.path}: addVolume(${volume.node.path}): ${formatFinding(WindowsRestrictions, {
        property: 'Volumes',
        value: options.volumeName ?? volume.node.id,
        problem: `EFS volumes are not available on ${osName(this.runtime.os)}`,
        allowed: 'no EFS volumes',
      })}`);
    }
    return volume._mount({
      scope: this,
      environment: this._environment,
      taskDefinition: this.taskDefinition,
      container: this.container,
      securityGroup: this.securityGroup,
      launcher,
      user: this.containerUser,
    }, options);
  }

  /**
   * Checks that the task has room for one more EBS volume configured at launch, then makes it.
   * @internal
   */
  protected _ebsVolumeFor(options: EbsVolumeOptions): ecs.ServiceManagedVolume {
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
    const volume = serviceManagedVolume(this, this._environment.cluster.clusterName, options, this._environment.key);
    volume.mountIn(options.container ?? this.container, { containerPath: options.containerPath, readOnly: options.readOnly ?? false });
    this.taskDefinition.addVolume(volume);
    this._ebsVolume = volume;
    return volume;
  }

  /**
   * Adds what the task needs to the environment's shared VPC endpoints (its tasks carry the endpoints'
   * client security group). Containers added later through the escape hatches are not seen here: add their
   * endpoints with `environment.privateLink.add()`.
   * @internal
   */
  protected _addEndpoints(execEnabled: boolean): void {
    const ctx = new RuleContext(Stack.of(this));
    const td = anyTaskDefinition(ctx.resolve(this.taskDefinition.node.defaultChild as CfnResource));
    const needs = endpointsNeeded(td, ctx, execEnabled).map(n => n.endpoint);
    if (needs.includes(FargateEndpoint.ECR_API) && this.taskDefinition.executionRole) {
      acknowledge(this.taskDefinition.executionRole, ACKNOWLEDGEMENTS.ecrAuthorizationToken);
    }
    for (const need of needs) this._environment.privateLink?.add(need);
  }

  /**
   * Grants the task role ECS Exec: the session channels, and the environment's session logging when it has it.
   * @internal
   */
  protected _grantExec(): void {
    const logGroup = this._environment.enableExecLogging();
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
      new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [this._environment.key.keyArn] }),
    ] : [];
    if (!logGroup) {
      Annotations.of(this).addInfo(`${this.node.path}: ECS Exec in the existing cluster ${this._environment.cluster.node.path}: sessions are ` +
        'encrypted and logged as that cluster is configured; grant the task role what that configuration needs.');
    }
    const policy = new iam.ManagedPolicy(this, 'ExecPolicy', { roles: [this.taskDefinition.taskRole], statements: [channels, ...logging] });
    acknowledge(policy, ACKNOWLEDGEMENTS.execPermissions);
  }

  private defaultTaskSize(linux: boolean): TaskSize {
    const size = linux ? defaults.DEFAULT_LINUX_TASK_SIZE : defaults.DEFAULT_WINDOWS_TASK_SIZE;
    return TaskSize.of(size.cpu, size.memoryMiB, { os: this.runtime.os, additionalSizes: this._checkOptions.additionalTaskSizes });
  }

  /** `TaskSize` was checked for the OS it was given when it was made; judge it again for the runtime's OS, with rule Fargate-TS1. */
  private checkTaskSize(): void {
    const parse = (v: number, parser: (x: unknown) => Parsed): Parsed => Token.isUnresolved(v) ? { kind: 'token' } : parser(v);
    const issue = taskSizeIssue(
      parse(this.taskSize.cpu, parseCpu), parse(this.taskSize.memoryMiB, parseMemory), this.runtime.os, this._checkOptions.additionalTaskSizes);
    if (issue) {
      throw propsError(this, 'InvalidFargateTaskSize', `${this.node.path}: property \`taskSize\`: ${formatFinding(TaskSizeValid, issue)}`);
    }
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
}
