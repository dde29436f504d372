import { effectiveVersion, fargateLaunches, LAUNCH_RESOURCE_TYPES } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { FargateOperatingSystem, FargatePlatformVersions, LATEST } from '../platform/platform-versions';

/** Fargate-PV2: LATEST, written or implied by omission. */
export const PlatformVersionLatest = defineRule({
  id: 'Fargate-PV2',
  level: RuleLevel.WARNING,
  summary: 'The platform version should be pinned, not LATEST',
  explanation:
    'LATEST is resolved once, when a service is created or updated, and the service keeps that version even as it ' +
    'scales out later; omitting the platform version means LATEST. What runs then depends on when the resource was ' +
    'last updated, not on the template. Compliance controls disagree with pinning: AWS Control Tower CT.ECS.PR.1 ' +
    'requires LATEST (or no version) on a service with LaunchType FARGATE and does not judge a service that uses a ' +
    'capacity provider strategy; Security Hub ECS.10 accepts LATEST or the newest version; checkov CKV_AWS_332 wants ' +
    'LATEST. In an account that enforces CT.ECS.PR.1, launch through a capacity provider strategy and keep the pin, or ' +
    'use LATEST with latestVersionLevel OFF.',
  fix: `Pin the platform version explicitly: '${FargatePlatformVersions.recommended(FargateOperatingSystem.LINUX)}' for Linux, ` +
    `'${FargatePlatformVersions.recommended(FargateOperatingSystem.WINDOWS)}' for Windows.`,
  resourceTypes: LAUNCH_RESOURCE_TYPES,
  evaluate(resource, ctx) {
    const launches = fargateLaunches(resource, ctx);
    if (launches.length === 0) return undefined;
    const findings: Finding[] = [];
    for (const launch of launches) {
      if (effectiveVersion(launch) !== LATEST) continue;
      const pin = FargatePlatformVersions.recommended(launch.os ?? FargateOperatingSystem.LINUX);
      findings.push({
        property: launch.versionPath,
        value: launch.version,
        problem: `${launch.kind} uses platform version LATEST${launch.version === undefined ? ' (the version is omitted, which means LATEST)' : ''}, ` +
          `which resolves once to the current version (today ${pin}) and then stays put`,
        allowed: `an explicit version, '${pin}'`,
        fix: `Set the platform version to '${pin}' (ecs.FargatePlatformVersion.VERSION1_4 for Linux).`,
      });
    }
    return findings;
  },
});
