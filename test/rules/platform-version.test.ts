import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { check, ids, l1Service, l1TaskDefinition, newStack } from './harness';
import { RuleLevel } from '../../src';

describe('Fargate-PV1 platform version supported', () => {
  test.each(['1.0.0', '1.1.0', '1.2.0', '1.3.0'])('Noncompliance: Linux service pinned to retired %s', (version) => {
    // GIVEN
    const stack = newStack();
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), { platformVersion: version });
    // THEN
    const found = check(stack).filter(f => f.id === 'Fargate-PV1');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'error', path: 'Stack/Svc', property: 'PlatformVersion' });
    expect(found[0].message).toContain(`Linux platform version ${version} is retired`);
    expect(found[0].message).toContain(`got '${version}'`);
    expect(found[0].message).toContain("Set the platform version to '1.4.0'");
  });

  test('Noncompliance: a version that never existed', () => {
    const stack = newStack();
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), { platformVersion: '1.5.0' });
    expect(check(stack).find(f => f.id === 'Fargate-PV1')?.message).toContain("'1.5.0' is not a Fargate Linux platform version");
  });

  test('Noncompliance: Windows task on a Linux version', () => {
    const stack = newStack();
    const td = l1TaskDefinition(stack, 'Td', { cpu: '1024', memory: '2048', runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } });
    l1Service(stack, 'Svc', td, { platformVersion: '1.4.0' });
    const found = check(stack).find(f => f.id === 'Fargate-PV1');
    expect(found?.message).toContain("'1.4.0' is not a Fargate Windows platform version");
    expect(found?.message).toContain("Set the platform version to '1.0.0'");
  });

  test('Compliance: Linux 1.4.0, Windows 1.0.0', () => {
    const stack = newStack();
    l1Service(stack, 'Linux', l1TaskDefinition(stack, 'LinuxTd'));
    const win = l1TaskDefinition(stack, 'WinTd', { cpu: '1024', memory: '2048', runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL', cpuArchitecture: 'X86_64' } });
    l1Service(stack, 'Windows', win, { platformVersion: '1.0.0' });
    expect(ids(stack)).toEqual([]);
  });

  test.each([
    ['1.0.0', []],
    ['1.3.0', ['Fargate-PV1']],
  ])('a task definition from another stack (OS unknown) on %s: only a version no OS accepts is reported', (version, expected) => {
    const stack = newStack();
    new ecs.CfnService(stack, 'Svc', {
      taskDefinition: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/x:1',
      launchType: 'FARGATE',
      platformVersion: version,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
    });
    expect(ids(stack)).toEqual(expected);
  });

  test('Compliance: a token platform version is skipped', () => {
    const stack = newStack();
    const version = new CfnParameter(stack, 'Version', { type: 'String' });
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), { platformVersion: version.valueAsString });
    expect(ids(stack)).toEqual([]);
  });

  test('Compliance: EC2 services are not Fargate launches', () => {
    const stack = newStack();
    const td = new ecs.CfnTaskDefinition(stack, 'Td', { requiresCompatibilities: ['EC2'], networkMode: 'bridge', containerDefinitions: [{ name: 'a', image: 'a', memory: 128 }] });
    new ecs.CfnService(stack, 'Svc', { taskDefinition: td.ref, launchType: 'EC2' });
    expect(ids(stack)).toEqual([]);
  });

  test('Noncompliance: L2 FargateService pinned to 1.3.0', () => {
    const stack = newStack();
    const cluster = new ecs.Cluster(stack, 'Cluster', { containerInsightsV2: ecs.ContainerInsights.ENHANCED });
    const td = new ecs.FargateTaskDefinition(stack, 'Td');
    td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'a' }) });
    new ecs.FargateService(stack, 'Svc', { cluster, taskDefinition: td, platformVersion: ecs.FargatePlatformVersion.VERSION1_3 });
    expect(check(stack).map(f => [f.id, f.path])).toEqual([['Fargate-PV1', 'Stack/Svc/Service']]);
  });

  test('Noncompliance: EventBridge rule ECS target pinned to 1.3.0', () => {
    const stack = newStack();
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc'), containerInsightsV2: ecs.ContainerInsights.ENHANCED });
    const td = new ecs.FargateTaskDefinition(stack, 'Td');
    td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'a' }) });
    const rule = new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) });
    rule.addTarget(new targets.EcsTask({ cluster, taskDefinition: td, platformVersion: ecs.FargatePlatformVersion.VERSION1_3 }));
    const found = check(stack).filter(f => f.id === 'Fargate-PV1');
    expect(found.map(f => f.property)).toEqual(['Targets[0].EcsParameters.PlatformVersion']);
    expect(found[0].message).toContain('EventBridge rule target 0');
  });

  test('Noncompliance: EventBridge Scheduler ECS target on 1.2.0', () => {
    const stack = newStack();
    const td = l1TaskDefinition(stack, 'Td');
    new scheduler.CfnSchedule(stack, 'Schedule', {
      flexibleTimeWindow: { mode: 'OFF' },
      scheduleExpression: 'rate(1 hour)',
      target: {
        arn: 'arn:aws:ecs:eu-west-1:111111111111:cluster/c',
        roleArn: 'arn:aws:iam::111111111111:role/r',
        ecsParameters: { taskDefinitionArn: td.ref, launchType: 'FARGATE', platformVersion: '1.2.0', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } } },
      },
    });
    expect(check(stack).map(f => [f.id, f.property])).toEqual([['Fargate-PV1', 'Target.EcsParameters.PlatformVersion']]);
  });

  test('Noncompliance: Batch Fargate job definition on 1.3.0, and LATEST when omitted', () => {
    const SIZE = [{ type: 'VCPU', value: '0.25' }, { type: 'MEMORY', value: '512' }];
    const stack = newStack();
    new batch.CfnJobDefinition(stack, 'Pinned', {
      type: 'container',
      platformCapabilities: ['FARGATE'],
      containerProperties: { image: 'busybox', fargatePlatformConfiguration: { platformVersion: '1.3.0' }, resourceRequirements: SIZE },
    });
    new batch.CfnJobDefinition(stack, 'Omitted', { type: 'container', platformCapabilities: ['FARGATE'], containerProperties: { image: 'busybox', resourceRequirements: SIZE } });
    new batch.CfnJobDefinition(stack, 'Ec2', { type: 'container', platformCapabilities: ['EC2'], containerProperties: { image: 'busybox' } });
    expect(check(stack).map(f => [f.id, f.path, f.property])).toEqual([
      ['Fargate-PV1', 'Stack/Pinned', 'ContainerProperties.FargatePlatformConfiguration.PlatformVersion'],
      ['Fargate-PV2', 'Stack/Omitted', 'ContainerProperties.FargatePlatformConfiguration.PlatformVersion'],
    ]);
  });

  test('Noncompliance: Batch L2 FargateContainer on 1.3.0', () => {
    const stack = newStack();
    new batch.EcsJobDefinition(stack, 'Job', {
      container: new batch.EcsFargateContainerDefinition(stack, 'C', {
        image: ecs.ContainerImage.fromRegistry('busybox'),
        cpu: 0.25,
        memory: { toMebibytes: () => 512 } as any,
        fargatePlatformVersion: ecs.FargatePlatformVersion.VERSION1_3,
      }),
    });
    expect(ids(stack)).toContain('Fargate-PV1');
  });

  test('Noncompliance: EventBridge Pipes ECS target on 1.1.0', () => {
    const stack = newStack();
    const td = l1TaskDefinition(stack, 'Td');
    new pipes.CfnPipe(stack, 'Pipe', {
      roleArn: 'arn:aws:iam::111111111111:role/r',
      source: 'arn:aws:sqs:eu-west-1:111111111111:q',
      target: 'arn:aws:ecs:eu-west-1:111111111111:cluster/c',
      targetParameters: { ecsTaskParameters: { taskDefinitionArn: td.ref, launchType: 'FARGATE', platformVersion: '1.1.0', networkConfiguration: { awsvpcConfiguration: { subnets: ['s'] } } } },
    });
    expect(check(stack).map(f => [f.id, f.property])).toEqual([['Fargate-PV1', 'TargetParameters.EcsTaskParameters.PlatformVersion']]);
  });

  test('Noncompliance: Step Functions EcsRunTask on 1.3.0, also inside a Parallel branch', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
    const td = new ecs.FargateTaskDefinition(stack, 'Td');
    const containerDefinition = td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'a' }) });
    const run = (id: string, v: ecs.FargatePlatformVersion) => new tasks.EcsRunTask(stack, id, {
      cluster,
      taskDefinition: td,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      launchTarget: new tasks.EcsFargateLaunchTarget({ platformVersion: v }),
      containerOverrides: [{ containerDefinition, environment: [{ name: 'A', value: 'b' }] }],
    });
    const parallel = new sfn.Parallel(stack, 'Both').branch(run('Old', ecs.FargatePlatformVersion.VERSION1_3));
    new sfn.StateMachine(stack, 'Sm', { definitionBody: sfn.DefinitionBody.fromChainable(run('New', ecs.FargatePlatformVersion.VERSION1_4).next(parallel)) });
    const found = check(stack).filter(f => f.id === 'Fargate-PV1');
    expect(found.map(f => f.property)).toEqual(['Definition: States.Both.Branches[0].States.Old.Parameters.PlatformVersion']);
  });
});

