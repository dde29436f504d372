import { App, Aspects, CfnParameter, Size, Stack, Stage, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import { check, ids, l1TaskDefinition, newStack } from './harness';
import { FargatePlatformChecks } from '../../src';

describe('Fargate-TS1 task size', () => {
  test.each([
    ['256', '512'], ['256', '2048'], ['512', '4096'], ['1024', '2048'], ['4096', '30720'], ['8192', '61440'], ['16384', '122880'],
    ['1 vCPU', '2 GB'], ['0.25 vcpu', '0.5GB'], ['.5 vCPU', '1024'], ['2 vCPU', '16GB'],
  ])('Compliance: %s / %s', (cpu, memory) => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', { cpu, memory });
    expect(ids(stack)).toEqual([]);
  });

  test.each([
    ['256', '1536', 'memory 1536 MiB is not valid with cpu 256', '512, 1024, 2048'],
    ['512', '512', 'memory 512 MiB is not valid with cpu 512', '1024–4096 in steps of 1024'],
    ['8192', '18432', 'memory 18432 MiB is not valid with cpu 8192', '16384–61440 in steps of 4096'],
    ['3 vCPU', '6 GB', 'cpu 3072 is not a Fargate CPU size', '256, 512, 1024, 2048, 4096, 8192, 16384, 32768'],
    ['1 vCPU', '9 GB', 'memory 9216 MiB is not valid with cpu 1024', '2048–8192'],
  ])('Noncompliance: %s / %s', (cpu, memory, problem, allowed) => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', { cpu, memory });
    const found = check(stack);
    expect(found.map(f => f.id)).toEqual(['Fargate-TS1']);
    expect(found[0].message).toContain(problem);
    expect(found[0].message).toContain(allowed);
  });

  test('Noncompliance: missing task-level cpu, and an unreadable memory string', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'NoCpu', { cpu: undefined });
    l1TaskDefinition(stack, 'Bad', { memory: '2 TB' });
    expect(check(stack).map(f => [f.path, f.property, f.message.match(/: (.*?)\. Property/)?.[1]])).toEqual([
      ['Stack/NoCpu', 'Cpu', 'task-level cpu is required on Fargate'],
      ['Stack/Bad', 'Memory', 'memory cannot be read'],
    ]);
  });

  describe('32 vCPU and the operating system of each size', () => {
    // One stack, checked once: every case is its own task definition.
    const stack = newStack();
    const linux = (id: string, cpu: string, memory: string) => l1TaskDefinition(stack, id, { cpu, memory });
    const windows = (id: string, cpu: string, memory: string) =>
      l1TaskDefinition(stack, id, { cpu, memory, runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuArchitecture: 'X86_64' } });
    linux('L32x60', '32768', '61440');
    linux('L32x120', '32 vCPU', '120 GB');
    linux('L32x244', '32 vcpu', '244GB');
    windows('W1', '1 vCPU', '2 GB');
    windows('W4', '4096', '30720');
    linux('L32x64', '32768', '65536');
    linux('L32x128', '32 vCPU', '128 GB');
    windows('W8', '8192', '16384');
    windows('W16', '16 vCPU', '120 GB');
    windows('W32', '32768', '249856');
    windows('WQuarter', '256', '512');
    windows('WHalf', '512', '1024');
    new ecs.FargateTaskDefinition(stack, 'L2x244', { cpu: 32768, memoryLimitMiB: 249856 });
    // (aws-cdk-lib's L2 FargateTaskDefinition itself refuses Windows above 4 vCPU at construction.)
    const cpuToken = new CfnParameter(stack, 'WindowsCpu', { type: 'String' }).valueAsString;
    windows('WToken', cpuToken, '16384');
    const found = check(stack).filter(f => f.id === 'Fargate-TS1');
    const problemOf = (id: string) => found.filter(f => f.path.replace(/\/Resource$/, '') === `Stack/${id}`)
      .map(f => f.message.match(/: ([^:]*?)\. Property/)?.[1]);

    test('Compliance: 32 vCPU Linux with 60, 120 and 244 GB, in numbers and string forms; Windows at 1 and 4 vCPU; a token', () => {
      for (const id of ['L32x60', 'L32x120', 'L32x244', 'L2x244', 'W1', 'W4', 'WToken']) expect([id, problemOf(id)]).toEqual([id, []]);
    });

    test('Noncompliance: 32 vCPU with any other memory', () => {
      expect(problemOf('L32x64')).toEqual(['memory 65536 MiB is not valid with cpu 32768']);
      expect(problemOf('L32x128')).toEqual(['memory 131072 MiB is not valid with cpu 32768']);
      expect(found.find(f => f.path === 'Stack/L32x64')!.message).toContain('Allowed: memory for cpu 32768: 61440, 122880, 249856 MiB.');
    });

    test('Noncompliance: Windows at 8, 16 and 32 vCPU (Linux only) and below 1 vCPU', () => {
      expect(problemOf('W8')).toEqual(['cpu 8192 (8 vCPU) is a Linux only size, and this task runs Windows']);
      expect(problemOf('W16')).toEqual(['cpu 16384 (16 vCPU) is a Linux only size, and this task runs Windows']);
      expect(problemOf('W32')).toEqual(['cpu 32768 (32 vCPU) is a Linux only size, and this task runs Windows']);
      expect(problemOf('WQuarter')).toEqual(['cpu 256 (0.25 vCPU) is a Linux only size, and this task runs Windows']);
      expect(found.find(f => f.path === 'Stack/WHalf')!.message).toContain('Allowed: cpu 1024, 2048, 4096 on Windows.');
    });
  });

  test('Compliance: tokens are skipped (parameters, number tokens)', () => {
    const stack = newStack();
    const cpu = new CfnParameter(stack, 'Cpu', { type: 'String' });
    l1TaskDefinition(stack, 'Param', { cpu: cpu.valueAsString, memory: '3' });
    l1TaskDefinition(stack, 'Num', { cpu: Token.asString(new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber) });
    expect(ids(stack)).toEqual([]);
  });

  test('additionalTaskSizes admits a size before the table has it', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', { cpu: '65536', memory: '491520' });
    expect(ids(stack)).toEqual(['Fargate-TS1']);
    expect(ids(stack, { additionalTaskSizes: [{ cpu: 65536, minMemoryMiB: 491520, maxMemoryMiB: 491520 }] })).toEqual([]);
  });

  test('Compliance: EC2-only task definitions are not judged', () => {
    const stack = newStack();
    new ecs.CfnTaskDefinition(stack, 'Ec2', {
      requiresCompatibilities: ['EC2'],
      networkMode: 'bridge',
      cpu: '3',
      memory: '7',
      containerDefinitions: [{ name: 'a', image: 'a', privileged: true, logConfiguration: { logDriver: 'json-file' }, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
    });
    new ecs.CfnTaskDefinition(stack, 'NoCompatibilities', { containerDefinitions: [{ name: 'a', image: 'a', memory: 64 }] });
    expect(ids(stack)).toEqual([]);
  });

  test('Noncompliance: L2 FargateTaskDefinition with an invalid pair', () => {
    const stack = newStack();
    const td = new ecs.FargateTaskDefinition(stack, 'Td', { cpu: 512, memoryLimitMiB: 512 });
    td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'a' }) });
    expect(check(stack).map(f => [f.id, f.path])).toEqual([['Fargate-TS1', 'Stack/Td/Resource']]);
  });
});

