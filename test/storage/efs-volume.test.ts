import { App, RemovalPolicy, Stack, Stage, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import { EfsBackup, EfsVolume, FargateEnvironment, FargateWorkload, WorkloadRuntime } from '../../src';
import { complianceApp, complianceFindings } from '../compliance/compliance';
import { ENV, environmentStack, IMAGE } from '../workload/fixtures';

const MOUNT = 'elasticfilesystem:ClientMount';
const WRITE = 'elasticfilesystem:ClientWrite';
const ROOT = 'elasticfilesystem:ClientRootAccess';

/** A volume shared by a writer and a read-only reader: built once, asserted many times. */
function sharedVolume(app: App | Stage = new App()) {
  const { stack, env } = environmentStack('S', app);
  const volume = new EfsVolume(stack, 'Data', { environment: env });
  const writer = new FargateWorkload(stack, 'Writer', { environment: env, image: IMAGE });
  const writerAccessPoint = writer.addVolume(volume, { containerPath: '/var/lib/app' });
  const reader = new FargateWorkload(stack, 'Reader', { environment: env, image: IMAGE });
  reader.addVolume(volume, { containerPath: '/srv/data', readOnly: true });
  return { stack, env, volume, writer, reader, writerAccessPoint };
}

const logicalId = (stack: Stack, c: { node: any }) => stack.getLogicalId(c.node.defaultChild);

describe('EfsVolume shared by a writer and a reader', () => {
  const { stack, volume, writer, reader, writerAccessPoint } = sharedVolume();
  const template = Template.fromStack(stack);
  const writerRole = logicalId(stack, writer.taskDefinition.taskRole);
  const readerRole = logicalId(stack, reader.taskDefinition.taskRole);

  test('the file system is encrypted with the environment key, backed up, tiered, elastic and retained', () => {
    template.hasResource('AWS::EFS::FileSystem', {
      Properties: Match.objectLike({
        Encrypted: true,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EnvKey'), 'Arn'] },
        BackupPolicy: { Status: 'ENABLED' },
        LifecyclePolicies: [{ TransitionToIA: 'AFTER_30_DAYS' }, { TransitionToPrimaryStorageClass: 'AFTER_1_ACCESS' }],
        ThroughputMode: 'elastic',
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('the file-system policy: a TLS deny and one grant per workload, ClientWrite only for the writer, no anonymous access', () => {
    const policy = Object.values(template.findResources('AWS::EFS::FileSystem'))[0].Properties.FileSystemPolicy;
    expect(policy.Statement).toEqual([
      {
        Sid: 'DenyWithoutTls',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: Match.anyValue(),
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::GetAtt': [writerRole, 'Arn'] } },
        Action: [MOUNT, WRITE],
        Resource: '*',
        Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
      },
      {
        Sid: Match.anyValue(),
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::GetAtt': [readerRole, 'Arn'] } },
        Action: MOUNT,
        Resource: '*',
        Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
      },
    ].map(s => expect.objectContaining({ ...s, Sid: expect.any(String) })));
    const allows = policy.Statement.filter((s: any) => s.Effect === 'Allow');
    expect(allows.some((s: any) => s.Principal.AWS === '*')).toBe(false);
    expect(JSON.stringify(allows)).not.toContain(ROOT);
  });

  test('each workload gets its own access point: root directory, POSIX user and creation ACL from the container user', () => {
    expect(volume.accessPoints).toHaveLength(2);
    template.resourceCountIs('AWS::EFS::AccessPoint', 2);
    template.hasResourceProperties('AWS::EFS::AccessPoint', {
      FileSystemId: { Ref: logicalId(stack, volume.createdFileSystem!) },
      PosixUser: { Uid: '1000', Gid: '1000' },
      RootDirectory: { Path: '/data', CreationInfo: { OwnerUid: '1000', OwnerGid: '1000', Permissions: '750' } },
    });
  });

  test('the task definition volume uses TLS, IAM and the access point; the mount point follows readOnly', () => {
    const td = template.findResources('AWS::ECS::TaskDefinition');
    const writerTd = td[logicalId(stack, writer.taskDefinition)].Properties;
    expect(writerTd.Volumes).toEqual([{
      Name: 'Data',
      EFSVolumeConfiguration: {
        FilesystemId: { Ref: logicalId(stack, volume.createdFileSystem!) },
        TransitEncryption: 'ENABLED',
        AuthorizationConfig: { AccessPointId: { Ref: logicalId(stack, writerAccessPoint) }, IAM: 'ENABLED' },
      },
    }]);
    expect(writerTd.ContainerDefinitions[0].MountPoints).toEqual([{ SourceVolume: 'Data', ContainerPath: '/var/lib/app', ReadOnly: false }]);
    const readerTd = td[logicalId(stack, reader.taskDefinition)].Properties;
    expect(readerTd.ContainerDefinitions[0].MountPoints).toEqual([{ SourceVolume: 'Data', ContainerPath: '/srv/data', ReadOnly: true }]);
  });

  test('NFS is opened from each workload security group only, never from the VPC CIDR', () => {
    const sg = logicalId(stack, volume.securityGroup!);
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))
      .map((r: any) => r.Properties).filter((p: any) => p.GroupId['Fn::GetAtt']?.[0] === sg);
    expect(ingress).toEqual([writer, reader].map(w => expect.objectContaining({
      IpProtocol: 'tcp',
      FromPort: 2049,
      ToPort: 2049,
      SourceSecurityGroupId: { 'Fn::GetAtt': [logicalId(stack, w.securityGroup), 'GroupId'] },
    })));
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'EFS mount targets of S/Data',
      SecurityGroupIngress: Match.absent(),
    });
  });

  test('mount targets sit in the task subnets, one per AZ, and the services wait for them', () => {
    template.resourceCountIs('AWS::EFS::MountTarget', 2);
    template.allResourcesProperties('AWS::EFS::MountTarget', { SubnetId: { Ref: Match.stringLikeRegexp('TasksSubnet') } });
    const mountTargets = Object.keys(template.findResources('AWS::EFS::MountTarget'));
    const services = template.findResources('AWS::ECS::Service');
    for (const w of [writer, reader]) {
      expect(services[logicalId(stack, w.service)].DependsOn).toEqual(expect.arrayContaining(mountTargets));
    }
  });

  test('the library checks have nothing to say about it', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});

describe('mount options', () => {
  test('rootAccess adds ClientRootAccess; posixUser, rootDirectory, permissions and volumeName are honoured', () => {
    const { stack, env } = environmentStack();
    const volume = new EfsVolume(stack, 'Data', { environment: env });
    const w = new FargateWorkload(stack, 'W', { environment: env, image: IMAGE, user: 'app' });
    w.addVolume(volume, {
      containerPath: '/a',
      rootAccess: true,
      posixUser: { uid: 2000, gid: 3000, secondaryGids: [4000] },
      rootDirectory: '/shared/a',
      rootDirectoryPermissions: '700',
    });
    w.addVolume(volume, { containerPath: '/b', readOnly: true, volumeName: 'second', posixUser: { uid: 2000, gid: 3000 } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EFS::AccessPoint', {
      PosixUser: { Uid: '2000', Gid: '3000', SecondaryGids: ['4000'] },
      RootDirectory: { Path: '/shared/a', CreationInfo: { OwnerUid: '2000', OwnerGid: '3000', Permissions: '700' } },
    });
    const statements = Object.values(template.findResources('AWS::EFS::FileSystem'))[0].Properties.FileSystemPolicy.Statement;
    expect(statements.map((s: any) => s.Action)).toEqual(['*', [MOUNT, WRITE, ROOT], MOUNT]);
    expect(w.taskDefinition.node.defaultChild).toBeDefined();
    const volumes = Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0].Properties.Volumes.map((v: any) => v.Name);
    expect(volumes).toEqual(['Data', 'second']);
  });

  test('a volume in a Stage, mounted by a workload in another stack of the same app', () => {
    const app = new App();
    const stage = new Stage(app, 'Prod', { env: ENV });
    const storage = new Stack(stage, 'Storage');
    const env = new FargateEnvironment(storage, 'Env');
    const volume = new EfsVolume(storage, 'Data', { environment: env });
    const services = new Stack(stage, 'Services');
    const w = new FargateWorkload(services, 'W', { environment: env, image: IMAGE });
    w.addVolume(volume, { containerPath: '/data' });
    const assembly = stage.synth();
    // The storage stack does not depend on the services stack: the grant and the NFS rule live with the workload.
    expect(assembly.getStackByName('Prod-Storage').dependencies.map(d => d.id)).not.toContain(assembly.getStackByName('Prod-Services').id);
    expect(assembly.getStackByName('Prod-Services').dependencies.map(d => d.id)).toContain(assembly.getStackByName('Prod-Storage').id);
    const template = Template.fromStack(services);
    template.hasResourceProperties('AWS::EFS::AccessPoint', { RootDirectory: { Path: '/data' } });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 2049, ToPort: 2049 });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: [MOUNT, WRITE] })]) },
    });
    const policy = Template.fromStack(storage).toJSON().Resources;
    const fsPolicy = Object.values(policy).find((r: any) => r.Type === 'AWS::EFS::FileSystem') as any;
    expect(fsPolicy.Properties.FileSystemPolicy.Statement.map((st: any) => st.Sid)).toEqual(['DenyWithoutTls']);
  });
});

