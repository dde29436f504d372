import { App, Duration, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { environmentStack, IMAGE } from './fixtures';
import {
  CapacityStrategy, EnvironmentEgress, EphemeralStorage, FargateEnvironment, FargateWorkload, TaskSize, WorkloadLoadBalancer, WorkloadRuntime,
} from '../../src';

/** Builds a workload with the given props in a fresh default environment. */
function build(props: Partial<ConstructorParameters<typeof FargateWorkload>[2]>) {
  const { app, stack, env } = environmentStack();
  const workload = new FargateWorkload(stack, 'W', { environment: env, image: IMAGE, ...props });
  return { app, stack, workload };
}

describe('props judged alone throw when the workload is built, with the rule ID, the path and the fix', () => {
  test.each([
    ['0.25 vCPU on Windows', { runtime: WorkloadRuntime.WINDOWS_SERVER_2019_CORE, taskSize: TaskSize.of(256, 512) }, /S\/W: property `taskSize`: \[Fargate-TS1\].*Windows/],
    ['8 vCPU on Windows', { runtime: WorkloadRuntime.WINDOWS_SERVER_2022_CORE, taskSize: TaskSize.of(8192, 16384) },
      /S\/W: property `taskSize`: \[Fargate-TS1\] .*cpu 8192 \(8 vCPU\) is a Linux only size, and this task runs Windows.*Allowed: cpu 1024, 2048, 4096 on Windows/],
    ['250 GiB of ephemeral storage', { ephemeralStorageGiB: 250 }, /property `ephemeralStorageGiB`: \[Fargate-ES1\].*got 250.*Use an EFS volume .* or a per-task EBS volume/],
    ['ephemeral storage of 10 GiB', { ephemeralStorageGiB: 10 }, /\[Fargate-ES1\].*got 10/],
    ['maxCapacity below minCapacity', { scaling: { minCapacity: 4, maxCapacity: 2 } }, /`scaling.maxCapacity` \(2\) is below `scaling.minCapacity` \(4\)/],
  ])('%s', (_name, props, message) => {
    expect(() => build(props as any)).toThrow(message);
  });
});

describe('combinations the rules refuse fail synthesis, with the rule ID, the resource path and the fix', () => {
  test.each([
    ['Spot on Windows', { runtime: WorkloadRuntime.WINDOWS_SERVER_2022_CORE, capacity: CapacityStrategy.mixed() }, /S\/W\/Service\/Service: \[Fargate-SP1\]/],
    ['a 300 s stop timeout', { stopTimeout: Duration.seconds(300) }, /S\/W\/TaskDefinition\/Resource: \[Fargate-CT3\].*300.*Fix:/],
    ['platform version 1.3.0', { platformVersion: ecs.FargatePlatformVersion.VERSION1_3 }, /\[Fargate-PV1\].*1\.3\.0/],
    ['a Windows user', { runtime: WorkloadRuntime.WINDOWS_SERVER_2022_CORE, user: 'ContainerUser' }, /\[Fargate-WN1\]/],
    ['Linux platform version on Windows', { runtime: WorkloadRuntime.WINDOWS_SERVER_2022_CORE, platformVersion: ecs.FargatePlatformVersion.VERSION1_4 }, /\[Fargate-PV1\]/],
  ])('%s', (_name, props, message) => {
    const { app } = build(props as any);
    expect(() => app.synth()).toThrow(message);
  });

  test('a rule switched off in `checks` does not fail synthesis', () => {
    const { app } = build({ stopTimeout: Duration.seconds(300), checks: { disabledRules: ['Fargate-CT3'] } });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('other rejected props', () => {
  test('an internet-facing load balancer in an isolated environment', () => {
    const { stack } = environmentStack();
    const env = new FargateEnvironment(stack, 'Iso', { egress: EnvironmentEgress.ISOLATED });
    expect(() => new FargateWorkload(stack, 'W', { environment: env, image: IMAGE, loadBalancer: WorkloadLoadBalancer.http({ internetFacing: true }) }))
      .toThrow(/S\/W: property `loadBalancer.internetFacing` is true, but the environment's VPC has no public subnets \(its egress is ISOLATED\)/);
  });

  test('access logs in a stack without a region', () => {
    const stack = new Stack(new App(), 'NoRegion');
    const env = new FargateEnvironment(stack, 'Env');
    expect(() => new FargateWorkload(stack, 'W', { environment: env, image: IMAGE, loadBalancer: WorkloadLoadBalancer.http() }))
      .toThrow(/`loadBalancer.accessLogs` is on .* the stack has no region.*Fix: give the stack an `env` with a region, or set `accessLogs: false`/);
    expect(() => new FargateWorkload(stack, 'W2', { environment: env, image: IMAGE, loadBalancer: WorkloadLoadBalancer.http({ accessLogs: false, deletionProtection: false }) }))
      .not.toThrow();
  });

  test('unknown rule IDs in `checks`', () => {
    expect(() => build({ checks: { disabledRules: ['Fargate-XX9'] } })).toThrow(/Unknown Fargate rule ID\(s\) 'Fargate-XX9'/);
  });

});

describe('accepted edge cases', () => {
  test('20 GiB, the default, is left unset rather than written (CloudFormation accepts 21 to 200)', () => {
    const { stack } = build({ ephemeralStorageGiB: 20 });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', { EphemeralStorage: Match.absent() });
  });

  test('Spot on ARM64 builds, with the Fargate-SP2 warning at synthesis', () => {
    const { stack } = build({ runtime: WorkloadRuntime.LINUX_ARM64, capacity: CapacityStrategy.spot() });
    Annotations.fromStack(stack).hasWarning('/S/W/Service/Service', Match.stringLikeRegexp('Fargate-SP2'));
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Service', { CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] });
  });

  test('Windows gets 1 vCPU / 2 GiB and platform version 1.0.0, and no user or read-only root', () => {
    const { stack } = build({ runtime: WorkloadRuntime.WINDOWS_SERVER_2022_CORE });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '1024',
      Memory: '2048',
      RuntimePlatform: { OperatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', CpuArchitecture: 'X86_64' },
      ContainerDefinitions: [Match.objectLike({ User: Match.absent(), ReadonlyRootFilesystem: Match.absent() })],
    });
    template.hasResourceProperties('AWS::ECS::Service', { PlatformVersion: '1.0.0' });
  });

  test('Spot in the strategy raises the stop timeout to the two-minute notice', () => {
    const { stack } = build({ capacity: CapacityStrategy.mixed({ onDemandBase: 2, onDemandWeight: 0, spotWeight: 1 }) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { ContainerDefinitions: [Match.objectLike({ StopTimeout: 120 })] });
    template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Base: 2, Weight: 0 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 1 }],
    });
  });

  test('min equal to max turns target tracking off', () => {
    const { stack, workload } = build({ scaling: { minCapacity: 2, maxCapacity: 2 } });
    Template.fromStack(stack).resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    expect(workload.scalableTaskCount).toBeUndefined();
  });
});

describe('CapacityStrategy', () => {
  test('on demand, Spot, and the default mix', () => {
    expect(CapacityStrategy.onDemand().usesSpot).toBe(false);
    expect(CapacityStrategy.spot().usesSpot).toBe(true);
    expect(CapacityStrategy.mixed().providers).toEqual([
      { capacityProvider: 'FARGATE', base: 1, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
    ]);
  });

  test.each([
    [{ onDemandBase: -1 }, /`onDemandBase` must be a whole number from 0 to 100000, got -1/],
    [{ spotWeight: 1001 }, /`spotWeight` must be a whole number from 0 to 1000, got 1001/],
    [{ onDemandWeight: 0.5 }, /`onDemandWeight` must be a whole number/],
    [{ onDemandWeight: 0, spotWeight: 0 }, /both 0, so no task beyond the base could be placed/],
  ])('mixed(%p) is refused', (options, message) => {
    expect(() => CapacityStrategy.mixed(options)).toThrow(message);
  });
});

describe('WorkloadRuntime', () => {
  test('windows() takes Windows families only', () => {
    expect(WorkloadRuntime.windows(ecs.OperatingSystemFamily.WINDOWS_SERVER_2025_CORE).cpuArchitecture).toBe(ecs.CpuArchitecture.X86_64);
    expect(() => WorkloadRuntime.windows(ecs.OperatingSystemFamily.LINUX)).toThrow(/needs a Windows family, got 'LINUX'/);
  });
});

describe('EphemeralStorage.estimateGiB', () => {
  test.each([
    [{}, 20],
    [{ imageSizesGiB: [3, 2], scratchGiB: 10 }, 20], // 18 with headroom: the default suffices
    [{ imageSizesGiB: [3.2, 0.4], scratchGiB: 40 }, 53],
    [{ scratchGiB: 17, headroomPercent: 20 }, 21], // 20.4 -> 21
    [{ scratchGiB: 100, headroomPercent: 0 }, 100],
    [{ scratchGiB: 200, headroomPercent: 0 }, 200],
  ])('%p -> %p GiB', (props, expected) => {
    expect(EphemeralStorage.estimateGiB(props)).toBe(expected);
  });

  test('above 200 GiB it says to use EFS or EBS, with the ES1 message', () => {
    expect(() => EphemeralStorage.estimateGiB({ scratchGiB: 180 }))
      .toThrow(/the task needs 216 GiB\. \[Fargate-ES1\].*Use an EFS volume \(shared, persistent\) or a per-task EBS volume/);
  });

  test('negative numbers and tokens are refused', () => {
    expect(() => EphemeralStorage.estimateGiB({ scratchGiB: -1 })).toThrow(/`scratchGiB` must be a number of 0 or more, got -1/);
    expect(() => EphemeralStorage.estimateGiB({ imageSizesGiB: [Token.asNumber({ Ref: 'X' })] })).toThrow(/`imageSizesGiB\[0\]` is a token/);
  });
});