describe('Fargate-TS2 container memory', () => {
  test('Noncompliance: a container asks for more than the task has; Compliance: equal', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Over', {}, { memory: 1024 });
    l1TaskDefinition(stack, 'Equal', {}, { memory: 512 });
    l1TaskDefinition(stack, 'StringForm', { memory: '1 GB', cpu: '512' }, { memory: 1024 });
    expect(check(stack).map(f => [f.id, f.path, f.property])).toEqual([['Fargate-TS2', 'Stack/Over', 'ContainerDefinitions[0].Memory']]);
  });
});

describe('Fargate-ES1 ephemeral storage', () => {
  test.each([[20, true], [21, false], [200, false], [201, true], [250, true]])('%s GiB -> finding: %s', (size, bad) => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', { ephemeralStorage: { sizeInGiB: size } });
    expect(ids(stack)).toEqual(bad ? ['Fargate-ES1'] : []);
  });

  test('above 200 points at EFS or EBS', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', { ephemeralStorage: { sizeInGiB: 250 } });
    expect(check(stack)[0].message).toContain('Use an EFS volume (shared, persistent) or a per-task EBS volume');
  });

  test('Compliance: token size', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', { ephemeralStorage: { sizeInGiB: new CfnParameter(stack, 'S', { type: 'Number' }).valueAsNumber } });
    expect(ids(stack)).toEqual([]);
  });
});

