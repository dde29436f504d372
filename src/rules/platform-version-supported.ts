import { effectiveVersion, fargateLaunches, LAUNCH_RESOURCE_TYPES } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { FargateOperatingSystem, FargatePlatformVersions, LATEST, osName, PlatformVersionState } from '../platform/platform-versions';

const GONE = [PlatformVersionState.RETIRED, PlatformVersionState.RECALLED];

function usable(os: FargateOperatingSystem, version: string): boolean {
  const info = FargatePlatformVersions.lookup(os, version);
  return !!info && !GONE.includes(info.state);
}

function describe(os: FargateOperatingSystem, version: string): string {
  const info = FargatePlatformVersions.lookup(os, version);
  return info ? `${osName(os)} platform version ${version} is ${info.state.toLowerCase()} (${info.note})`
    : `'${version}' is not a Fargate ${osName(os)} platform version`;
}

/** Fargate-PV1: the platform version exists and is not retired, and Windows uses 1.0.0. */
export const PlatformVersionSupported = defineRule({
  id: 'Fargate-PV1',
  level: RuleLevel.ERROR,
  summary: 'The platform version must be one Fargate still runs for the task\'s OS',
  explanation:
    `Linux platform versions ${FargatePlatformVersions.all(FargateOperatingSystem.LINUX).filter(v => GONE.includes(v.state)).map(v => v.version).join(', ')} ` +
    'are retired: tasks pinned to them are stopped and new ones do not start. ' +
    `Windows tasks run only on ${FargatePlatformVersions.supported(FargateOperatingSystem.WINDOWS).join(', ')}. ` +
    'This applies wherever a version is set: services, EventBridge and Scheduler ' +
    'targets, Pipes, Step Functions ecs:runTask states and Batch Fargate job definitions.',
  fix: `Pin '${FargatePlatformVersions.recommended(FargateOperatingSystem.LINUX)}' for Linux ` +
    `(ecs.FargatePlatformVersion.VERSION1_4) or '${FargatePlatformVersions.recommended(FargateOperatingSystem.WINDOWS)}' for Windows.`,
  resourceTypes: LAUNCH_RESOURCE_TYPES,
  evaluate(resource, ctx) {
    const launches = fargateLaunches(resource, ctx);
    if (launches.length === 0) return undefined;
    const findings: Finding[] = [];
    for (const launch of launches) {
      const version = effectiveVersion(launch);
      if (version === undefined || version === LATEST) continue;
      const oses = launch.os ? [launch.os] : [FargateOperatingSystem.LINUX, FargateOperatingSystem.WINDOWS];
      // With the OS unknown (token task definition), only a version no OS accepts is certainly wrong.
      if (oses.some(os => usable(os, version))) continue;
      const os = launch.os ?? FargateOperatingSystem.LINUX;
      findings.push({
        property: launch.versionPath,
        value: version,
        problem: `${launch.kind}: ${describe(os, version)}`,
        allowed: oses.map(o => FargatePlatformVersions.supported(o).join(', ')).join(' or ') +
          (launch.os ? '' : ' (Linux or Windows)'),
        fix: `Set the platform version to '${FargatePlatformVersions.recommended(os)}'.`,
      });
    }
    return findings;
  },
});
