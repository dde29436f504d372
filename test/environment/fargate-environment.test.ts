import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import { EnvironmentEgress, FargateEnvironment } from '../../src';

const ENV = { account: '111111111111', region: 'eu-west-1' };

describe('FargateEnvironment with defaults', () => {
  // GIVEN one environment with no props, synthesized once for every assertion below
  const app = new App();
  const stack = new Stack(app, 'S', { env: ENV });
  const env = new FargateEnvironment(stack, 'Env');
  const template = Template.fromStack(stack);

  test('creates a VPC in two AZs with NAT, flow logs to an encrypted log group, and a closed default security group', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.hasResourceProperties('AWS::EC2::FlowLog', { LogDestinationType: 'cloud-watch-logs', TrafficType: 'ALL' });
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
    template.allResourcesProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue(), RetentionInDays: 365 });
    expect(env.egress).toBe(EnvironmentEgress.NAT);
    expect(env.flowLog).toBeDefined();
  });

  test('no subnet assigns public IPs on launch', () => {
    const subnets = template.findResources('AWS::EC2::Subnet');
    expect(Object.values(subnets).map((s: any) => s.Properties.MapPublicIpOnLaunch)).toEqual([false, false, false, false]);
  });

  test('the cluster has enhanced Container Insights, both Fargate capacity providers and the ephemeral-storage key', () => {
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enhanced' }],
      Configuration: { ManagedStorageConfiguration: { FargateEphemeralStorageKmsKeyId: { Ref: Match.stringLikeRegexp('^EnvKey') } } },
    });
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
      CapacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    });
  });

  test('the key rotates, is retained, and lets only AWS services create grants', () => {
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([{
            Effect: 'Deny',
            Action: 'kms:CreateGrant',
            Principal: { AWS: '*' },
            Resource: '*',
            Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
          }]),
        },
      },
    });
  });

  test('the flow-log role keeps its permissions in a managed policy, not an inline one', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^EnvFlowLogRole') }],
    });
  });

  test('ECS Exec logging is off until a workload asks for it, then set up once', () => {
    expect(env.execLogGroup).toBeUndefined();
    template.hasResourceProperties('AWS::ECS::Cluster', { Configuration: Match.not(Match.objectLike({ ExecuteCommandConfiguration: Match.anyValue() })) });

    const app2 = new App();
    const stack2 = new Stack(app2, 'S', { env: ENV });
    const env2 = new FargateEnvironment(stack2, 'Env');
    const first = env2.enableExecLogging();
    expect(env2.enableExecLogging()).toBe(first);
    expect(env2.execLogGroup).toBe(first);
    Template.fromStack(stack2).hasResourceProperties('AWS::ECS::Cluster', {
      Configuration: {
        ExecuteCommandConfiguration: {
          KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EnvKey'), 'Arn'] },
          Logging: 'OVERRIDE',
          LogConfiguration: { CloudWatchLogGroupName: { Ref: Match.stringLikeRegexp('^EnvExecSessions') }, CloudWatchEncryptionEnabled: true },
        },
      },
    });
  });
});

describe('FargateEnvironment options', () => {
  test('ISOLATED egress: no NAT gateway, no internet gateway, isolated task subnets', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const env = new FargateEnvironment(stack, 'Env', { egress: EnvironmentEgress.ISOLATED, maxAzs: 3, vpcCidr: '10.20.0.0/16' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::Subnet', 3);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    expect(env.taskSubnets).toEqual({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
    expect(env.vpcCidr).toBe('10.20.0.0/16');
  });

  test('an existing VPC, key and Container Insights setting are used as given', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const vpc = new ec2.Vpc(stack, 'Mine', { maxAzs: 2, natGateways: 1 });
    const key = new kms.Key(stack, 'MyKey');
    const env = new FargateEnvironment(stack, 'Env', { vpc, key, containerInsights: ecs.ContainerInsights.ENABLED, clusterName: 'prod' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.resourceCountIs('AWS::EC2::FlowLog', 0);
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterName: 'prod',
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
    expect(env.vpc).toBe(vpc);
    expect(env.key).toBe(key);
    expect(env.taskSubnets).toEqual({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
    expect(env.flowLog).toBeUndefined();
  });

  test('natGateways with ISOLATED egress is refused, naming both props', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    expect(() => new FargateEnvironment(stack, 'Env', { egress: EnvironmentEgress.ISOLATED, natGateways: 1 }))
      .toThrow(/S\/Env: `natGateways` is 1 but `egress` is ISOLATED.*Fix: drop `natGateways`/);
  });

  test.each([0, 1.5, -2])('maxAzs %p is refused', (maxAzs) => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    expect(() => new FargateEnvironment(stack, 'Env', { maxAzs })).toThrow(new RegExp(`\`maxAzs\` must be a whole number of at least 1, got ${maxAzs}`));
  });
});