describe('Fargate-NW1 / NW2 networking', () => {
  test('Noncompliance: bridge, and omitted network mode', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Bridge', { networkMode: 'bridge' });
    l1TaskDefinition(stack, 'Omitted', { networkMode: undefined });
    expect(check(stack).map(f => [f.id, f.path])).toEqual([['Fargate-NW1', 'Stack/Bridge'], ['Fargate-NW1', 'Stack/Omitted']]);
  });

  test('Noncompliance: hostPort differs; Compliance: equal or omitted', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', {}, { portMappings: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 81 }, { containerPort: 82 }] });
    expect(check(stack).map(f => [f.id, f.property])).toEqual([['Fargate-NW2', 'ContainerDefinitions[0].PortMappings[0].HostPort']]);
  });
});

describe('Fargate-LG1 log drivers', () => {
  test.each(['awslogs', 'splunk', 'awsfirelens'])('Compliance: %s', (logDriver) => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', {}, { logConfiguration: { logDriver } });
    expect(ids(stack)).toEqual([]);
  });

  test.each(['json-file', 'syslog', 'fluentd'])('Noncompliance: %s', (logDriver) => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', {}, { logConfiguration: { logDriver } });
    expect(check(stack).map(f => f.message)).toEqual([expect.stringContaining(`uses the ${logDriver} log driver`)]);
  });
});

