import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import { FargateWorkload } from '../../src';
import { complianceApp, complianceFindings } from '../compliance/compliance';
import { environmentStack, IMAGE } from '../workload/fixtures';

const logicalId = (stack: Stack, c: { node: any }) => stack.getLogicalId(c.node.defaultChild);

describe('a per-task EBS volume', () => {
  const { stack, env } = environmentStack();
  const w = new FargateWorkload(stack, 'W', { environment: env, image: IMAGE });
  const volume = w.addEbsVolume({ containerPath: '/scratch', sizeGiB: 500, iops: 6000, throughputMiBps: 250, fileSystemType: ecs.FileSystemType.EXT4 });
  const template = Template.fromStack(stack);
  const role = logicalId(stack, volume.role);

  test('the task definition has one volume configured at launch, mounted in the main container', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Volumes: [{ Name: 'ebs', ConfiguredAtLaunch: true }],
      ContainerDefinitions: [Match.objectLike({ MountPoints: [{ SourceVolume: 'ebs', ContainerPath: '/scratch', ReadOnly: false }] })],
    });
    expect(w.ebsVolume).toBe(volume);
  });

  test('the service configures it: gp3, size, IOPS, throughput, file system, encrypted with the environment key', () => {
    template.hasResource('AWS::ECS::Service', {
      Properties: Match.objectLike({
        VolumeConfigurations: [{
          Name: 'ebs',
          ManagedEBSVolume: {
            Encrypted: true,
            KmsKeyId: { Ref: logicalId(stack, env.key) },
            RoleArn: { 'Fn::GetAtt': [role, 'Arn'] },
            SizeInGiB: 500,
            VolumeType: 'gp3',
            Iops: 6000,
            Throughput: 250,
            FilesystemType: 'ext4',
          },
        }],
      }),
      DependsOn: Match.arrayWith([role]),
    });
  });

  test('the infrastructure role: trusted by ECS, no AWS managed policy, volumes of this cluster only', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'ecs.amazonaws.com' } })] },
      ManagedPolicyArns: Match.absent(),
    });
    const policy = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
      .find((p: any) => p.Properties.Roles[0].Ref === role) as any;
    const statements = Object.fromEntries(policy.Properties.PolicyDocument.Statement.map((s: any) => [s.Sid, s]));
    expect(Object.keys(statements)).toEqual([
      'CreateEBSManagedVolume', 'TagOnCreateVolume', 'DescribeForLifecycle', 'ManageEBSVolumeLifecycle',
      'ManageVolumeAttachments', 'DeleteEBSManagedVolume', 'EncryptVolumes', 'GrantForVolumes',
    ]);
    expect(statements.CreateEBSManagedVolume).toEqual(expect.objectContaining({
      Action: 'ec2:CreateVolume',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:eu-west-1:111111111111:volume/*']] },
      Condition: {
        ArnLike: {
          'aws:RequestTag/AmazonECSCreated': {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecs:eu-west-1:111111111111:task/', { Ref: logicalId(stack, env.cluster) }, '/*']],
          },
        },
        StringEquals: { 'aws:RequestTag/AmazonECSManaged': 'true' },
      },
    }));
    expect(statements.DeleteEBSManagedVolume.Condition.StringEquals).toEqual({ 'aws:ResourceTag/AmazonECSManaged': 'true' });
    expect(statements.GrantForVolumes).toEqual(expect.objectContaining({
      Action: 'kms:CreateGrant',
      Resource: { 'Fn::GetAtt': [logicalId(stack, env.key), 'Arn'] },
      Condition: expect.objectContaining({ Bool: { 'kms:GrantIsForAWSResource': 'true' } }),
    }));
    expect(JSON.stringify(policy)).not.toContain('snapshot');
  });
});

describe('options', () => {
  test('a snapshot source adds CreateVolume on that snapshot only; a given key and volume type are used', () => {
    const { stack, env } = environmentStack();
    const key = new kms.Key(stack, 'DataKey', { enableKeyRotation: true });
    const w = new FargateWorkload(stack, 'W', { environment: env, image: IMAGE });
    w.addEbsVolume({ containerPath: '/data', snapshotId: 'snap-0123456789abcdef0', encryptionKey: key, volumeType: ec2.EbsDeviceVolumeType.IO2, iops: 1000, readOnly: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Service', {
      VolumeConfigurations: [{ Name: 'ebs', ManagedEBSVolume: Match.objectLike({ SnapshotId: 'snap-0123456789abcdef0', VolumeType: 'io2', KmsKeyId: { Ref: logicalId(stack, key) } }) }],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'CreateEBSManagedVolumeFromSnapshot',
          Effect: 'Allow',
          Action: 'ec2:CreateVolume',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:eu-west-1::snapshot/snap-0123456789abcdef0']] },
        }]),
      },
    });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ MountPoints: [{ SourceVolume: 'ebs', ContainerPath: '/data', ReadOnly: true }] })],
    });
  });
});

describe('rejected', () => {
  test('a second EBS volume, with the rule ID and the fix', () => {
    const { stack, env } = environmentStack();
    const w = new FargateWorkload(stack, 'W', { environment: env, image: IMAGE });
    w.addEbsVolume({ containerPath: '/a', sizeGiB: 10 });
    expect(() => w.addEbsVolume({ containerPath: '/b', sizeGiB: 10, volumeName: 'b' }))
      .toThrow(/S\/W: addEbsVolume: \[Fargate-EB1\].*already has 1 volume configured at launch.*Fix: Keep one configuredAtLaunch volume/s);
  });

  test('a second volume added through the escape hatch is caught too', () => {
    const { stack, env } = environmentStack();
    const w = new FargateWorkload(stack, 'W', { environment: env, image: IMAGE });
    w.taskDefinition.addVolume({ name: 'manual', configuredAtLaunch: true });
    expect(() => w.addEbsVolume({ containerPath: '/b', sizeGiB: 10 })).toThrow(/\[Fargate-EB1\].*\["manual"\]/s);
  });

  test.each([
    ['neither size nor snapshot', { containerPath: '/a' }, /'size' or 'snapShotId' must be specified/],
    ['IOPS on gp2', { containerPath: '/a', sizeGiB: 10, volumeType: ec2.EbsDeviceVolumeType.GP2, iops: 3000 }, /'iops' cannot be specified/],
    ['a gp3 volume of 70,000 GiB', { containerPath: '/a', sizeGiB: 70000 }, /'gp3' volumes must have a size between 1 and 65536 GiB, got 70000/],
  ])('%s (aws-cdk-lib\'s own validation, with the construct path)', (_name, options, message) => {
    const { stack, env } = environmentStack();
    const w = new FargateWorkload(stack, 'W', { environment: env, image: IMAGE });
    expect(() => w.addEbsVolume(options as any)).toThrow(message);
  });
});

describe('compliance', () => {
  test('an EBS workload has no unacknowledged findings', () => {
    const app = complianceApp();
    const { stack, env } = environmentStack('S', app);
    new FargateWorkload(stack, 'W', { environment: env, image: IMAGE }).addEbsVolume({ containerPath: '/scratch', sizeGiB: 500 });
    expect(complianceFindings(app)).toEqual([]);
  });
});
