import { Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IConstruct } from 'constructs';
import { acknowledge, ACKNOWLEDGEMENTS } from '../acknowledgements';
import * as defaults from '../defaults';
import { FargateEnvironment } from '../environment/fargate-environment';
import { propsError } from '../errors';
import { EFS_CLIENT_ACTIONS, NFS_PORT } from '../platform/efs';

/** How a created file system is backed up. */
export class EfsBackup {
  /**
   * EFS automatic backups: the file system joins AWS Backup's default plan for EFS
   * (`aws/efs/automatic-backup-plan`: daily, kept 35 days), which EFS manages.
   */
  public static automatic(): EfsBackup {
    return new EfsBackup();
  }

  /**
   * Adds the file system to an AWS Backup plan you manage (a backup selection), instead of automatic backups.
   * @param plan the plan
   */
  public static plan(plan: backup.IBackupPlan): EfsBackup {
    return new EfsBackup(plan);
  }

  private constructor(
    /** @internal */ public readonly _plan?: backup.IBackupPlan,
  ) {}
}

/**
 * A POSIX identity, used for every file operation made through an access point.
 */
export interface EfsPosixUser {
  /** The user ID. */
  readonly uid: number;
  /** The group ID. */
  readonly gid: number;
  /**
   * More group IDs.
   * @default - none
   */
  readonly secondaryGids?: number[];
}

/**
 * How a workload mounts an `EfsVolume` (`FargateWorkload.addVolume`).
 */
export interface EfsMountOptions {
  /** Where the volume appears in the container, an absolute path. */
  readonly containerPath: string;

  /**
   * Mount read-only. The file-system policy then grants the task role ClientMount without ClientWrite.
   * @default false
   */
  readonly readOnly?: boolean;

  /**
   * The directory of the file system the access point exposes as the volume's root. It is created, owned
   * by `posixUser`, on first mount. Workloads that share data mount the same directory.
   * @default '/data'
   */
  readonly rootDirectory?: string;

  /**
   * The identity every file operation through the access point uses, so files are owned by the
   * container's user whatever user the process runs as.
   * @default - the workload's container user, when it is numeric `uid:gid` (the default `1000:1000` is)
   */
  readonly posixUser?: EfsPosixUser;

  /**
   * The permissions the root directory is created with, in octal.
   * @default '750'
   */
  readonly rootDirectoryPermissions?: string;

  /**
   * Grant `elasticfilesystem:ClientRootAccess`, letting uid 0 act as root on the file system. Only for
   * workloads that must manage ownership of other users' files.
   * @default false
   */
  readonly rootAccess?: boolean;

  /**
   * The container to mount into.
   * @default - the workload's main container
   */
  readonly container?: ecs.ContainerDefinition;

  /**
   * The volume's name in the task definition; needed to mount one file system twice in a task.
   * @default - the EfsVolume's construct ID
   */
  readonly volumeName?: string;
}

/**
 * Props for `EfsVolume`.
 */
export interface EfsVolumeProps {
  /** The environment whose tasks mount the volume; mount targets go in its task subnets. */
  readonly environment: FargateEnvironment;

  /**
   * An existing file system to use instead of creating one. It must have a security group (give one to
   * `FileSystem.fromFileSystemAttributes`). Its policy is not changed: mounts are granted through the task
   * roles' policies, and the settings below that describe a created file system must be left unset.
   * @default - a file system is created
   */
  readonly fileSystem?: efs.IFileSystem;

  /**
   * The key that encrypts the created file system at rest. Encryption is always on.
   * @default - the environment's key
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How the created file system is backed up.
   * @default EfsBackup.automatic()
   */
  readonly backup?: EfsBackup;

  /**
   * When files move to Infrequent Access.
   * @default efs.LifecyclePolicy.AFTER_30_DAYS
   */
  readonly lifecyclePolicy?: efs.LifecyclePolicy;

  /**
   * When files move back from Infrequent Access.
   * @default efs.OutOfInfrequentAccessPolicy.AFTER_1_ACCESS
   */
  readonly outOfInfrequentAccessPolicy?: efs.OutOfInfrequentAccessPolicy;

