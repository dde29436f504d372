import { CfnResource, Stack } from 'aws-cdk-lib';
import {
  allProfiles, clusterKey, COREDNS_POD_LABELS, EKS_ADDON, EKS_CLUSTER_TYPES, EKS_NODEGROUP, hasToken, KUBERNETES_PATCH, selectingProfile,
} from './facts';
import { EKS_COREDNS } from '../../platform/eks';
import { flattenText, isUnresolved, parseJsonText, RuleContext } from '../context';
import { defineRule, Finding, RuleLevel } from '../rule';

/** Whether the cluster has compute other than Fargate in this stack; `undefined` when it cannot be known. */
function hasOtherCapacity(cluster: string, props: Record<string, any>, ctx: RuleContext): boolean | undefined {
  const autoMode = props.ComputeConfig?.Enabled;
  if (isUnresolved(autoMode)) return undefined;
  if (autoMode === true) return true;
  if (ctx.ofType(EKS_NODEGROUP).some(n => clusterKey(n.props.ClusterName, ctx) === cluster)) return true;
  // Self-managed nodes cannot be tied to a cluster from their template: any Auto Scaling group may be one.
  return ctx.ofType('AWS::AutoScaling::AutoScalingGroup').length > 0 ? undefined : false;
}

/** How CoreDNS is told to run on Fargate: the managed add-on's configuration, or a patch of the self-managed one. */
function coreDnsOnFargate(cluster: string, ctx: RuleContext): { addon: boolean; fargate: boolean | undefined } {
  const addons = ctx.ofType(EKS_ADDON).filter(a => clusterKey(a.props.ClusterName, ctx) === cluster);
  if (addons.some(a => isUnresolved(a.props.AddonName))) return { addon: true, fargate: undefined };
  const addon = addons.find(a => a.props.AddonName === EKS_COREDNS.addonName);
  if (addon) {
    const raw = addon.props.ConfigurationValues;
    if (raw === undefined) return { addon: true, fargate: false };
    const config = parseJsonText(raw);
    const text = flattenText(raw);
    if (config === undefined) return { addon: true, fargate: text !== undefined && !hasToken(text) && /computeType:\s*["']?Fargate/.test(text) ? true : undefined };
    const computeType = config?.computeType;
    return { addon: true, fargate: hasToken(computeType) ? undefined : computeType === EKS_COREDNS.fargateConfiguration.computeType };
  }
  const patched = ctx.ofType(KUBERNETES_PATCH).some(p => clusterKey(p.props.ClusterName, ctx) === cluster &&
    p.props.ResourceName === 'deployment/coredns' && p.props.ResourceNamespace === EKS_COREDNS.namespace &&
    parseJsonText(p.props.ApplyPatchJson)?.spec?.template?.metadata?.annotations?.[EKS_COREDNS.computeTypeAnnotation] === 'fargate');
  // An add-on or patch in another stack of the app may configure this cluster's CoreDNS: then it cannot be judged here.
  return { addon: false, fargate: patched || (elsewhereInApp(ctx) ? undefined : false) };
}

/** Whether another stack of the app has an EKS add-on or a Kubernetes patch (cross-stack references hide their cluster). */
function elsewhereInApp(ctx: RuleContext): boolean {
  return ctx.cached('eksAddonsElsewhere', () => ctx.stack.node.root.node.findAll().some(c => CfnResource.isCfnResource(c) &&
    (c.cfnResourceType === EKS_ADDON || c.cfnResourceType === KUBERNETES_PATCH) && Stack.of(c) !== ctx.stack));
}

/** Fargate-EK8: CoreDNS runs on a Fargate-only cluster. */
export const CoreDnsOnFargate = defineRule({
  id: 'Fargate-EK8',
  level: RuleLevel.ERROR,
  summary: 'On a Fargate-only EKS cluster, CoreDNS runs on Fargate',
  explanation: 'With no node group or other EC2 capacity, CoreDNS can only run on Fargate: a profile must select its pods (namespace ' +
    `${EKS_COREDNS.namespace}, label k8s-app=kube-dns) and the managed CoreDNS add-on must be configured with ` +
    `${JSON.stringify(EKS_COREDNS.fargateConfiguration)}. Otherwise its pods stay Pending and nothing in the cluster resolves names.`,
  fix: `Add a Fargate profile selecting namespace ${EKS_COREDNS.namespace}, and the CoreDNS add-on with configurationValues ` +
    `${JSON.stringify(EKS_COREDNS.fargateConfiguration)} (FargateKubernetesEnvironment does both).`,
  resourceTypes: EKS_CLUSTER_TYPES,
  evaluate(resource, ctx) {
    const cluster = clusterKey({ Ref: ctx.logicalId(resource.node) }, ctx);
    if (cluster === undefined) return undefined;
    const profiles = allProfiles(ctx).filter(p => p.cluster === cluster);
    if (profiles.length === 0) return undefined; // not a Fargate cluster
    if (profiles.some(p => p.selectors === undefined)) return undefined;
    const other = hasOtherCapacity(cluster, resource.props, ctx);
    if (other !== false) return other === undefined ? undefined : [];
    const out: Finding[] = [];
    const profile = selectingProfile(cluster, EKS_COREDNS.namespace, COREDNS_POD_LABELS, ctx);
    const undecided = profiles.some(p => p.selectors!.some(s => s.namespace === undefined || s.labels === undefined));
    if (!profile && !undecided) {
      out.push({
        property: 'FargateProfile',
        value: profiles.map(p => p.name),
        problem: `no Fargate profile of the cluster selects the CoreDNS pods in ${EKS_COREDNS.namespace}`,
        allowed: `a profile with a selector for namespace ${EKS_COREDNS.namespace} (no labels, or k8s-app: kube-dns)`,
      });
    }
    const dns = coreDnsOnFargate(cluster, ctx);
    if (dns.fargate === false) {
      out.push({
        property: 'Addon',
        value: dns.addon ? 'coredns add-on without computeType Fargate' : 'no coredns add-on',
        problem: dns.addon ? `the CoreDNS add-on is not configured with ${JSON.stringify(EKS_COREDNS.fargateConfiguration)}`
          : 'CoreDNS is not told to run on Fargate: EKS\'s own CoreDNS is annotated for EC2',
        allowed: `an AWS::EKS::Addon '${EKS_COREDNS.addonName}' with ConfigurationValues ${JSON.stringify(EKS_COREDNS.fargateConfiguration)}`,
      });
    }
    return out;
  },
});
