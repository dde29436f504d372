import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import { check, ids, l1Service, l1TaskDefinition, newStack } from './harness';

const windows = { cpu: '1024', memory: '2048', runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuArchitecture: 'X86_64' } };
const arm = { runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' } };
const spot = { launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }] };

describe('Fargate-SP1 Spot on Windows', () => {
  test('Noncompliance: Windows service with FARGATE_SPOT in its strategy', () => {
    const stack = newStack();
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td', windows), { ...spot, platformVersion: '1.0.0' });
    const found = check(stack);
    expect(found.map(f => [f.id, f.property])).toEqual([['Fargate-SP1', 'CapacityProviderStrategy']]);
    expect(found[0].message).toContain('puts a Windows task on FARGATE_SPOT');
  });

  test('Noncompliance: Spot via the cluster default strategy (L2 cluster)', () => {
    const stack = newStack();
    const cluster = new ecs.Cluster(stack, 'Cluster', { enableFargateCapacityProviders: true, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
    cluster.addDefaultCapacityProviderStrategy([{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]);
    const td = l1TaskDefinition(stack, 'Td', windows);
    l1Service(stack, 'Svc', td, { launchType: undefined, cluster: cluster.clusterName, platformVersion: '1.0.0' });
    expect(ids(stack)).toEqual(['Fargate-SP1']);
  });

  test('Noncompliance: EventBridge ECS target running Windows on Spot', () => {
    const stack = newStack();
    const td = l1TaskDefinition(stack, 'Td', windows);
    new events.CfnRule(stack, 'Rule', {
      scheduleExpression: 'rate(1 hour)',
      targets: [{
        id: 't',
        arn: 'arn:aws:ecs:eu-west-1:111111111111:cluster/c',
        roleArn: 'arn:aws:iam::111111111111:role/r',
        ecsParameters: {
          taskDefinitionArn: td.ref,
          platformVersion: '1.0.0',
          capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }],
          networkConfiguration: { awsVpcConfiguration: { subnets: ['s'] } },
        },
      }],
    });
    expect(ids(stack)).toEqual(['Fargate-SP1']);
  });

  test('Compliance: Windows on FARGATE', () => {
    const stack = newStack();
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td', windows), { platformVersion: '1.0.0' });
    expect(ids(stack)).toEqual([]);
  });
});

describe('Fargate-SP2 Spot on ARM64', () => {
  test('Noncompliance (warning): ARM64 on FARGATE_SPOT', () => {
    const stack = newStack();
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td', arm), spot);
    expect(check(stack).map(f => [f.id, f.level])).toEqual([['Fargate-SP2', 'warning']]);
  });

  test('Compliance: ARM64 on FARGATE, x86 on Spot', () => {
    const stack = newStack();
    l1Service(stack, 'Arm', l1TaskDefinition(stack, 'ArmTd', arm));
    l1Service(stack, 'X86', l1TaskDefinition(stack, 'X86Td'), spot);
    expect(ids(stack)).toEqual([]);
  });
});

describe('Fargate-SP3 capacity provider strategy', () => {
  test('Noncompliance: two bases', () => {
    const stack = newStack();
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), {
      launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1 }, { capacityProvider: 'FARGATE_SPOT', base: 2 }],
    });
    expect(check(stack).map(f => f.message)).toEqual([expect.stringContaining('2 providers have a base')]);
  });

  test('Noncompliance: FARGATE_SPOT not associated with the cluster', () => {
    const stack = newStack();
    const cluster = new ecs.CfnCluster(stack, 'Cluster', { capacityProviders: ['FARGATE'], clusterSettings: [{ name: 'containerInsights', value: 'enhanced' }] });
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), { ...spot, cluster: cluster.ref });
    const found = check(stack);
    expect(found.map(f => f.property)).toEqual(['CapacityProviderStrategy[1].CapacityProvider']);
    expect(found[0].message).toContain('FARGATE_SPOT is not associated with the service\'s cluster');
  });

  test('Compliance: L2 cluster with Fargate capacity providers', () => {
    const stack = newStack();
    const cluster = new ecs.Cluster(stack, 'Cluster', { enableFargateCapacityProviders: true, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), { ...spot, cluster: cluster.clusterName });
    expect(ids(stack)).toEqual([]);
  });
});

describe('Fargate-SV1 / SV2 service wiring', () => {
  test('Noncompliance: FARGATE service with an EC2-only task definition', () => {
    const stack = newStack();
    const td = l1TaskDefinition(stack, 'Td', { requiresCompatibilities: ['EC2'] });
    l1Service(stack, 'Svc', td);
    const found = check(stack);
    expect(found.map(f => f.id)).toEqual(['Fargate-SV1']);
    expect(found[0].message).toContain('its task definition Stack/Td is compatible with EC2 only');
  });

  test('Noncompliance: Fargate service without network configuration', () => {
    const stack = newStack();
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), { networkConfiguration: undefined });
    expect(check(stack).map(f => [f.id, f.property])).toEqual([['Fargate-SV2', 'NetworkConfiguration']]);
  });

  test('Compliance: L2 FargateService gets both right', () => {
    const stack = newStack();
    const td = new ecs.FargateTaskDefinition(stack, 'Td');
    td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'a' }) });
    const cluster = new ecs.Cluster(stack, 'C', { vpc: new ec2.Vpc(stack, 'Vpc'), containerInsightsV2: ecs.ContainerInsights.ENHANCED });
    new ecs.FargateService(stack, 'Svc', { cluster, taskDefinition: td, platformVersion: ecs.FargatePlatformVersion.VERSION1_4 });
    expect(ids(stack)).toEqual([]);
  });
});

describe('Fargate-CI1 Container Insights', () => {
  test('Noncompliance: a Fargate cluster without Container Insights, or with it disabled', () => {
    const stack = newStack();
    new ecs.Cluster(stack, 'NoInsights', { enableFargateCapacityProviders: true });
    new ecs.CfnCluster(stack, 'Disabled', { capacityProviders: ['FARGATE'], clusterSettings: [{ name: 'containerInsights', value: 'disabled' }] });
    expect(check(stack).map(f => [f.id, f.level, f.path])).toEqual([
      ['Fargate-CI1', 'warning', 'Stack/NoInsights/Resource'], ['Fargate-CI1', 'warning', 'Stack/Disabled'],
    ]);
  });

  test('Noncompliance: cluster used by a Fargate service in the stack', () => {
    const stack = newStack();
    const cluster = new ecs.CfnCluster(stack, 'Cluster');
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), { cluster: cluster.ref });
    expect(ids(stack)).toEqual(['Fargate-CI1']);
  });

  test('Compliance: enhanced, enabled, and clusters that run no Fargate', () => {
    const stack = newStack();
    new ecs.Cluster(stack, 'Enhanced', { enableFargateCapacityProviders: true, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
    new ecs.Cluster(stack, 'Enabled', { enableFargateCapacityProviders: true, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    new ecs.CfnCluster(stack, 'Ec2Only');
    expect(ids(stack)).toEqual([]);
  });
});
