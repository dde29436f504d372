import { asArray, isUnresolved, ResolvedResource, RuleContext } from './context';
import { CLUSTER_CAPACITY_PROVIDER_ASSOCIATIONS, SERVICE } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { MAX_CAPACITY_PROVIDERS_IN_STRATEGY } from '../platform/fargate-support';

/** The capacity providers associated with a cluster, or `undefined` when that cannot be known. */
function clusterProviders(service: ResolvedResource, ctx: RuleContext): string[] | undefined {
  const cluster = ctx.deref(service.props.Cluster);
  if (!cluster) return undefined;
  const names = [...asArray(cluster.props.CapacityProviders)];
  for (const assoc of ctx.ofType(CLUSTER_CAPACITY_PROVIDER_ASSOCIATIONS)) {
    if (ctx.refersTo(assoc.props.Cluster, cluster)) names.push(...asArray(assoc.props.CapacityProviders));
  }
  return names.some(isUnresolved) ? undefined : names;
}

/** Fargate-SP3: a service's capacity provider strategy is one ECS accepts. */
export const CapacityProviderStrategyValid = defineRule({
  id: 'Fargate-SP3',
  level: RuleLevel.ERROR,
  summary: 'A service\'s capacity provider strategy must be one ECS accepts',
  explanation:
    `A strategy holds at most ${MAX_CAPACITY_PROVIDERS_IN_STRATEGY} providers, only one of them may have a base, and ` +
    'every provider it names must be associated with the service\'s cluster; otherwise CreateService fails.',
  fix: 'Associate FARGATE and FARGATE_SPOT with the cluster (enableFargateCapacityProviders), and give a base to one provider only.',
  resourceTypes: [SERVICE],
  evaluate(resource, ctx) {
    const strategy = resource.props.CapacityProviderStrategy;
    if (!Array.isArray(strategy)) return undefined;
    const findings: Finding[] = [];
    if (strategy.length > MAX_CAPACITY_PROVIDERS_IN_STRATEGY) {
      findings.push({
        property: 'CapacityProviderStrategy',
        value: strategy.length,
        problem: `the strategy names ${strategy.length} providers`,
        allowed: `at most ${MAX_CAPACITY_PROVIDERS_IN_STRATEGY}`,
      });
    }
    const withBase = strategy.filter(s => typeof s?.Base === 'number' && s.Base > 0).map(s => s.CapacityProvider);
    if (withBase.length > 1) {
      findings.push({
        property: 'CapacityProviderStrategy',
        value: withBase,
        problem: `${withBase.length} providers have a base`,
        allowed: 'a base on one provider only',
      });
    }
    const associated = clusterProviders(resource, ctx);
    if (associated) {
      strategy.forEach((s, i) => {
        const name = s?.CapacityProvider;
        if (typeof name !== 'string' || isUnresolved(name) || associated.includes(name)) return;
        findings.push({
          property: `CapacityProviderStrategy[${i}].CapacityProvider`,
          value: name,
          problem: `${name} is not associated with the service's cluster`,
          allowed: associated.length ? associated.join(', ') : 'providers associated with the cluster (none are)',
          fix: 'Associate the provider with the cluster (ecs.Cluster enableFargateCapacityProviders: true).',
        });
      });
    }
    return findings;
  },
});
