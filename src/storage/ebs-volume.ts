import { Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledge, ebsInfrastructureRoleAcknowledgements } from '../acknowledgements';
import * as defaults from '../defaults';
import { ManagedPolicyRole } from '../iam/managed-policy-role';

/**
 * A per-task EBS volume (`FargateWorkload.addEbsVolume`): ECS creates one for each task, attaches it, and
 * deletes it when the task stops. Fargate attaches one per task (rule `Fargate-EB1`).
 */
export interface EbsVolumeOptions {
  /** Where the volume appears in the container, an absolute path. */
  readonly containerPath: string;

  /**
   * The size in GiB, within the volume type's range (gp3: 1 to 65,536).
   * @default - the snapshot's size; one of `sizeGiB` and `snapshotId` is required
   */
  readonly sizeGiB?: number;

  /**
   * The volume type.
   * @default ec2.EbsDeviceVolumeType.GP3
   */
  readonly volumeType?: ec2.EbsDeviceVolumeType;

  /**
   * Provisioned IOPS: gp3 (3,000 to 80,000), io1 and io2 (required). Not for gp2, st1, sc1 or standard.
   * @default - the type's baseline (3,000 for gp3)
   */
  readonly iops?: number;

  /**
   * Throughput in MiB/s, gp3 only (at most 2,000).
   * @default - 125 MiB/s for gp3
   */
  readonly throughputMiBps?: number;

  /**
   * The key the volume is encrypted with. Encryption is always on.
   * @default - the environment's key
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * A snapshot to create each task's volume from (`snap-…`).
   * @default - an empty volume
   */
  readonly snapshotId?: string;

  /**
   * The file system ECS formats the volume with. A volume from a snapshot must use the snapshot's.
   * @default - xfs (the ECS default)
   */
  readonly fileSystemType?: ecs.FileSystemType;

  /**
   * Mount read-only (useful with a snapshot).
   * @default false
   */
  readonly readOnly?: boolean;

  /**
   * The container to mount into.
   * @default - the workload's main container
   */
  readonly container?: ecs.ContainerDefinition;

  /**
   * The volume's name in the task definition.
   * @default 'ebs'
   */
  readonly volumeName?: string;
}

/**
 * The ECS infrastructure role for the volumes of one service, with the statements of the AWS managed
 * `AmazonECSInfrastructureRolePolicyForVolumes` narrowed to this stack's Region and account, the cluster's
 * tasks, the given snapshot, and the volume's key.
 * @internal
 */
export function ebsInfrastructureRole(scope: Construct, id: string, clusterName: string, options: EbsVolumeOptions, key: kms.IKey): iam.Role {
  const stack = Stack.of(scope);
  const arn = (service: string, account: string, resource: string) => `arn:${stack.partition}:${service}:${stack.region}:${account}:${resource}`;
  const volumes = arn('ec2', stack.account, 'volume/*');
  const clusterTasks = arn('ecs', stack.account, `task/${clusterName}/*`);
  const createdByTask = { 'aws:RequestTag/AmazonECSCreated': clusterTasks };
  const role = new ManagedPolicyRole(scope, id, { assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com') });
  const statements = [
    new iam.PolicyStatement({
      sid: 'CreateEBSManagedVolume',
      actions: ['ec2:CreateVolume'],
      resources: [volumes],
      conditions: { ArnLike: createdByTask, StringEquals: { 'aws:RequestTag/AmazonECSManaged': 'true' } },
    }),
    new iam.PolicyStatement({
      sid: 'TagOnCreateVolume',
      actions: ['ec2:CreateTags'],
      resources: [volumes],
      conditions: { ArnLike: createdByTask, StringEquals: { 'ec2:CreateAction': 'CreateVolume', 'aws:RequestTag/AmazonECSManaged': 'true' } },
    }),
    // No resource-level permissions for these (Service Authorization Reference).
    new iam.PolicyStatement({
      sid: 'DescribeForLifecycle',
      actions: ['ec2:DescribeVolumes', 'ec2:DescribeAvailabilityZones', 'ec2:DescribeInstances'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'ManageEBSVolumeLifecycle',
      actions: ['ec2:AttachVolume', 'ec2:DetachVolume'],
      resources: [volumes],
      conditions: { StringEquals: { 'aws:ResourceTag/AmazonECSManaged': 'true' } },
    }),
    // Fargate attaches the volume to a host AWS owns, so the instance's account is not this one.
    new iam.PolicyStatement({
      sid: 'ManageVolumeAttachments',
      actions: ['ec2:AttachVolume', 'ec2:DetachVolume'],
      resources: [arn('ec2', '*', 'instance/*')],
    }),
    new iam.PolicyStatement({
      sid: 'DeleteEBSManagedVolume',
      actions: ['ec2:DeleteVolume'],
      resources: [volumes],
      conditions: {
        ArnLike: { 'aws:ResourceTag/AmazonECSCreated': clusterTasks },
        StringEquals: { 'aws:ResourceTag/AmazonECSManaged': 'true' },
      },
    }),
    // EBS encryption with a customer-managed key, through EC2 only (EBS encryption requirements).
    new iam.PolicyStatement({
      sid: 'EncryptVolumes',
      actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `ec2.${stack.region}.${stack.urlSuffix}` } },
    }),
    new iam.PolicyStatement({
      sid: 'GrantForVolumes',
      actions: ['kms:CreateGrant'],
      resources: [key.keyArn],
      conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' }, StringEquals: { 'kms:ViaService': `ec2.${stack.region}.${stack.urlSuffix}` } },
    }),
  ];
  if (options.snapshotId !== undefined) {
    statements.push(new iam.PolicyStatement({
      sid: 'CreateEBSManagedVolumeFromSnapshot',
      actions: ['ec2:CreateVolume'],
      resources: [arn('ec2', '', `snapshot/${options.snapshotId}`)],
    }));
  }
  for (const s of statements) role.addToPrincipalPolicy(s);
  acknowledge(role, ebsInfrastructureRoleAcknowledgements(role));
  return role;
}

/**
 * The `ServiceManagedVolume` for the options, encrypted, with the least-privilege infrastructure role.
 * @internal
 */
export function serviceManagedVolume(
  scope: Construct, clusterName: string, options: EbsVolumeOptions, defaultKey: kms.IKey,
): ecs.ServiceManagedVolume {
  const key = options.encryptionKey ?? defaultKey;
  const role = ebsInfrastructureRole(scope, 'EbsInfrastructureRole', clusterName, options, key);
  return new ecs.ServiceManagedVolume(scope, 'EbsVolume', {
    name: options.volumeName ?? defaults.DEFAULT_EBS_VOLUME_NAME,
    managedEBSVolume: {
      role,
      encrypted: true,
      kmsKeyId: key,
      volumeType: options.volumeType ?? defaults.DEFAULT_EBS_VOLUME_TYPE,
      size: options.sizeGiB === undefined ? undefined : Size.gibibytes(options.sizeGiB),
      snapShotId: options.snapshotId,
      iops: options.iops,
      throughput: options.throughputMiBps,
      fileSystemType: options.fileSystemType,
    },
  });
}