describe('Fargate-CT1 / CT2 / CT3 container parameters', () => {
  test.each<[string, Partial<ecs.CfnTaskDefinition.ContainerDefinitionProperty>, string]>([
    ['privileged', { privileged: true }, 'ContainerDefinitions[0].Privileged'],
    ['links', { links: ['db'] }, 'ContainerDefinitions[0].Links'],
    ['dnsServers', { dnsServers: ['10.0.0.2'] }, 'ContainerDefinitions[0].DnsServers'],
    ['dnsSearchDomains', { dnsSearchDomains: ['corp'] }, 'ContainerDefinitions[0].DnsSearchDomains'],
    ['extraHosts', { extraHosts: [{ hostname: 'a', ipAddress: '10.0.0.1' }] }, 'ContainerDefinitions[0].ExtraHosts'],
    ['dockerSecurityOptions', { dockerSecurityOptions: ['no-new-privileges'] }, 'ContainerDefinitions[0].DockerSecurityOptions'],
    ['disableNetworking', { disableNetworking: true }, 'ContainerDefinitions[0].DisableNetworking'],
    ['devices', { linuxParameters: { devices: [{ hostPath: '/dev/fuse' }] } }, 'ContainerDefinitions[0].LinuxParameters.Devices'],
    ['sharedMemorySize', { linuxParameters: { sharedMemorySize: 64 } }, 'ContainerDefinitions[0].LinuxParameters.SharedMemorySize'],
    ['tmpfs', { linuxParameters: { tmpfs: [{ containerPath: '/tmp', size: 64 }] } }, 'ContainerDefinitions[0].LinuxParameters.Tmpfs'],
    ['maxSwap', { linuxParameters: { maxSwap: 1024 } }, 'ContainerDefinitions[0].LinuxParameters.MaxSwap'],
    ['GPU', { resourceRequirements: [{ type: 'GPU', value: '1' }] }, 'ContainerDefinitions[0].ResourceRequirements[0].Type'],
  ])('Noncompliance: %s', (_name, container, property) => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', {}, container);
    expect(check(stack).map(f => [f.id, f.property])).toEqual([['Fargate-CT1', property]]);
  });

  test('Compliance: privileged false and empty lists are not "set"', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', {}, { privileged: false, links: [], disableNetworking: false, linuxParameters: { initProcessEnabled: true } });
    expect(ids(stack)).toEqual([]);
  });

  test('Noncompliance: NET_ADMIN added; Compliance: SYS_PTRACE added, anything dropped', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', {}, { linuxParameters: { capabilities: { add: ['SYS_PTRACE', 'NET_ADMIN'], drop: ['ALL'] } } });
    const found = check(stack);
    expect(found.map(f => [f.id, f.property])).toEqual([['Fargate-CT2', 'ContainerDefinitions[0].LinuxParameters.Capabilities.Add[1]']]);
    expect(found[0].message).toContain("got 'NET_ADMIN'. Allowed: SYS_PTRACE");
  });

  test('Noncompliance: L2 addCapabilities(NET_ADMIN)', () => {
    const stack = newStack();
    const td = new ecs.FargateTaskDefinition(stack, 'Td');
    const linuxParameters = new ecs.LinuxParameters(stack, 'Lp');
    linuxParameters.addCapabilities(ecs.Capability.NET_ADMIN);
    td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), linuxParameters, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'a' }) });
    expect(ids(stack)).toEqual(['Fargate-CT2']);
  });

  test('Noncompliance: stopTimeout 300; Compliance: 120', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Slow', {}, { stopTimeout: 300 });
    l1TaskDefinition(stack, 'Ok', {}, { stopTimeout: 120 });
    const found = check(stack);
    expect(found.map(f => [f.id, f.path])).toEqual([['Fargate-CT3', 'Stack/Slow']]);
    expect(found[0].message).toContain('Allowed: 0 to 120 seconds');
  });
});

describe('Fargate-TD1 task parameters', () => {
  test('Noncompliance: ipcMode, placement constraints, pidMode host, docker volume, host path', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', {
      ipcMode: 'host',
      pidMode: 'host',
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:x == y' }],
      volumes: [{ name: 'd', dockerVolumeConfiguration: { driver: 'local' } }, { name: 'h', host: { sourcePath: '/var/run' } }],
    });
    expect(check(stack).map(f => [f.id, f.property])).toEqual([
      ['Fargate-TD1', 'IpcMode'], ['Fargate-TD1', 'PlacementConstraints'], ['Fargate-TD1', 'PidMode'],
      ['Fargate-TD1', 'Volumes[0].DockerVolumeConfiguration'], ['Fargate-TD1', 'Volumes[1].Host.SourcePath'],
    ]);
  });

  test('Compliance: pidMode task, bind mount without a source path', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', { pidMode: 'task', volumes: [{ name: 'scratch' }, { name: 'h', host: {} }] });
    expect(ids(stack)).toEqual([]);
  });
});

describe('Fargate-WN1 Windows', () => {
  const windows = { cpu: '1024', memory: '2048', runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE', cpuArchitecture: 'X86_64' } };

  test('Noncompliance: Linux-only settings, EFS and ARM64', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', {
      ...windows,
      runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE', cpuArchitecture: 'ARM64' },
      volumes: [{ name: 'efs', efsVolumeConfiguration: { filesystemId: 'fs-1', transitEncryption: 'ENABLED' } }],
    }, { user: '1000', readonlyRootFilesystem: true, linuxParameters: { initProcessEnabled: true } });
    expect(check(stack).map(f => f.property)).toEqual([
      'RuntimePlatform.CpuArchitecture', 'Volumes[0].EFSVolumeConfiguration',
      'ContainerDefinitions[0].LinuxParameters', 'ContainerDefinitions[0].User', 'ContainerDefinitions[0].ReadonlyRootFilesystem',
    ]);
  });

  test('Compliance: a plain Windows task', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', windows, { readonlyRootFilesystem: false });
    expect(ids(stack)).toEqual([]);
  });
});

