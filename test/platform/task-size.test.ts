import { CfnParameter, Stack, Token } from 'aws-cdk-lib';
import { FargateOperatingSystem, FargatePlatformVersions, FargateFeatures, FargateFeature, PlatformVersionState, TaskSize } from '../../src';

describe('TaskSize', () => {
  test('of() accepts table pairs and exposes vCPU and GiB', () => {
    const size = TaskSize.of(1024, 2048);
    expect([size.cpu, size.memoryMiB, size.vcpu, size.memoryGiB, size.toString()]).toEqual([1024, 2048, 1, 2, '1 vCPU / 2048 MiB']);
    expect(TaskSize.of(16384, 122880).minimumPlatformVersion).toBe('1.4.0');
    expect(TaskSize.of(32768, 249856).minimumPlatformVersion).toBe('1.4.0');
    expect(TaskSize.of(4096, 8192).minimumPlatformVersion).toBeUndefined();
  });

  test('of() throws the Fargate-TS1 message', () => {
    expect(() => TaskSize.of(512, 512)).toThrow(
      'Not a Fargate task size: memory 512 MiB is not valid with cpu 512. Got 512/512. Allowed: memory for cpu 512: 1024–4096 in steps of 1024 MiB.',
    );
    expect(() => TaskSize.of(512, 1024, { os: FargateOperatingSystem.WINDOWS })).toThrow(
      'Not a Fargate task size: cpu 512 (0.5 vCPU) is a Linux only size, and this task runs Windows. Got 512/1024. Allowed: cpu 1024, 2048, 4096 on Windows.',
    );
    expect(() => TaskSize.of(8192, 16384, { os: FargateOperatingSystem.WINDOWS })).toThrow(/cpu 8192 \(8 vCPU\) is a Linux only size/);
  });

  test('parse() reads the string forms', () => {
    expect(TaskSize.parse('0.25 vCPU', '0.5GB').memoryMiB).toBe(512);
    expect(TaskSize.parse('2 vcpu', '4 GB').cpu).toBe(2048);
    expect(() => TaskSize.parse('1 core', '2 GB')).toThrow(/cpu cannot be read/);
  });

  test('tokens are accepted unchecked', () => {
    const stack = new Stack();
    const cpu = new CfnParameter(stack, 'C', { type: 'Number' }).valueAsNumber;
    const size = TaskSize.of(cpu, 3);
    expect(Token.isUnresolved(size.cpu)).toBe(true);
    expect(size.minimumPlatformVersion).toBeUndefined();
  });

  test('memoryOptions and cpuOptions read the table', () => {
    expect(TaskSize.memoryOptions(256)).toEqual([512, 1024, 2048]);
    expect(TaskSize.memoryOptions(8192)).toEqual([16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440]);
    expect(TaskSize.memoryOptions(3000)).toEqual([]);
    expect(TaskSize.memoryOptions(32768)).toEqual([61440, 122880, 249856]);
    expect(TaskSize.cpuOptions()).toEqual([256, 512, 1024, 2048, 4096, 8192, 16384, 32768]);
    expect(TaskSize.cpuOptions(FargateOperatingSystem.WINDOWS)).toEqual([1024, 2048, 4096]);
    expect(TaskSize.memoryOptions(8192, [], FargateOperatingSystem.WINDOWS)).toEqual([]);
    expect(TaskSize.operatingSystems(32768)).toEqual([FargateOperatingSystem.LINUX]);
    expect(TaskSize.operatingSystems(2048)).toEqual([FargateOperatingSystem.LINUX, FargateOperatingSystem.WINDOWS]);
    expect(TaskSize.isValid(32768, 249856)).toBe(true);
    expect(TaskSize.isValid(32768, 249856, { os: FargateOperatingSystem.WINDOWS })).toBe(false);
    expect(TaskSize.isValid(32768, 65536)).toBe(false);
    expect(TaskSize.isValid(32768, 65536, { additionalSizes: [{ cpu: 32768, minMemoryMiB: 65536, maxMemoryMiB: 65536 }] })).toBe(true);
  });
});

describe('platform versions and features', () => {
  test('Linux 1.4.0 is the only supported Linux version; Windows 1.0.0', () => {
    expect(FargatePlatformVersions.supported(FargateOperatingSystem.LINUX)).toEqual(['1.4.0']);
    expect(FargatePlatformVersions.supported(FargateOperatingSystem.WINDOWS)).toEqual(['1.0.0']);
    expect(FargatePlatformVersions.lookup(FargateOperatingSystem.LINUX, '1.3.0')?.state).toBe(PlatformVersionState.RETIRED);
    expect(FargatePlatformVersions.lookup(FargateOperatingSystem.LINUX, 'LATEST')).toBeUndefined();
  });

  test('feature minimum versions', () => {
    expect(FargateFeatures.info(FargateFeature.EFS_VOLUMES).minimumVersion).toBe('1.4.0');
    expect(FargateFeatures.info(FargateFeature.FARGATE_SPOT).minimumVersion).toBe('1.3.0');
    expect(FargateFeatures.all()).toHaveLength(Object.keys(FargateFeature).length);
  });
});