  /**
   * The throughput mode.
   * @default efs.ThroughputMode.ELASTIC
   */
  readonly throughputMode?: efs.ThroughputMode;

  /**
   * The file system's name tag.
   * @default - the construct path
   */
  readonly fileSystemName?: string;

  /**
   * What happens to the created file system, and its data, when it leaves the stack.
   * @default - the environment's removal policy: RETAIN, or DESTROY in a throwaway environment
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Props that describe a created file system, refused with an imported one. */
const CREATED_ONLY_PROPS: ReadonlyArray<keyof EfsVolumeProps> = [
  'encryptionKey', 'backup', 'lifecyclePolicy', 'outOfInfrequentAccessPolicy', 'throughputMode', 'fileSystemName', 'removalPolicy',
];

/** ECS volume names: letters, digits, hyphens and underscores. */
const VOLUME_NAME = /^[A-Za-z0-9_-]{1,255}$/;
/** The largest POSIX ID EFS accepts. */
const MAX_POSIX_ID = 4294967295;

/** What an `EfsVolume` needs from the workload that mounts it. @internal */
export interface EfsMountTarget {
  readonly scope: Construct;
  readonly environment: FargateEnvironment;
  readonly taskDefinition: ecs.TaskDefinition;
  readonly container: ecs.ContainerDefinition;
  readonly securityGroup: ec2.ISecurityGroup;
  /** What starts tasks (a service, a schedule), which must wait for the mount targets. */
  readonly launcher: IConstruct;
  /** The containers' user, when the workload knows it. */
  readonly user?: string;
}

/**
 * A persistent, shared volume for Fargate workloads: an encrypted EFS file system with backups and
 * mount targets in the environment's task subnets. Workloads mount it with `FargateWorkload.addVolume`,
 * each through an access point of its own (a root directory and a POSIX user), with TLS and IAM
 * authorization. Each mount opens TCP 2049 from that workload's security group only and grants its task
 * role ClientMount, plus ClientWrite when it writes, in a file-system policy that refuses anything
 * without TLS and allows no anonymous access.
 *
 * @example
 * const data = new EfsVolume(this, 'Data', { environment: env });
 * writer.addVolume(data, { containerPath: '/var/lib/app' });
 * reader.addVolume(data, { containerPath: '/srv/data', readOnly: true });
 */
export class EfsVolume extends Construct {
  /** The file system, created or imported. */
  public readonly fileSystem: efs.IFileSystem;
  /** The created file system, when the volume created one. */
  public readonly createdFileSystem?: efs.FileSystem;
  /** The created file system's security group, which the mount targets use. */
  public readonly securityGroup?: ec2.SecurityGroup;
  /** The backup selection that puts the created file system in `EfsBackup.plan()`'s plan. */
  public readonly backupSelection?: backup.BackupSelection;

  private readonly _accessPoints: efs.AccessPoint[] = [];
  private readonly environment: FargateEnvironment;

