import { effectiveVersion, fargateLaunches, LAUNCH_RESOURCE_TYPES } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { FargateOperatingSystem, FargatePlatformVersions, PlatformVersionState } from '../platform/platform-versions';

/** Fargate-PV4: the platform version is announced for retirement. */
export const PlatformVersionDeprecating = defineRule({
  id: 'Fargate-PV4',
  level: RuleLevel.WARNING,
  summary: 'The platform version is deprecating',
  explanation: 'AWS has announced the retirement of this platform version. When it retires, tasks pinned to it are stopped.',
  fix: 'Move to the recommended platform version before the retirement date.',
  resourceTypes: LAUNCH_RESOURCE_TYPES,
  evaluate(resource, ctx) {
    const launches = fargateLaunches(resource, ctx);
    if (launches.length === 0) return undefined;
    const findings: Finding[] = [];
    for (const launch of launches) {
      const version = effectiveVersion(launch);
      const os = launch.os;
      if (version === undefined || os === undefined) continue;
      const info = FargatePlatformVersions.lookup(os, version);
      if (info?.state !== PlatformVersionState.DEPRECATING) continue;
      findings.push({
        property: launch.versionPath,
        value: version,
        problem: `${launch.kind}: platform version ${version} is deprecating (${info.note})`,
        allowed: FargatePlatformVersions.all(os).filter(v => v.state === PlatformVersionState.ACTIVE).map(v => v.version).join(', '),
        fix: `Set the platform version to '${FargatePlatformVersions.recommended(os ?? FargateOperatingSystem.LINUX)}'.`,
      });
    }
    return findings;
  },
});