describe('an imported file system', () => {
  const { stack, env } = environmentStack();
  const sg = ec2.SecurityGroup.fromSecurityGroupId(stack, 'FsSg', 'sg-0123456789abcdef0', { allowAllOutbound: false });
  const fileSystem = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', { fileSystemId: 'fs-0123456789abcdef0', securityGroup: sg });
  const volume = new EfsVolume(stack, 'Shared', { environment: env, fileSystem });
  const w = new FargateWorkload(stack, 'W', { environment: env, image: IMAGE });
  const accessPoint = w.addVolume(volume, { containerPath: '/shared', readOnly: true });
  const template = Template.fromStack(stack);

  test('no file system, policy or backup is created; the access point and volume use the imported ID', () => {
    expect(volume.createdFileSystem).toBeUndefined();
    template.resourceCountIs('AWS::EFS::FileSystem', 0);
    template.hasResourceProperties('AWS::EFS::AccessPoint', { FileSystemId: 'fs-0123456789abcdef0' });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Volumes: [Match.objectLike({ EFSVolumeConfiguration: Match.objectLike({ FilesystemId: 'fs-0123456789abcdef0', TransitEncryption: 'ENABLED' }) })],
    });
  });

  test('the grant goes to the task role, limited to the access point', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: logicalId(stack, w.taskDefinition.taskRole) }],
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Action: MOUNT,
          Resource: Match.anyValue(),
          Condition: {
            Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' },
            StringEquals: { 'elasticfilesystem:AccessPointArn': Match.objectLike({ 'Fn::Join': Match.anyValue() }) },
          },
        }]),
      },
    });
    expect(accessPoint.accessPointId).toBeDefined();
  });

  test('2049 is opened on the imported security group from the workload', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: 'sg-0123456789abcdef0',
      FromPort: 2049,
      SourceSecurityGroupId: { 'Fn::GetAtt': [logicalId(stack, w.securityGroup), 'GroupId'] },
    });
  });

  test('settings of a created file system are refused with an imported one', () => {
    expect(() => new EfsVolume(stack, 'Bad', { environment: env, fileSystem, backup: EfsBackup.automatic(), removalPolicy: RemovalPolicy.DESTROY }))
      .toThrow(/S\/Bad: `backup`, `removalPolicy` describe a created file system, but `fileSystem` imports one/);
  });
});