describe('Fargate-EF1 EFS volumes', () => {
  const efsVolume = (cfg: Partial<ecs.CfnTaskDefinition.EFSVolumeConfigurationProperty>) =>
    ({ volumes: [{ name: 'data', efsVolumeConfiguration: { filesystemId: 'fs-1', ...cfg } }] });

  test.each<[string, Partial<ecs.CfnTaskDefinition.EFSVolumeConfigurationProperty>, string[]]>([
    ['access point without TLS', { authorizationConfig: { accessPointId: 'fsap-1' } }, ['Volumes[0].EFSVolumeConfiguration.TransitEncryption']],
    ['IAM without TLS', { authorizationConfig: { iam: 'ENABLED' }, transitEncryption: 'DISABLED' }, ['Volumes[0].EFSVolumeConfiguration.TransitEncryption']],
    ['access point with a root directory', { authorizationConfig: { accessPointId: 'fsap-1' }, transitEncryption: 'ENABLED', rootDirectory: '/data' }, ['Volumes[0].EFSVolumeConfiguration.RootDirectory']],
    ['access point, TLS, root /', { authorizationConfig: { accessPointId: 'fsap-1', iam: 'ENABLED' }, transitEncryption: 'ENABLED', rootDirectory: '/' }, []],
    ['no access point, no TLS, root dir', { rootDirectory: '/data' }, []],
  ])('%s', (_name, cfg, properties) => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', efsVolume(cfg));
    expect(check(stack).map(f => f.property)).toEqual(properties);
  });
});

describe('Fargate-EB1 one EBS volume per task', () => {
  const volumes = (...atLaunch: boolean[]) => ({ volumes: atLaunch.map((a, i) => ({ name: `v${i}`, configuredAtLaunch: a })) });

  test('Noncompliance: two volumes configured at launch', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', volumes(true, true));
    const found = check(stack);
    expect(found.map(f => [f.id, f.property])).toEqual([['Fargate-EB1', 'Volumes']]);
    expect(found[0].message).toMatch(/^\[Fargate-EB1\] .*2 volumes are configured at launch\. Property `Volumes`, got \["v0","v1"\]\. Allowed: at most 1/);
  });

  test('Compliance: one at launch plus a bind mount; and an L2 ServiceManagedVolume', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', volumes(true, false));
    const td = new ecs.FargateTaskDefinition(stack, 'L2');
    const container = td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'a' }) });
    const volume = new ecs.ServiceManagedVolume(stack, 'Ebs', { name: 'ebs', managedEBSVolume: { size: Size.gibibytes(30) } });
    volume.mountIn(container, { containerPath: '/data', readOnly: false });
    td.addVolume(volume);
    expect(ids(stack)).toEqual([]);
  });

  test('Skipped: a token in ConfiguredAtLaunch is not counted', () => {
    const stack = newStack();
    const flag = Token.asAny(new CfnParameter(stack, 'P').valueAsString) as any;
    l1TaskDefinition(stack, 'Td', { volumes: [{ name: 'a', configuredAtLaunch: true }, { name: 'b', configuredAtLaunch: flag }] });
    expect(ids(stack)).toEqual([]);
  });

  test('Compliance in a Stage: the Aspect reaches it, and finds two at launch there too', () => {
    const app = new App();
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    l1TaskDefinition(stack, 'Td', volumes(true, true));
    Aspects.of(app).add(new FargatePlatformChecks());
    expect(() => app.synth()).toThrow(/Prod\/S\/Td: \[Fargate-EB1\]/);
  });
});

