import { allProfiles, FARGATE_PROFILE_TYPES, profileFacts } from './facts';
import { EKS_PROFILE_QUOTAS } from '../../platform/eks';
import { defineRule, Finding, RuleLevel } from '../rule';

/** Fargate-EK3: profile, selector and label counts within the default quotas. */
export const ProfileQuotas = defineRule({
  id: 'Fargate-EK3',
  level: RuleLevel.WARNING,
  summary: 'EKS Fargate profiles, selectors and labels stay within the default quotas',
  explanation: `By default a cluster has at most ${EKS_PROFILE_QUOTAS.profilesPerCluster} Fargate profiles, a profile at most ` +
    `${EKS_PROFILE_QUOTAS.selectorsPerProfile} selectors and a selector at most ${EKS_PROFILE_QUOTAS.labelsPerSelector} labels. Past them the ` +
    'profile is refused at deploy, unless the account\'s quota was raised (the quotas are adjustable, hence a warning).',
  fix: 'Merge selectors (namespaces take `*` and `?` wildcards) or profiles, or acknowledge this warning once the quota is raised for the account.',
  resourceTypes: FARGATE_PROFILE_TYPES,
  evaluate(resource, ctx) {
    const profile = profileFacts(resource, ctx);
    if (profile.selectors === undefined) return undefined;
    const out: Finding[] = [];
    if (profile.selectors.length > EKS_PROFILE_QUOTAS.selectorsPerProfile) {
      out.push({
        property: profile.selectorsPath,
        value: `${profile.selectors.length} selectors`,
        problem: `the profile has ${profile.selectors.length} selectors`,
        allowed: `at most ${EKS_PROFILE_QUOTAS.selectorsPerProfile} selectors (default quota)`,
      });
    }
    for (const s of profile.selectors) {
      if (s.labels && s.labels.length > EKS_PROFILE_QUOTAS.labelsPerSelector) {
        out.push({
          property: `${s.path}.Labels`,
          value: `${s.labels.length} labels`,
          problem: `a selector has ${s.labels.length} labels`,
          allowed: `at most ${EKS_PROFILE_QUOTAS.labelsPerSelector} labels per selector (default quota)`,
        });
      }
    }
    if (profile.cluster !== undefined) {
      const siblings = allProfiles(ctx).filter(p => p.cluster === profile.cluster);
      const position = siblings.indexOf(profile) + 1;
      if (position > EKS_PROFILE_QUOTAS.profilesPerCluster) {
        out.push({
          property: 'ClusterName',
          value: `profile ${position} of the cluster`,
          problem: `this is profile number ${position} of its cluster`,
          allowed: `at most ${EKS_PROFILE_QUOTAS.profilesPerCluster} profiles per cluster (default quota)`,
        });
      }
    }
    return out;
  },
});