  constructor(scope: Construct, id: string, props: EfsVolumeProps) {
    super(scope, id);
    this.environment = props.environment;
    if (props.fileSystem) {
      const given = CREATED_ONLY_PROPS.filter(p => props[p] !== undefined);
      if (given.length > 0) {
        throw propsError(this, 'CreatedFileSystemPropsOnImport', `${this.node.path}: ${given.map(p => `\`${p}\``).join(', ')} describe a created file system, but ` +
          '`fileSystem` imports one, whose settings this construct does not change. Fix: drop them, or drop `fileSystem`.');
      }
      this.fileSystem = props.fileSystem;
      return;
    }

    const backupChoice = props.backup ?? EfsBackup.automatic();
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: this.environment.vpc,
      description: `EFS mount targets of ${this.node.path}`,
      allowAllOutbound: false,
    });
    const fileSystem = new efs.FileSystem(this, 'FileSystem', {
      vpc: this.environment.vpc,
      vpcSubnets: { ...this.environment.taskSubnets, onePerAz: true },
      securityGroup: this.securityGroup,
      encrypted: true,
      kmsKey: props.encryptionKey ?? this.environment.key,
      enableAutomaticBackups: backupChoice._plan === undefined,
      lifecyclePolicy: props.lifecyclePolicy ?? defaults.DEFAULT_EFS_LIFECYCLE_POLICY,
      outOfInfrequentAccessPolicy: props.outOfInfrequentAccessPolicy ?? defaults.DEFAULT_EFS_OUT_OF_IA_POLICY,
      throughputMode: props.throughputMode ?? defaults.DEFAULT_EFS_THROUGHPUT_MODE,
      fileSystemName: props.fileSystemName,
      removalPolicy: props.removalPolicy ?? this.environment.removalPolicy,
      // Anonymous access is refused because the policy below allows only named task roles. `true` here only
      // keeps aws-cdk-lib from adding its own statement, which grants every principal ClientWrite and
      // ClientRootAccess but not ClientMount (aws-cdk issues 33669 and 36224).
      allowAnonymousAccess: true,
    });
    fileSystem.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyWithoutTls',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['*'],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    this.createdFileSystem = fileSystem;
    this.fileSystem = fileSystem;

    if (backupChoice._plan) {
      this.backupSelection = new backup.BackupSelection(this, 'BackupSelection', {
        backupPlan: backupChoice._plan,
        resources: [backup.BackupResource.fromEfsFileSystem(fileSystem)],
      });
      acknowledge(fileSystem, ACKNOWLEDGEMENTS.efsBackupPlanOnly);
    } else {
      acknowledge(fileSystem, ACKNOWLEDGEMENTS.efsAutomaticBackups);
    }
  }

  /** The access points made for the workloads that mount the volume, one per mount. */
  public get accessPoints(): efs.AccessPoint[] {
    return [...this._accessPoints];
  }

  /**
   * Wires one mount: the access point, the task definition volume (TLS, IAM), the mount point, TCP 2049
   * from the workload and the task role's grant. Returns the access point.
   * @internal
   */
  public _mount(target: EfsMountTarget, options: EfsMountOptions): efs.AccessPoint {
    const where = `${target.scope.node.path}: addVolume(${this.node.path})`;
    if (target.environment.vpc !== this.environment.vpc) {
      throw propsError(target.scope, 'EfsVolumeOtherVpc', `${where}: the workload's VPC is not the volume's, so its tasks cannot reach the mount targets. ` +
        'Fix: create the EfsVolume with the workload\'s environment.');
    }
    const name = options.volumeName ?? this.node.id;
    if (!Token.isUnresolved(name) && !VOLUME_NAME.test(name)) {
      throw propsError(target.scope, 'InvalidVolumeName', `${where}: the volume name '${name}' is not valid in a task definition (letters, digits, '-' and '_', ` +
        'at most 255). Fix: set `volumeName`.');
    }
    checkAbsolute(target.scope, where, 'containerPath', options.containerPath);
    const rootDirectory = options.rootDirectory ?? defaults.DEFAULT_EFS_ROOT_DIRECTORY;
    checkAbsolute(target.scope, where, 'rootDirectory', rootDirectory);
    const posixUser = options.posixUser ?? posixUserOf(target.scope, where, target.user);
    const ids: Array<[string, number]> = [['uid', posixUser.uid], ['gid', posixUser.gid], ...(posixUser.secondaryGids ?? []).map(g => ['secondaryGids', g] as [string, number])];
    for (const [what, id] of ids) {
      if (!Token.isUnresolved(id) && (!Number.isInteger(id) || id < 0 || id > MAX_POSIX_ID)) {
        throw propsError(target.scope, 'InvalidPosixUser', `${where}: \`posixUser.${what}\` must be a whole number from 0 to ${MAX_POSIX_ID}, got ${id}.`);
      }
    }

