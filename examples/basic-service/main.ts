// A private Fargate service written with plain aws-cdk-lib, checked by FargatePlatformChecks.
// Copy this file into your app; import from 'cdk-fargate-platform' instead of '../../src'.
import { App, Aspects, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FargatePlatformChecks, TaskSize } from '../../src';

export class BasicServiceStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      enableFargateCapacityProviders: true,
      containerInsightsV2: ecs.ContainerInsights.ENHANCED,
    });

    // TaskSize validates the pair against the Fargate table when the app is built.
    const size = TaskSize.of(512, 1024);
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: size.cpu,
      memoryLimitMiB: size.memoryMiB,
      runtimePlatform: { operatingSystemFamily: ecs.OperatingSystemFamily.LINUX, cpuArchitecture: ecs.CpuArchitecture.X86_64 },
    });
    taskDefinition.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
      portMappings: [{ containerPort: 8080 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app', logRetention: logs.RetentionDays.ONE_MONTH }),
      readonlyRootFilesystem: true,
      user: '1000',
      stopTimeout: undefined,
    });

    new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition,
      // Pin the version: LATEST resolves once and then silently stays put.
      platformVersion: ecs.FargatePlatformVersion.VERSION1_4,
      capacityProviderStrategies: [
        { capacityProvider: 'FARGATE', base: 1, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 3 },
      ],
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
    });
  }
}

const app = new App();
new BasicServiceStack(app, 'BasicService', { env: { account: '111111111111', region: 'eu-west-1' } });
Aspects.of(app).add(new FargatePlatformChecks());
app.synth();
