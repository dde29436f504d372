import { App, Aspects, CfnParameter, Duration, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { environmentStack, IMAGE } from './fixtures';
import { FargatePlatformChecks, FargateWorkload, TaskSize } from '../../src';

describe('FargateWorkload with defaults', () => {
  // GIVEN a default workload in a default environment, synthesized once
  const { stack, env } = environmentStack();
  Aspects.of(stack).add(new FargatePlatformChecks());
  const workload = new FargateWorkload(stack, 'Api', { environment: env, image: IMAGE });
  const template = Template.fromStack(stack);

  test('the task is 0.25 vCPU / 512 MiB Linux x86_64 with the default 20 GiB of ephemeral storage', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '256',
      Memory: '512',
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      RuntimePlatform: { OperatingSystemFamily: 'LINUX', CpuArchitecture: 'X86_64' },
      EphemeralStorage: Match.absent(),
    });
  });

  test('the container runs non-root with a read-only root filesystem, a memory limit and encrypted awslogs', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        Name: 'app',
        Image: 'public.ecr.aws/nginx/nginx:1.27',
        User: '1000:1000',
        ReadonlyRootFilesystem: true,
        Memory: 512,
        StopTimeout: 30,
        PortMappings: Match.absent(),
        LogConfiguration: {
          LogDriver: 'awslogs',
          Options: { 'awslogs-group': { Ref: Match.stringLikeRegexp('^ApiLogs') }, 'awslogs-stream-prefix': 'Api', 'awslogs-region': 'eu-west-1' },
        },
      })],
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EnvKey'), 'Arn'] }, RetentionInDays: 365 });
  });

  test('the service pins 1.4.0, runs on demand, has the circuit breaker with rollback and no public IP', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      PlatformVersion: '1.4.0',
      DesiredCount: 2,
      CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1 }],
      LaunchType: Match.absent(),
      DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true }, MinimumHealthyPercent: 100, MaximumPercent: 200 },
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED', SecurityGroups: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiSecurityGroup'), 'GroupId'] }] } },
      EnableExecuteCommand: Match.absent(),
      PropagateTags: 'SERVICE',
      EnableECSManagedTags: true,
    });
  });

  test('scales from 2 to 8 tasks on CPU 70 % and memory 80 %', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 8 });
    for (const [metric, target] of [['ECSServiceAverageCPUUtilization', 70], ['ECSServiceAverageMemoryUtilization', 80]] as const) {
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
        TargetTrackingScalingPolicyConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: metric }, TargetValue: target },
      });
    }
  });

  test('roles keep their permissions in managed policies; there is no load balancer', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0);
    expect([workload.http, workload.network]).toEqual([undefined, undefined]);
    expect(workload.scalableTaskCount).toBeDefined();
    expect(workload.taskSize.toString()).toBe(TaskSize.of(256, 512).toString());
  });

  test('FargatePlatformChecks finds nothing', () => {
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('Fargate-'))).toEqual([]);
  });
});

describe('FargateWorkload containers', () => {
  const { stack, env } = environmentStack();
  const secret = new secretsmanager.Secret(stack, 'Secret');
  new FargateWorkload(stack, 'Api', {
    environment: env,
    image: IMAGE,
    containerName: 'web',
    containerPort: 3000,
    command: ['node', 'server.js'],
    environmentVariables: { STAGE: 'prod' },
    secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret) },
    healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:3000/health || exit 1'] },
    user: '0',
    readonlyRootFilesystem: false,
    sidecars: [{ name: 'xray', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/xray/aws-xray-daemon:3.3'), essential: false }],
    taskSize: TaskSize.parse('1 vCPU', '2 GB'),
    ephemeralStorageGiB: 60,
    stopTimeout: Duration.seconds(90),
    desiredCount: 3,
    scaling: {
      minCapacity: 2,
      maxCapacity: 5,
      cpuTargetPercent: 50,
      schedules: [{ name: 'BusinessHours', schedule: appscaling.Schedule.cron({ hour: '8', minute: '0' }), minCapacity: 4 }],
    },
    serviceName: 'api',
  });
  const template = Template.fromStack(stack);

  test('every container prop lands on the main container', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '1024',
      Memory: '2048',
      EphemeralStorage: { SizeInGiB: 60 },
      ContainerDefinitions: Match.arrayWith([Match.objectLike({
        Name: 'web',
        Command: ['node', 'server.js'],
        Environment: [{ Name: 'STAGE', Value: 'prod' }],
        Secrets: [{ Name: 'DB_PASSWORD', ValueFrom: { Ref: Match.stringLikeRegexp('^Secret') } }],
        HealthCheck: Match.objectLike({ Command: ['CMD-SHELL', 'curl -f http://localhost:3000/health || exit 1'] }),
        PortMappings: [{ ContainerPort: 3000, Protocol: 'tcp' }],
        User: '0',
        ReadonlyRootFilesystem: false,
        StopTimeout: 90,
        Memory: 2048,
      })]),
    });
  });

  test('sidecars get the workload logging and the Linux defaults', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([Match.objectLike({
        Name: 'xray',
        Essential: false,
        User: '1000:1000',
        ReadonlyRootFilesystem: true,
        LogConfiguration: Match.objectLike({ LogDriver: 'awslogs', Options: Match.objectLike({ 'awslogs-stream-prefix': 'xray' }) }),
      })]),
    });
  });

  test('service name, desired count, target tracking and the schedule', () => {
    template.hasResourceProperties('AWS::ECS::Service', { ServiceName: 'api', DesiredCount: 3 });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 2,
      MaxCapacity: 5,
      ScheduledActions: [{ ScheduledActionName: 'BusinessHours', Schedule: 'cron(0 8 * * ? *)', ScalableTargetAction: { MinCapacity: 4 } }],
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, TargetValue: 50 },
    });
  });

  test('the execution role may read the secret', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^ApiExecutionRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] })]) },
    });
  });
});