    const accessPoint = new efs.AccessPoint(target.scope, `${name}AccessPoint`, {
      fileSystem: this.fileSystem,
      path: rootDirectory,
      posixUser: {
        uid: String(posixUser.uid),
        gid: String(posixUser.gid),
        secondaryGids: posixUser.secondaryGids?.map(String),
      },
      createAcl: {
        ownerUid: String(posixUser.uid),
        ownerGid: String(posixUser.gid),
        permissions: options.rootDirectoryPermissions ?? defaults.DEFAULT_EFS_DIRECTORY_PERMISSIONS,
      },
    });
    this._accessPoints.push(accessPoint);

    target.taskDefinition.addVolume({
      name,
      efsVolumeConfiguration: {
        fileSystemId: this.fileSystem.fileSystemId,
        transitEncryption: 'ENABLED',
        authorizationConfig: { accessPointId: accessPoint.accessPointId, iam: 'ENABLED' },
      },
    });
    (options.container ?? target.container).addMountPoints({
      sourceVolume: name,
      containerPath: options.containerPath,
      readOnly: options.readOnly ?? false,
    });

    // As a remote rule: with the workload in another stack, the rule lives there, so the volume's stack does
    // not come to depend on the workload's.
    for (const sg of this.fileSystem.connections.securityGroups) {
      sg.addIngressRule(target.securityGroup, ec2.Port.tcp(NFS_PORT), `NFS from ${target.scope.node.path}`, true);
    }
    // Tasks started before the mount targets exist fail to mount.
    target.launcher.node.addDependency(this.fileSystem.mountTargetsAvailable);
    this.grantMount(target.taskDefinition.taskRole, accessPoint, options);
    return accessPoint;
  }

  /**
   * ClientMount, ClientWrite unless read-only, ClientRootAccess only if asked, through a mount target only:
   * in the file-system policy of a file system created in the role's stack; otherwise (imported, or another
   * stack, which would make the stacks depend on each other) in the role's policy, there also limited to
   * this access point. In one account, either policy is enough.
   */
  private grantMount(role: iam.IRole, accessPoint: efs.AccessPoint, options: EfsMountOptions): void {
    const actions = [
      EFS_CLIENT_ACTIONS.MOUNT,
      ...options.readOnly ? [] : [EFS_CLIENT_ACTIONS.WRITE],
      ...options.rootAccess ? [EFS_CLIENT_ACTIONS.ROOT_ACCESS] : [],
    ];
    const viaMountTarget = { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } };
    if (this.createdFileSystem && Stack.of(this.createdFileSystem) === Stack.of(role)) {
      // The file-system policy cannot name the access point: the access point refers to the file system,
      // so the reference back would be a circular dependency in CloudFormation.
      this.createdFileSystem.addToResourcePolicy(new iam.PolicyStatement({
        sid: `Mount${Names.uniqueId(accessPoint).replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 100),
        principals: [role],
        actions,
        resources: ['*'],
        conditions: viaMountTarget,
      }));
    } else {
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions,
        resources: [this.fileSystem.fileSystemArn],
        conditions: { ...viaMountTarget, StringEquals: { 'elasticfilesystem:AccessPointArn': accessPoint.accessPointArn } },
      }));
    }
  }
}

function checkAbsolute(scope: IConstruct, where: string, property: string, path: string): void {
  if (!Token.isUnresolved(path) && !path.startsWith('/')) {
    throw propsError(scope, 'PathNotAbsolute', `${where}: \`${property}\` must be an absolute path, got '${path}'. Fix: start it with '/'.`);
  }
}

/** The access point's POSIX user from a numeric container user `uid:gid`. */
function posixUserOf(scope: IConstruct, where: string, user: string | undefined): EfsPosixUser {
  const m = user === undefined || Token.isUnresolved(user) ? null : /^(\d+):(\d+)$/.exec(user);
  if (!m) {
    throw propsError(scope, 'PosixUserUnknown', `${where}: \`posixUser\` is not set and the container user (${user === undefined ? 'unset' : `'${user}'`}) ` +
      'is not a numeric uid:gid, so the owner of the files cannot be derived. Fix: set `posixUser: { uid, gid }`.');
  }
  return { uid: Number(m[1]), gid: Number(m[2]) };
}