describe('Fargate-PV2 LATEST', () => {
  test('Noncompliance: explicit LATEST and omitted version both warn, naming LATEST and the version', () => {
    const stack = newStack();
    l1Service(stack, 'Explicit', l1TaskDefinition(stack, 'Td'), { platformVersion: 'LATEST' });
    l1Service(stack, 'Omitted', l1TaskDefinition(stack, 'Td2'), { platformVersion: undefined });
    const found = check(stack).filter(f => f.id === 'Fargate-PV2');
    expect(found.map(f => [f.path, f.level])).toEqual([['Stack/Explicit', 'warning'], ['Stack/Omitted', 'warning']]);
    expect(found[0].message).toMatch(/uses platform version LATEST, which resolves once to the current version \(today 1\.4\.0\)/);
    expect(found[1].message).toContain('the version is omitted, which means LATEST');
  });

  test('latestVersionLevel makes it an error, or turns it off', () => {
    const stack = newStack();
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), { platformVersion: 'LATEST' });
    expect(check(stack, { latestVersionLevel: RuleLevel.ERROR }).map(f => f.level)).toEqual(['error']);
    expect(check(stack, { latestVersionLevel: RuleLevel.OFF })).toEqual([]);
  });

  test('Noncompliance: L2 FargateService with defaults is on LATEST', () => {
    const stack = newStack();
    const td = new ecs.FargateTaskDefinition(stack, 'Td');
    td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'a' }) });
    new ecs.FargateService(stack, 'Svc', { cluster: new ecs.Cluster(stack, 'C', { containerInsightsV2: ecs.ContainerInsights.ENHANCED }), taskDefinition: td });
    expect(ids(stack)).toEqual(['Fargate-PV2']);
  });
});

