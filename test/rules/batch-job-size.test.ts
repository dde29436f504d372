import { CfnParameter, Size } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { check, newStack } from './harness';

describe('Fargate-JB2 an AWS Batch Fargate job asks for a Fargate size', () => {
  // One stack of job definitions, checked once.
  const stack = newStack();
  const job = (id: string, vcpu: string | undefined, memory: string | undefined, extra: Record<string, unknown> = {}) =>
    new batch.CfnJobDefinition(stack, id, {
      type: 'container',
      platformCapabilities: ['FARGATE'],
      containerProperties: {
        image: 'public.ecr.aws/docker/library/busybox',
        fargatePlatformConfiguration: { platformVersion: '1.4.0' },
        resourceRequirements: [
          ...(vcpu === undefined ? [] : [{ type: 'VCPU', value: vcpu }]),
          ...(memory === undefined ? [] : [{ type: 'MEMORY', value: memory }]),
        ],
        ...extra,
      },
    });
  job('Quarter', '0.25', '512');
  job('Sixteen', '16', '32768');
  job('TokenCpu', new CfnParameter(stack, 'Vcpu', { type: 'String' }).valueAsString, '2048');
  job('QuarterTooMuchMemory', '0.25', '4096');
  job('ThirtyTwo', '32', '61440');
  job('NoMemory', '1', undefined);
  job('WindowsHalf', '0.5', '1024', { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuArchitecture: 'X86_64' } });
  new batch.CfnJobDefinition(stack, 'Ec2', {
    type: 'container',
    platformCapabilities: ['EC2'],
    containerProperties: { image: 'busybox', resourceRequirements: [{ type: 'VCPU', value: '3' }, { type: 'MEMORY', value: '7' }] },
  });
  new batch.EcsJobDefinition(stack, 'L2', {
    container: new batch.EcsFargateContainerDefinition(stack, 'L2Container', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox'),
      cpu: 0.5,
      memory: Size.mebibytes(1024),
      fargatePlatformVersion: ecs.FargatePlatformVersion.VERSION1_4,
    }),
  });
  const found = check(stack).filter(f => f.id === 'Fargate-JB2');
  const at = (id: string) => found.filter(f => f.path.replace(/\/Resource$/, '') === `Stack/${id}`).map(f => f.message.match(/^\[[^\]]+\] [^:]*: (.*?)\. Property/)?.[1]);

  test('Compliance: 0.25 vCPU / 512 MiB, 16 vCPU / 32 GiB, a token, an EC2 job, and an L2 Fargate container', () => {
    for (const id of ['Quarter', 'Sixteen', 'TokenCpu', 'Ec2', 'L2']) expect([id, at(id)]).toEqual([id, []]);
  });

  test('Noncompliance: memory off the table, 32 vCPU (beyond Batch), no MEMORY, a Linux-only size on Windows', () => {
    expect(at('QuarterTooMuchMemory')).toEqual(['memory 4096 MiB is not valid with cpu 256']);
    expect(at('ThirtyTwo')).toEqual(['Batch runs Fargate jobs of at most 16 vCPU']);
    expect(at('NoMemory')).toEqual(['task-level memory is required on Fargate']);
    expect(at('WindowsHalf')).toEqual(['cpu 512 (0.5 vCPU) is a Linux only size, and this task runs Windows']);
    expect(found.find(f => f.path === 'Stack/ThirtyTwo')!.property).toBe('ContainerProperties.ResourceRequirements (VCPU)');
  });
});

describe('Fargate-CT1 on AWS Batch Fargate job containers', () => {
  const stack = newStack();
  const size = [{ type: 'VCPU', value: '0.25' }, { type: 'MEMORY', value: '512' }];
  new batch.CfnJobDefinition(stack, 'Privileged', {
    type: 'container',
    platformCapabilities: ['FARGATE'],
    containerProperties: { image: 'busybox', resourceRequirements: size, privileged: true, linuxParameters: { sharedMemorySize: 64 } },
  });
  new batch.CfnJobDefinition(stack, 'Gpu', {
    type: 'container',
    platformCapabilities: ['FARGATE'],
    containerProperties: { image: 'busybox', resourceRequirements: [...size, { type: 'GPU', value: '1' }] },
  });
  new batch.CfnJobDefinition(stack, 'Plain', { type: 'container', platformCapabilities: ['FARGATE'], containerProperties: { image: 'busybox', resourceRequirements: size } });
  new batch.CfnJobDefinition(stack, 'OnEc2', {
    type: 'container', platformCapabilities: ['EC2'], containerProperties: { image: 'busybox', privileged: true, resourceRequirements: size },
  });
  const found = check(stack).filter(f => f.id === 'Fargate-CT1');

  test('Noncompliance: privileged, sharedMemorySize and a GPU on a Fargate job\'s container', () => {
    expect(found.map(f => [f.path, f.property])).toEqual([
      ['Stack/Privileged', 'ContainerProperties.Privileged'],
      ['Stack/Privileged', 'ContainerProperties.LinuxParameters.SharedMemorySize'],
      ['Stack/Gpu', 'ContainerProperties.ResourceRequirements[2].Type'],
    ]);
    expect(found[0].message).toContain("the job's container sets Privileged, which Fargate does not support");
  });

  test('Compliance: a plain Fargate job, and a privileged job on EC2', () => {
    expect(found.filter(f => /Plain|OnEc2/.test(f.path))).toEqual([]);
  });
});
