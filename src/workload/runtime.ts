import * as ecs from 'aws-cdk-lib/aws-ecs';
import { unscopedPropsError } from '../errors';
import { FargateOperatingSystem } from '../platform/platform-versions';

/**
 * The operating system and CPU architecture a workload's tasks run on.
 */
export class WorkloadRuntime {
  /** Linux on x86_64. */
  public static readonly LINUX_X86_64 = new WorkloadRuntime(ecs.OperatingSystemFamily.LINUX, ecs.CpuArchitecture.X86_64);

  /**
   * Linux on ARM64 (Graviton). Fargate Spot on ARM64 draws a warning (`Fargate-SP2`): AWS's documents
   * disagree on whether it is offered.
   */
  public static readonly LINUX_ARM64 = new WorkloadRuntime(ecs.OperatingSystemFamily.LINUX, ecs.CpuArchitecture.ARM64);

  /** Windows Server 2019 Core on x86_64. Platform version 1.0.0, 1 to 4 vCPU, no Spot, no EFS. */
  public static readonly WINDOWS_SERVER_2019_CORE = WorkloadRuntime.windows(ecs.OperatingSystemFamily.WINDOWS_SERVER_2019_CORE);

  /** Windows Server 2022 Core on x86_64. Platform version 1.0.0, 1 to 4 vCPU, no Spot, no EFS. */
  public static readonly WINDOWS_SERVER_2022_CORE = WorkloadRuntime.windows(ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE);

  /**
   * Windows on x86_64, for a Windows family not listed above (Windows runs on x86_64 only).
   */
  public static windows(family: ecs.OperatingSystemFamily): WorkloadRuntime {
    if (!family.isWindows()) {
      throw unscopedPropsError('NotAWindowsFamily', `WorkloadRuntime.windows() needs a Windows family, got '${family._operatingSystemFamily}'. ` +
        'Fix: use WorkloadRuntime.LINUX_X86_64 or LINUX_ARM64 for Linux.');
    }
    return new WorkloadRuntime(family, ecs.CpuArchitecture.X86_64);
  }

  /** The operating system family written to the task definition. */
  public readonly operatingSystemFamily: ecs.OperatingSystemFamily;
  /** The CPU architecture written to the task definition. */
  public readonly cpuArchitecture: ecs.CpuArchitecture;
  /** The operating system, as the platform-version table knows it. */
  public readonly os: FargateOperatingSystem;

  private constructor(family: ecs.OperatingSystemFamily, architecture: ecs.CpuArchitecture) {
    this.operatingSystemFamily = family;
    this.cpuArchitecture = architecture;
    this.os = family.isWindows() ? FargateOperatingSystem.WINDOWS : FargateOperatingSystem.LINUX;
  }

  /** The runtime platform for `ecs.FargateTaskDefinition`. */
  public get runtimePlatform(): ecs.RuntimePlatform {
    return { operatingSystemFamily: this.operatingSystemFamily, cpuArchitecture: this.cpuArchitecture };
  }
}
