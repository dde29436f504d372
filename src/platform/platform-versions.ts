/**
 * The operating system family of a Fargate task, as far as platform versions are concerned.
 */
export enum FargateOperatingSystem {
  /** Linux (x86_64 or ARM64). */
  LINUX = 'LINUX',
  /** Windows Server (any edition Fargate offers; x86_64 only). */
  WINDOWS = 'WINDOWS',
}

/** `Linux`, `Windows`: how messages and docs name an operating system. @internal */
export function osName(os: FargateOperatingSystem): string {
  return os === FargateOperatingSystem.WINDOWS ? 'Windows' : 'Linux';
}

/**
 * The lifecycle state of a Fargate platform version.
 */
export enum PlatformVersionState {
  /** Supported; new tasks may use it. */
  ACTIVE = 'Active',
  /** Announced for retirement; move off it. */
  DEPRECATING = 'Deprecating',
  /** No longer available; tasks pinned to it are stopped. */
  RETIRED = 'Retired',
  /** Withdrawn; must not be used. */
  RECALLED = 'Recalled',
}

/**
 * One Fargate platform version and what AWS says about it.
 */
export interface PlatformVersionInfo {
  /** The operating system family this version is for. */
  readonly os: FargateOperatingSystem;
  /** The version string as CloudFormation takes it, e.g. `1.4.0`. */
  readonly version: string;
  /** The lifecycle state today. */
  readonly state: PlatformVersionState;
  /** A short note on the state, as messages state it (e.g. `since 2026; tasks on it are stopped`). */
  readonly note: string;
}

/** The version `LATEST` means, in CloudFormation's own spelling. */
export const LATEST = 'LATEST';

/**
 * Every Fargate platform version, as data. Source: *Fargate Linux platform versions*,
 * *Fargate Windows platform versions* (see shared FARGATE-FACTS.md).
 * @internal
 */
export const PLATFORM_VERSIONS: readonly PlatformVersionInfo[] = [
  { os: FargateOperatingSystem.LINUX, version: '1.0.0', state: PlatformVersionState.RETIRED, note: 'tasks on it are stopped' },
  { os: FargateOperatingSystem.LINUX, version: '1.1.0', state: PlatformVersionState.RETIRED, note: 'tasks on it are stopped' },
  { os: FargateOperatingSystem.LINUX, version: '1.2.0', state: PlatformVersionState.RETIRED, note: 'tasks on it are stopped' },
  {
    os: FargateOperatingSystem.LINUX,
    version: '1.3.0',
    state: PlatformVersionState.RETIRED,
    // Retired in 2026: the two AWS mirrors disagree on the month (March or June), both agree it is retired.
    // A message states the fact; the hedge stays here.
    note: 'since 2026; tasks on it are stopped',
  },
  { os: FargateOperatingSystem.LINUX, version: '1.4.0', state: PlatformVersionState.ACTIVE, note: 'current; what LATEST resolves to' },
  { os: FargateOperatingSystem.WINDOWS, version: '1.0.0', state: PlatformVersionState.ACTIVE, note: 'the only Windows version' },
];

/** The version we pin by default, per operating system. @internal */
export const RECOMMENDED_VERSION: Record<FargateOperatingSystem, string> = {
  [FargateOperatingSystem.LINUX]: '1.4.0',
  [FargateOperatingSystem.WINDOWS]: '1.0.0',
};

/**
 * Compares two `x.y.z` version strings. Negative when `a < b`.
 * @internal
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Queries over the Fargate platform version table.
 */
export class FargatePlatformVersions {
  /** Every known version for an operating system, oldest first. */
  public static all(os: FargateOperatingSystem): PlatformVersionInfo[] {
    return PLATFORM_VERSIONS.filter(v => v.os === os);
  }

  /**
   * The entry for a version string, or `undefined` when AWS has no such version.
   * `LATEST` is not a version: it returns `undefined`.
   */
  public static lookup(os: FargateOperatingSystem, version: string): PlatformVersionInfo | undefined {
    return PLATFORM_VERSIONS.find(v => v.os === os && v.version === version);
  }

  /** The version this library pins for an operating system (`1.4.0` for Linux, `1.0.0` for Windows). */
  public static recommended(os: FargateOperatingSystem): string {
    return RECOMMENDED_VERSION[os];
  }

  /** The versions of an operating system that new tasks may use. */
  public static supported(os: FargateOperatingSystem): string[] {
    return FargatePlatformVersions.all(os)
      .filter(v => v.state === PlatformVersionState.ACTIVE || v.state === PlatformVersionState.DEPRECATING)
      .map(v => v.version);
  }

  private constructor() {}
}