describe('FargateWorkload escape hatches and synth-time checks', () => {
  test('an override through the L1 is checked again at synthesis, with the rule message', () => {
    const { app, stack, env } = environmentStack();
    const workload = new FargateWorkload(stack, 'Api', { environment: env, image: IMAGE });
    (workload.service.node.defaultChild as ecs.CfnService).addPropertyOverride('PlatformVersion', '1.3.0');
    expect(() => app.synth()).toThrow(/S\/Api\/Service\/Service: \[Fargate-PV1\].*1\.3\.0/);
  });

  test('inside a Stage, the synth-time check still runs', () => {
    const app = new App();
    const { stack, env } = environmentStack('S', new Stage(app, 'Prod'));
    const workload = new FargateWorkload(stack, 'Api', { environment: env, image: IMAGE });
    (workload.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition).addPropertyOverride('Memory', '4096');
    expect(() => app.synth()).toThrow(/Prod\/S\/Api\/TaskDefinition\/Resource: \[Fargate-TS1\]/);
  });

  test('an acknowledged error does not fail synthesis', () => {
    const { app, stack, env } = environmentStack();
    const workload = new FargateWorkload(stack, 'Api', { environment: env, image: IMAGE });
    (workload.service.node.defaultChild as ecs.CfnService).addPropertyOverride('PlatformVersion', '1.3.0');
    Validations.of(workload).acknowledge({ id: 'Fargate-PV1', reason: 'Decommissioned next week; kept for the migration test.' });
    expect(() => app.synth()).not.toThrow();
  });

  test('LATEST is allowed when asked for, with the checks\' PV2 warning, once, even with the Aspect too', () => {
    const { stack, env } = environmentStack();
    Aspects.of(stack).add(new FargatePlatformChecks());
    new FargateWorkload(stack, 'Api', { environment: env, image: IMAGE, platformVersion: ecs.FargatePlatformVersion.LATEST });
    const warnings = Annotations.fromStack(stack).findWarning('/S/Api/Service/Service', Match.stringLikeRegexp('Fargate-PV2'));
    expect(warnings).toHaveLength(1);
  });

  test('tokens are accepted where aws-cdk-lib accepts them', () => {
    const { app, stack, env } = environmentStack();
    const workload = new FargateWorkload(stack, 'Api', {
      environment: env,
      image: IMAGE,
      desiredCount: tokenNumber(stack, 'Count'),
      scaling: { maxCapacity: 10 },
      ephemeralStorageGiB: tokenNumber(stack, 'Storage'),
      taskSize: TaskSize.of(tokenNumber(stack, 'Cpu'), tokenNumber(stack, 'Memory')),
    });
    expect(() => app.synth()).not.toThrow();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: { Ref: 'Cpu' },
      Memory: { Ref: 'Memory' },
      EphemeralStorage: { SizeInGiB: { Ref: 'Storage' } },
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: { Ref: 'Count' }, MaxCapacity: 10 });
    expect(workload.container.memoryLimitSpecified).toBe(false);
  });

  test('a token floor without a ceiling is refused, naming the prop to set', () => {
    const { stack, env } = environmentStack();
    expect(() => new FargateWorkload(stack, 'Api', { environment: env, image: IMAGE, desiredCount: tokenNumber(stack, 'Count') }))
      .toThrow(/S\/Api: the task count floor .* is a token.*Fix: set `scaling.maxCapacity`/);
  });
});

function tokenNumber(stack: Stack, name: string): number {
  return new CfnParameter(stack, name, { type: 'Number' }).valueAsNumber;
}