describe('backups, keys and removal', () => {
  test('EfsBackup.plan adds a backup selection instead of automatic backups', () => {
    const { stack, env } = environmentStack();
    const plan = backup.BackupPlan.daily35DayRetention(stack, 'Plan');
    const volume = new EfsVolume(stack, 'Data', { environment: env, backup: EfsBackup.plan(plan), removalPolicy: RemovalPolicy.DESTROY });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::EFS::FileSystem', { Properties: Match.objectLike({ BackupPolicy: Match.absent() }), DeletionPolicy: 'Delete' });
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({ Resources: [Match.objectLike({ 'Fn::Join': Match.anyValue() })] }),
    });
    expect(volume.backupSelection).toBeDefined();
  });
});

describe('rejected mounts', () => {
  const build = () => {
    const { stack, env } = environmentStack();
    return { stack, env, volume: new EfsVolume(stack, 'Data', { environment: env }) };
  };

  test.each([
    ['a relative container path', {}, { containerPath: 'data' }, /S\/W: addVolume\(S\/Data\): `containerPath` must be an absolute path, got 'data'/],
    ['a relative root directory', {}, { containerPath: '/d', rootDirectory: 'data' }, /`rootDirectory` must be an absolute path/],
    ['a named user without posixUser', { user: 'nginx' }, { containerPath: '/d' }, /`posixUser` is not set and the container user \('nginx'\) is not a numeric uid:gid/],
    ['a negative uid', {}, { containerPath: '/d', posixUser: { uid: -1, gid: 0 } }, /`posixUser.uid` must be a whole number from 0 to 4294967295, got -1/],
    ['an invalid volume name', {}, { containerPath: '/d', volumeName: 'my data' }, /the volume name 'my data' is not valid/],
    ['Windows', { runtime: WorkloadRuntime.WINDOWS_SERVER_2022_CORE }, { containerPath: '/d' }, /S\/W: addVolume\(S\/Data\): \[Fargate-WN1\].*EFS volumes are not available on Windows/],
  ])('%s', (_name, workloadProps, options, message) => {
    const { stack, env, volume } = build();
    const w = new FargateWorkload(stack, 'W', { environment: env, image: IMAGE, ...workloadProps });
    expect(() => w.addVolume(volume, options as any)).toThrow(message);
  });

  test('a workload in another VPC', () => {
    const { stack, volume } = build();
    const other = new FargateEnvironment(stack, 'Other');
    const w = new FargateWorkload(stack, 'W', { environment: other, image: IMAGE });
    expect(() => w.addVolume(volume, { containerPath: '/d' })).toThrow(/the workload's VPC is not the volume's/);
  });

  test('a mount the rules refuse fails synthesis, with the rule, the path and the fix', () => {
    const { stack, env, volume } = build();
    // With the retired-version rule switched off, 1.3.0 is built; EFS then needs 1.4.0 (Fargate-PV3).
    const w = new FargateWorkload(stack, 'W', {
      environment: env, image: IMAGE, platformVersion: ecs.FargatePlatformVersion.VERSION1_3, checks: { disabledRules: ['Fargate-PV1'] },
    });
    expect(() => w.addVolume(volume, { containerPath: '/d' })).not.toThrow();
    expect(() => Template.fromStack(stack)).toThrow(/S\/W\/Service\/Service: \[Fargate-PV3\].*EFS volumes.*1\.4\.0/);
  });

  test('tokens are accepted where they cannot be judged', () => {
    const { stack, env, volume } = build();
    const w = new FargateWorkload(stack, 'W', { environment: env, image: IMAGE });
    expect(() => w.addVolume(volume, { containerPath: Token.asString({ Ref: 'Path' }), posixUser: { uid: Token.asNumber({ Ref: 'Uid' }), gid: 0 } }))
      .not.toThrow();
  });
});

describe('compliance', () => {
  test('a shared volume has no unacknowledged findings under AwsSolutions, NIST, HIPAA and Control Tower', () => {
    const app = complianceApp();
    sharedVolume(app);
    expect(complianceFindings(app)).toEqual([]);
  });
});
