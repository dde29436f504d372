import { App, Aspects, CfnParameter, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { FargatePlatformChecks } from '../../src';

/**
 * Valid configurations, written with plain aws-cdk-lib, that a careless rule could mistake for invalid:
 * none of them may draw an error.
 */
describe('valid configurations draw no error', () => {
  const app = new App();
  const stack = new Stack(app, 'Valid', { env: { account: '111111111111', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, enableFargateCapacityProviders: true, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
  const pin = ecs.FargatePlatformVersion.VERSION1_4;
  const logging = ecs.LogDrivers.awsLogs({ streamPrefix: 'app' });
  const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

  // Token task size (parameters).
  const cpu = new CfnParameter(stack, 'Cpu', { type: 'Number', default: 256 });
  const mem = new CfnParameter(stack, 'Mem', { type: 'Number', default: 512 });
  const tokenTd = new ecs.FargateTaskDefinition(stack, 'TokenSize', { cpu: cpu.valueAsNumber, memoryLimitMiB: mem.valueAsNumber });
  tokenTd.addContainer('app', { image, logging });
  new ecs.FargateService(stack, 'TokenSvc', { cluster, taskDefinition: tokenTd, platformVersion: pin });

  // String task sizes through an L1 override.
  const stringTd = new ecs.FargateTaskDefinition(stack, 'StringSize');
  stringTd.addContainer('app', { image, logging });
  (stringTd.node.defaultChild as ecs.CfnTaskDefinition).addPropertyOverride('Cpu', '1 vCPU');
  (stringTd.node.defaultChild as ecs.CfnTaskDefinition).addPropertyOverride('Memory', '2 GB');

  // EC2-only task definition with things Fargate would refuse.
  const ec2Td = new ecs.Ec2TaskDefinition(stack, 'Ec2Only', { networkMode: ecs.NetworkMode.BRIDGE });
  ec2Td.addContainer('app', { image, memoryLimitMiB: 256, privileged: true, logging: ecs.LogDrivers.journald(), portMappings: [{ containerPort: 80, hostPort: 8080 }] });

  // Windows on 1.0.0.
  const winTd = new ecs.FargateTaskDefinition(stack, 'Windows', {
    cpu: 1024,
    memoryLimitMiB: 2048,
    runtimePlatform: { operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE, cpuArchitecture: ecs.CpuArchitecture.X86_64 },
  });
  winTd.addContainer('app', { image, logging });
  new ecs.FargateService(stack, 'WindowsSvc', { cluster, taskDefinition: winTd, platformVersion: ecs.FargatePlatformVersion.VERSION1_0 });

  // ARM64 on Spot, with an on-demand base: a warning, never an error.
  const armTd = new ecs.FargateTaskDefinition(stack, 'Arm', { runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.ARM64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX } });
  armTd.addContainer('app', { image, logging });
  new ecs.FargateService(stack, 'ArmSpot', {
    cluster,
    taskDefinition: armTd,
    platformVersion: pin,
    capacityProviderStrategies: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 2 }],
  });

  // A per-task EBS volume.
  const ebsTd = new ecs.FargateTaskDefinition(stack, 'Ebs');
  const data = ebsTd.addContainer('app', { image, logging });
  const volume = new ecs.ServiceManagedVolume(stack, 'Volume', { name: 'data', managedEBSVolume: { size: Size.gibibytes(50) } });
  volume.mountIn(data, { containerPath: '/data', readOnly: false });
  ebsTd.addVolume(volume);
  const ebsSvc = new ecs.FargateService(stack, 'EbsSvc', { cluster, taskDefinition: ebsTd, platformVersion: pin });
  ebsSvc.addVolume(volume);

  // FireLens and Splunk logging, secrets, SYS_PTRACE, big ephemeral storage.
  const richTd = new ecs.FargateTaskDefinition(stack, 'Rich', { cpu: 8192, memoryLimitMiB: 16384, ephemeralStorageGiB: 200, pidMode: ecs.PidMode.TASK, runtimePlatform: { operatingSystemFamily: ecs.OperatingSystemFamily.LINUX } });
  richTd.addFirelensLogRouter('router', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-for-fluent-bit:stable'), firelensConfig: { type: ecs.FirelensLogRouterType.FLUENTBIT }, logging });
  const lp = new ecs.LinuxParameters(stack, 'Lp');
  lp.addCapabilities(ecs.Capability.SYS_PTRACE);
  lp.dropCapabilities(ecs.Capability.ALL);
  richTd.addContainer('app', { image, linuxParameters: lp, logging: ecs.LogDrivers.firelens({ options: { Name: 'cloudwatch' } }), stopTimeout: undefined });
  richTd.addContainer('splunk', {
    image,
    logging: ecs.LogDrivers.splunk({ url: 'https://splunk.example.com', secretToken: ecs.Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Token', { parameterName: '/splunk/token' })) }),
  });
  new ecs.FargateService(stack, 'RichSvc', { cluster, taskDefinition: richTd, platformVersion: pin });

  // An imported task definition ARN: nothing can be known, nothing is said.
  new ecs.CfnService(stack, 'Imported', {
    cluster: cluster.clusterName,
    launchType: 'FARGATE',
    platformVersion: '1.4.0',
    taskDefinition: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/other:3',
    networkConfiguration: { awsvpcConfiguration: { subnets: vpc.privateSubnets.map(s => s.subnetId) } },
  });

  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();

  test('no error anywhere', () => {
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue()).map(e => `${e.id}: ${e.entry.data}`)).toEqual([]);
  });

  test('the only warning is the documented ARM64-on-Spot one', () => {
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('^\\[Fargate-')).map(w => [w.id, (w.entry.data as string).slice(0, 13)]);
    expect(warnings).toEqual([['/Valid/ArmSpot/Service', '[Fargate-SP2]']]);
  });
});