describe('Fargate-PV3 features need a newer version', () => {
  test('Noncompliance: EFS and SYS_PTRACE on 1.3.0 name each feature', () => {
    const stack = newStack();
    const td = l1TaskDefinition(stack, 'Td', {
      volumes: [{ name: 'data', efsVolumeConfiguration: { filesystemId: 'fs-1', transitEncryption: 'ENABLED' } }],
    }, { linuxParameters: { capabilities: { add: ['SYS_PTRACE'] } } });
    l1Service(stack, 'Svc', td, { platformVersion: '1.3.0' });
    const messages = check(stack).filter(f => f.id === 'Fargate-PV3').map(f => f.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('EFS volumes (used at `Volumes[0].EFSVolumeConfiguration`) needs 1.4.0 or later');
    expect(messages[1]).toContain('the SYS_PTRACE capability');
  });

  test('Noncompliance: secrets on 1.2.0; health checks fine on 1.2.0', () => {
    const stack = newStack();
    const td = l1TaskDefinition(stack, 'Td', {}, {
      secrets: [{ name: 'A', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:a' }],
      healthCheck: { command: ['CMD', 'true'] },
    });
    l1Service(stack, 'Svc', td, { platformVersion: '1.2.0' });
    const found = check(stack).filter(f => f.id === 'Fargate-PV3');
    expect(found.map(f => f.message.match(/but (.*) \(used/)?.[1])).toEqual(['secrets injection']);
  });

  test('Noncompliance: Spot on 1.2.0 via the capacity provider strategy', () => {
    const stack = newStack();
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), {
      launchType: undefined, platformVersion: '1.2.0', capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    });
    expect(check(stack).filter(f => f.id === 'Fargate-PV3').map(f => f.message)).toEqual([expect.stringContaining('Fargate Spot')]);
  });

  test('Noncompliance: a UDP port behind a load balancer on 1.3.0; TCP is fine', () => {
    const stack = newStack();
    const td = l1TaskDefinition(stack, 'Td', {}, { portMappings: [{ containerPort: 53, protocol: 'udp' }, { containerPort: 80, protocol: 'tcp' }] });
    const lb = (port: number) => ({ containerName: 'app', containerPort: port, targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/t/1' });
    l1Service(stack, 'Udp', td, { platformVersion: '1.3.0', loadBalancers: [lb(53)] });
    l1Service(stack, 'Tcp', td, { platformVersion: '1.3.0', loadBalancers: [lb(80)] });
    const found = check(stack).filter(f => f.id === 'Fargate-PV3');
    expect(found.map(f => [f.path, f.property])).toEqual([['Stack/Udp', 'PlatformVersion']]);
    expect(found[0].message).toContain('UDP behind a Network Load Balancer (used at `LoadBalancers[0]`) needs 1.4.0 or later');
  });

  test('Compliance: every feature on 1.4.0', () => {
    const stack = newStack();
    const td = l1TaskDefinition(stack, 'Td', {
      cpu: '8 vCPU',
      memory: '16 GB',
      pidMode: 'task',
      ephemeralStorage: { sizeInGiB: 100 },
      volumes: [{ name: 'data', efsVolumeConfiguration: { filesystemId: 'fs-1', transitEncryption: 'ENABLED' } }],
    }, { linuxParameters: { capabilities: { add: ['SYS_PTRACE'] } }, systemControls: [{ namespace: 'net.core.somaxconn', value: '1024' }], stopTimeout: 60 });
    l1Service(stack, 'Svc', td);
    expect(ids(stack)).toEqual([]);
  });
});
