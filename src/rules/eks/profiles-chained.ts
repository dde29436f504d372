import { allProfiles, createdBefore, FARGATE_PROFILE_TYPES, profileFacts } from './facts';
import { defineRule, RuleLevel } from '../rule';

/** Fargate-EK2: the profiles of one cluster are created one at a time. */
export const ProfilesChained = defineRule({
  id: 'Fargate-EK2',
  level: RuleLevel.ERROR,
  summary: 'The Fargate profiles of one EKS cluster depend on each other in a chain',
  explanation: 'A cluster creates or deletes one Fargate profile at a time. CloudFormation creates resources without a dependency between ' +
    'them in parallel, and the second profile fails with ResourceInUseException ("… currently has Fargate profile … in status CREATING").',
  fix: 'Make each profile depend on the one before it (`profile.node.addDependency(previous)`, or `DependsOn`); aws-eks-v2 `cluster.addFargateProfile` ' +
    'and FargateKubernetesEnvironment chain them for you.',
  resourceTypes: FARGATE_PROFILE_TYPES,
  evaluate(resource, ctx) {
    const profile = profileFacts(resource, ctx);
    if (profile.cluster === undefined) return undefined;
    const siblings = allProfiles(ctx).filter(p => p.cluster === profile.cluster);
    const index = siblings.indexOf(profile);
    if (siblings.length < 2) return [];
    const mine = createdBefore(resource.node, ctx);
    // Judge each pair once, on the later profile in construct order.
    const parallel = siblings.slice(0, index)
      .filter(other => !mine.has(other.resource.node) && !createdBefore(other.resource.node, ctx).has(resource.node));
    return parallel.map(other => ({
      property: 'DependsOn',
      value: undefined,
      problem: `no dependency orders this profile and profile ${other.name} of the same cluster, so CloudFormation creates them in parallel`,
      allowed: `a DependsOn chain through every profile of the cluster (this one depending on ${ctx.logicalId(other.resource.node)}, or the reverse)`,
    }));
  },
});
