import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  CapacityStrategy, FargateEnvironment, FargatePlatformChecks, FargateWorkload, WorkloadLoadBalancer,
} from '../../src';
import { ENV, IMAGE } from '../workload/fixtures';

/** Every finding of our checks in a stack, errors and warnings. */
function fargateFindings(stack: Stack): string[] {
  const a = Annotations.fromStack(stack);
  return [...a.findError('*', Match.anyValue()), ...a.findWarning('*', Match.stringLikeRegexp('Fargate-'))].map(m => `${m.id} ${m.entry.data}`);
}

describe('an environment over a platform team\'s existing cluster', () => {
  // GIVEN the platform team's stack with a cluster, and an app team's stack that runs in it
  const app = new App();
  const platform = new Stack(app, 'Platform', { env: ENV });
  const vpc = new ec2.Vpc(platform, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const shared = new ecs.Cluster(platform, 'Shared', { vpc, enableFargateCapacityProviders: true, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
  const team = new Stack(app, 'Team', { env: ENV });
  const env = new FargateEnvironment(team, 'Env', { cluster: shared });
  const api = new FargateWorkload(team, 'Api', {
    environment: env,
    image: IMAGE,
    capacity: CapacityStrategy.mixed({ onDemandBase: 1 }),
    loadBalancer: WorkloadLoadBalancer.http(),
    enableExec: true,
  });
  Aspects.of(app).add(new FargatePlatformChecks());
  const template = Template.fromStack(team);

  test('the workload runs in the existing cluster and VPC, with 0 findings from the checks', () => {
    expect(env.cluster).toBe(shared);
    expect(env.vpc).toBe(vpc);
    expect(env.ownsCluster).toBe(false);
    template.resourceCountIs('AWS::ECS::Cluster', 0);
    template.resourceCountIs('AWS::EC2::VPC', 0);
    template.hasResourceProperties('AWS::ECS::Service', { Cluster: { 'Fn::ImportValue': Match.stringLikeRegexp('Shared') } });
    expect(fargateFindings(team)).toEqual([]);
    expect(fargateFindings(platform)).toEqual([]);
  });

  test('what the environment cannot set or see on the cluster is stated, not guessed', () => {
    Annotations.fromStack(team).hasInfo('/Team/Env', Match.stringLikeRegexp('FARGATE and FARGATE_SPOT capacity providers must be associated'));
    Annotations.fromStack(team).hasInfo('/Team/Api', Match.stringLikeRegexp('ECS Exec in the existing cluster'));
    // Exec: the channels only; session logging is the cluster's.
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^ApiTaskRole') }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: Match.arrayWith(['ssmmessages:CreateControlChannel']) })] },
    });
    expect(api.service.cluster).toBe(shared);
  });

  test('cluster settings are refused with an existing cluster, and so is another VPC', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const cluster = ecs.Cluster.fromClusterAttributes(stack, 'C', { clusterName: 'shared', vpc: ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a'] }) });
    expect(() => new FargateEnvironment(stack, 'Insights', { cluster, containerInsights: ecs.ContainerInsights.ENABLED }))
      .toThrow(/S\/Insights: `containerInsights` is a setting of the cluster, and `cluster` is an existing one/);
    const other = ec2.Vpc.fromVpcAttributes(stack, 'Other', { vpcId: 'vpc-2', availabilityZones: ['eu-west-1a'] });
    expect(() => new FargateEnvironment(stack, 'OtherVpc', { cluster, vpc: other })).toThrow(/`vpc` \(S\/Other\) is not the VPC of the existing cluster \(S\/V\)/);
  });
});

describe('FargateEnvironment.fromEnvironmentAttributes: an environment from another app', () => {
  const app = new App();
  const stack = new Stack(app, 'Consumer', { env: ENV });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123', availabilityZones: ['eu-west-1a', 'eu-west-1b'], isolatedSubnetIds: ['subnet-a', 'subnet-b'], vpcCidrBlock: '10.0.0.0/16',
  });
  const env = FargateEnvironment.fromEnvironmentAttributes(stack, 'Env', {
    vpc,
    clusterName: 'platform-shared',
    key: kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/0000-1111'),
    endpointClientSecurityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Endpoints', 'sg-endpoints'),
  });
  new FargateWorkload(stack, 'Worker', { environment: env, image: IMAGE });
  Aspects.of(app).add(new FargatePlatformChecks());
  const template = Template.fromStack(stack);

  test('nothing of the environment is created; the tasks join the endpoints\' client group in the isolated subnets', () => {
    for (const type of ['AWS::ECS::Cluster', 'AWS::EC2::VPC', 'AWS::KMS::Key', 'AWS::EC2::VPCEndpoint']) template.resourceCountIs(type, 0);
    template.hasResourceProperties('AWS::ECS::Service', {
      Cluster: 'platform-shared',
      NetworkConfiguration: {
        AwsvpcConfiguration: Match.objectLike({
          Subnets: ['subnet-a', 'subnet-b'],
          SecurityGroups: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkerSecurityGroup'), 'GroupId'] }, 'sg-endpoints'],
        }),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/0000-1111' });
    expect(fargateFindings(stack)).toEqual([]);
  });
});
