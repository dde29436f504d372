import { effectiveVersion, fargateLaunches, LAUNCH_RESOURCE_TYPES } from './facts';
import { featuresUsed } from './features-used';
import { defineRule, Finding, RuleLevel } from './rule';
import { FEATURES } from '../platform/features';
import { compareVersions, FargateOperatingSystem, FargatePlatformVersions, LATEST } from '../platform/platform-versions';

/** Fargate-PV3: a feature in use needs a newer platform version than the one pinned. */
export const PlatformVersionFeatures = defineRule({
  id: 'Fargate-PV3',
  level: RuleLevel.ERROR,
  summary: 'Every feature the task uses must exist in the pinned platform version',
  explanation:
    `Features arrived with platform versions: ${Object.values(FEATURES).map(f => `${f.name} (${f.minimumVersion})`).join(', ')}. ` +
    'ECS refuses to start a task that uses a feature its platform version lacks.',
  fix: `Pin '${FargatePlatformVersions.recommended(FargateOperatingSystem.LINUX)}', which has every feature.`,
  resourceTypes: LAUNCH_RESOURCE_TYPES,
  evaluate(resource, ctx) {
    const launches = fargateLaunches(resource, ctx);
    if (launches.length === 0) return undefined;
    const findings: Finding[] = [];
    for (const launch of launches) {
      const version = effectiveVersion(launch);
      if (version === undefined || version === LATEST || launch.os !== FargateOperatingSystem.LINUX) continue;
      if (!FargatePlatformVersions.lookup(FargateOperatingSystem.LINUX, version)) continue; // Fargate-PV1 reports it
      for (const use of featuresUsed(launch)) {
        const info = FEATURES[use.feature];
        if (compareVersions(version, info.minimumVersion) >= 0) continue;
        findings.push({
          property: launch.versionPath,
          value: version,
          problem: `${launch.kind} pins platform version ${version}, but ${info.name} (used at \`${use.property}\`) needs ${info.minimumVersion} or later`,
          allowed: `platform version ${info.minimumVersion} or later for ${info.name}`,
        });
      }
    }
    return findings;
  },
});