describe('Fargate-EF2 the file-system policy lets the task role mount', () => {
  /** An L2 file system (with aws-cdk-lib's denyAnonymousAccess policy when asked) mounted with IAM by an L2 task. */
  function mounted(options: { denyAnonymousAccess: boolean; grant?: string; roleless?: boolean }): Stack {
    const app = new App({ context: { '@aws-cdk/aws-efs:denyAnonymousAccess': options.denyAnonymousAccess } });
    const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const fs = new efs.FileSystem(stack, 'Fs', { vpc });
    const td = new ecs.FargateTaskDefinition(stack, 'Td');
    td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'a' }) });
    td.addVolume({
      name: 'data',
      efsVolumeConfiguration: { fileSystemId: fs.fileSystemId, transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED' } },
    });
    if (options.grant) fs.grant(td.taskRole, options.grant);
    return stack;
  }
  const ef2 = (stack: Stack) => check(stack).filter(f => f.id === 'Fargate-EF2');

  test('Noncompliance: aws-cdk-lib\'s denyAnonymousAccess policy leaves out ClientMount (aws-cdk 33669)', () => {
    const found = ef2(mounted({ denyAnonymousAccess: true }));
    expect(found.map(f => f.property)).toEqual(['Volumes[0].EFSVolumeConfiguration.AuthorizationConfig.IAM']);
    expect(found[0].message).toContain("volume 'data' mounts S/Fs/Resource as the task role, and neither the file-system policy nor the role's policies allow elasticfilesystem:ClientMount");
  });

  test('Compliance: the role is granted ClientMount, or a wildcard that covers it', () => {
    expect(ef2(mounted({ denyAnonymousAccess: true, grant: 'elasticfilesystem:ClientMount' }))).toEqual([]);
    expect(ef2(mounted({ denyAnonymousAccess: true, grant: 'elasticfilesystem:Client*' }))).toEqual([]);
  });

  test('Compliance: no file-system policy at all (EFS then allows IAM-authorized clients)', () => {
    expect(ef2(mounted({ denyAnonymousAccess: false }))).toEqual([]);
  });

  test('Skipped: an imported file system', () => {
    const stack = newStack();
    l1TaskDefinition(stack, 'Td', {
      volumes: [{ name: 'd', efsVolumeConfiguration: { filesystemId: 'fs-123', transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED' } } }],
    });
    expect(ids(stack)).toEqual([]);
  });
});

describe('Fargate-EF3 mount targets accept NFS from the tasks', () => {
  function service(options: { allow?: boolean; importedGroup?: boolean }): Stack {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const fs = new efs.FileSystem(stack, 'Fs', {
      vpc,
      securityGroup: options.importedGroup ? ec2.SecurityGroup.fromSecurityGroupId(stack, 'Imported', 'sg-12345') : undefined,
    });
    const td = new ecs.FargateTaskDefinition(stack, 'Td');
    td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'a' }) });
    td.addVolume({ name: 'data', efsVolumeConfiguration: { fileSystemId: fs.fileSystemId, transitEncryption: 'ENABLED' } });
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
    const svc = new ecs.FargateService(stack, 'Svc', { cluster, taskDefinition: td, platformVersion: ecs.FargatePlatformVersion.VERSION1_4 });
    if (options.allow) fs.connections.allowDefaultPortFrom(svc);
    return stack;
  }
  const ef3 = (stack: Stack) => check(stack).filter(f => f.id === 'Fargate-EF3');

  test('Noncompliance: the mount targets\' security group does not let the service in', () => {
    const found = ef3(service({}));
    expect(found.map(f => [f.level, f.path])).toEqual([['warning', 'Stack/Svc/Service']]);
    expect(found[0].message).toContain("the mount targets of Stack/Fs/Resource (volume 'data') do not accept TCP 2049 from the service's security groups");
  });

  test('Compliance: allowDefaultPortFrom(service)', () => {
    expect(ef3(service({ allow: true }))).toEqual([]);
  });

  test('Skipped: mount targets in an imported security group', () => {
    expect(ef3(service({ importedGroup: true }))).toEqual([]);
  });
});
