import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventsTargets from 'aws-cdk-lib/aws-events-targets';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import { check, newStack } from './harness';
import { FargateEndpoint, PrivateLinkEndpoints } from '../../src';

/** A plain aws-cdk-lib Fargate service with an ECR image and awslogs, in the given VPC. */
function service(stack: Stack, vpc: ec2.IVpc, options: { exec?: boolean; subnets?: ec2.SubnetSelection } = {}): void {
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
  const td = new ecs.FargateTaskDefinition(stack, 'Td');
  td.addContainer('app', {
    image: ecs.ContainerImage.fromEcrRepository(new ecr.Repository(stack, 'Repo'), '1.0'),
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app' }),
  });
  new ecs.FargateService(stack, 'Svc', {
    cluster,
    taskDefinition: td,
    platformVersion: ecs.FargatePlatformVersion.VERSION1_4,
    enableExecuteCommand: options.exec,
    vpcSubnets: options.subnets,
  });
}

function isolatedVpc(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Tasks', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
}

const PL = (stack: Stack) => check(stack).filter(f => f.id.startsWith('Fargate-PL')).map(f => [f.id, f.level, /endpoint com\.amazonaws\.REGION\.(\S+),/.exec(f.message)?.[1]]);

describe('Fargate-PL1 / PL2 endpoint coverage', () => {
  test('Noncompliance: an isolated VPC with no endpoints misses ECR, S3 and logs; Exec draws a warning', () => {
    const stack = newStack();
    service(stack, isolatedVpc(stack), { exec: true });
    expect(PL(stack)).toEqual([
      ['Fargate-PL1', 'error', 'ecr.api'],
      ['Fargate-PL1', 'error', 'ecr.dkr'],
      ['Fargate-PL1', 'error', 's3'],
      ['Fargate-PL1', 'error', 'logs'],
      ['Fargate-PL2', 'warning', 'ssmmessages'],
    ]);
    const message = check(stack).find(f => f.id === 'Fargate-PL1')!.message;
    expect(message).toMatch(/^\[Fargate-PL1\] .*needed for an image in Amazon ECR .*`ContainerDefinitions\[0\]\.Image`.*ResourceInitializationError: unable to pull secrets or registry auth/);
    expect(message).toContain('Fix: Add the ecr.api VPC endpoint (PrivateLinkEndpoints.of(scope, vpc).add(FargateEndpoint.ECR_API))');
  });

  test('Noncompliance: missing only logs', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    vpc.addInterfaceEndpoint('EcrApi', { service: ec2.InterfaceVpcEndpointAwsService.ECR });
    vpc.addInterfaceEndpoint('EcrDkr', { service: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER });
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    service(stack, vpc);
    expect(PL(stack)).toEqual([['Fargate-PL1', 'error', 'logs']]);
  });

  test('Compliance: every needed endpoint present', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    for (const [id, svc] of [['EcrApi', ec2.InterfaceVpcEndpointAwsService.ECR], ['EcrDkr', ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER],
      ['Logs', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS]] as const) vpc.addInterfaceEndpoint(id, { service: svc });
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    service(stack, vpc);
    expect(PL(stack)).toEqual([]);
  });

  test('Compliance: a NAT VPC needs no endpoints', () => {
    const stack = newStack();
    service(stack, new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }), { exec: true });
    expect(PL(stack)).toEqual([]);
  });

  test('Skipped: token subnets cannot be judged', () => {
    const stack = newStack();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Imported', {
      vpcId: new CfnParameter(stack, 'VpcId').valueAsString,
      availabilityZones: ['eu-west-1a'],
      isolatedSubnetIds: [new CfnParameter(stack, 'SubnetId').valueAsString],
    });
    service(stack, vpc, { subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
    expect(PL(stack)).toEqual([]);
  });
});

describe('Fargate-PL1 / PL2 on RunTask targets', () => {
  /** A nightly EventBridge rule and a Scheduler schedule that run an ECR-image task in the isolated subnets. */
  function targets(stack: Stack, vpc: ec2.Vpc): void {
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
    const td = new ecs.FargateTaskDefinition(stack, 'Td');
    td.addContainer('app', {
      image: ecs.ContainerImage.fromEcrRepository(new ecr.Repository(stack, 'Repo'), '1.0'),
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'job' }),
    });
    const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
    new events.Rule(stack, 'Nightly', { schedule: events.Schedule.cron({ hour: '2', minute: '0' }) }).addTarget(new eventsTargets.EcsTask({
      cluster, taskDefinition: td, platformVersion: ecs.FargatePlatformVersion.VERSION1_4, subnetSelection: isolated,
    }));
    new scheduler.Schedule(stack, 'Hourly', {
      schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)),
      target: new schedulerTargets.EcsRunFargateTask(cluster, {
        taskDefinition: td, platformVersion: ecs.FargatePlatformVersion.VERSION1_4, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      }),
    });
  }

  test('Noncompliance: an EventBridge rule target and a Scheduler target in isolated subnets without endpoints', () => {
    const stack = newStack();
    targets(stack, isolatedVpc(stack));
    const found = check(stack).filter(f => f.id === 'Fargate-PL1');
    expect(found.map(f => [f.path, f.property, /endpoint com\.amazonaws\.REGION\.(\S+),/.exec(f.message)?.[1]])).toEqual([
      ...['ecr.api', 'ecr.dkr', 's3', 'logs'].map(e => ['Stack/Nightly/Resource', 'Targets[0].EcsParameters.NetworkConfiguration.AwsVpcConfiguration.Subnets', e]),
      ...['ecr.api', 'ecr.dkr', 's3', 'logs'].map(e => ['Stack/Hourly/Resource', 'Target.EcsParameters.NetworkConfiguration.AwsvpcConfiguration.Subnets', e]),
    ]);
    expect(found[0].message).toContain("the EventBridge rule target 0's subnets have no route to the internet");
  });

  test('Compliance: the same targets with the endpoints, and with a NAT route', () => {
    const withEndpoints = newStack();
    const vpc = isolatedVpc(withEndpoints);
    for (const e of [FargateEndpoint.ECR_API, FargateEndpoint.ECR_DKR, FargateEndpoint.S3, FargateEndpoint.LOGS]) {
      PrivateLinkEndpoints.of(withEndpoints, vpc).add(e);
    }
    targets(withEndpoints, vpc);
    expect(check(withEndpoints).filter(f => f.id.startsWith('Fargate-PL'))).toEqual([]);
  });
});
