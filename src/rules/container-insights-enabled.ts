import { asArray, isUnresolved, ResolvedResource, RuleContext } from './context';
import { CLUSTER, CLUSTER_CAPACITY_PROVIDER_ASSOCIATIONS, fargateLaunches, SERVICE } from './facts';
import { defineRule, RuleLevel } from './rule';
import { FARGATE_CAPACITY_PROVIDERS } from '../platform/fargate-support';

/** Whether a cluster runs Fargate tasks: Fargate providers associated, or a Fargate service on it in this stack. */
function runsFargate(cluster: ResolvedResource, ctx: RuleContext): boolean {
  const hasFargate = (names: unknown) => asArray(names).some(n => FARGATE_CAPACITY_PROVIDERS.includes(n));
  if (hasFargate(cluster.props.CapacityProviders)) return true;
  const associations = ctx.ofType(CLUSTER_CAPACITY_PROVIDER_ASSOCIATIONS);
  if (associations.some(a => ctx.refersTo(a.props.Cluster, cluster) && hasFargate(a.props.CapacityProviders))) return true;
  return ctx.ofType(SERVICE).some(s => ctx.refersTo(s.props.Cluster, cluster) && fargateLaunches(s, ctx).length > 0);
}

/** Fargate-CI1: Container Insights is on for clusters that run Fargate tasks. */
export const ContainerInsightsEnabled = defineRule({
  id: 'Fargate-CI1',
  level: RuleLevel.WARNING,
  summary: 'Container Insights should be on for clusters that run Fargate tasks',
  explanation:
    'Without Container Insights there are no per-task CPU, memory and (on 1.4.0) network metrics. cdk-nag ' +
    'AwsSolutions-ECS4 checks it too, and so does Control Tower CT.ECS.PR.2, whose guard rule accepts only the value ' +
    '\'enabled\' and fails \'enhanced\' (the better setting): acknowledge that control where you choose enhanced.',
  fix: 'Set containerInsightsV2: ecs.ContainerInsights.ENHANCED (or ENABLED) on the cluster.',
  resourceTypes: [CLUSTER],
  evaluate(resource, ctx) {
    if (!runsFargate(resource, ctx)) return undefined;
    const setting = asArray(resource.props.ClusterSettings).find(s => s?.Name === 'containerInsights');
    const value = setting?.Value;
    if (isUnresolved(value) || value === 'enabled' || value === 'enhanced') return [];
    return [{
      property: 'ClusterSettings',
      value,
      problem: value === undefined ? 'Container Insights is not configured on this cluster' : `Container Insights is '${value}'`,
      allowed: "'enhanced' or 'enabled'",
    }];
  },
});
