import { CfnResource } from 'aws-cdk-lib';
import { EKS_COREDNS, EKS_POD_UNSUPPORTED } from '../../platform/eks';
import { ContainerDemand, containerDemand } from '../../platform/pod-size';
import { asArray, logicalIdOf, parseJsonText, ResolvedResource, RuleContext, TOKEN_PLACEHOLDER } from '../context';

/** `aws-eks-v2` and L1 write native profiles; `aws-eks` (v1) writes a custom resource with the API's camelCase. @internal */
export const FARGATE_PROFILE_TYPES = ['AWS::EKS::FargateProfile', 'Custom::AWSCDK-EKS-FargateProfile'] as const;
/** @internal */
export const EKS_CLUSTER_TYPES = ['AWS::EKS::Cluster', 'Custom::AWSCDK-EKS-Cluster'] as const;
/** The kubectl-applied manifests of `aws-eks-v2` and `aws-eks`. @internal */
export const KUBERNETES_MANIFEST = 'Custom::AWSCDK-EKS-KubernetesResource';
/** @internal */
export const KUBERNETES_PATCH = 'Custom::AWSCDK-EKS-KubernetesPatch';
/** @internal */
export const HELM_CHART = 'Custom::AWSCDK-EKS-HelmChart';
/** @internal */
export const EKS_ADDON = 'AWS::EKS::Addon';
/** @internal */
export const EKS_NODEGROUP = 'AWS::EKS::Nodegroup';

/** `true`, `false`, or `undefined` when a token keeps synth from knowing. @internal */
export type Decision = boolean | undefined;

/** True for a string that holds a token placeholder (an intrinsic inside a flattened string). @internal */
export function hasToken(value: unknown): boolean {
  return typeof value === 'string' && value.includes(TOKEN_PLACEHOLDER);
}

/**
 * Which cluster a value names: the cluster resource's logical ID for a `Ref` to one in the stack, else the literal
 * name; `undefined` for a token. A `Ref` to a cluster with a literal `Name` is keyed by that name, so an L1 that
 * writes the name matches one that refers to the cluster.
 * @internal
 */
export function clusterKey(value: unknown, ctx: RuleContext): string | undefined {
  const id = logicalIdOf(value);
  if (id !== undefined) {
    const cluster = ctx.byId(EKS_CLUSTER_TYPES, id);
    if (!cluster) return undefined;
    const name = cluster.type === 'AWS::EKS::Cluster' ? cluster.props.Name : cluster.props.Config?.name;
    return typeof name === 'string' ? `name:${name}` : `ref:${id}`;
  }
  return typeof value === 'string' && !hasToken(value) ? `name:${value}` : undefined;
}

/** One selector of a profile; `undefined` fields are tokens. @internal */
export interface ProfileSelector {
  readonly path: string;
  readonly namespace: string | undefined;
  /** Key to value; `undefined` when the labels are a token. */
  readonly labels: ReadonlyArray<{ readonly key: unknown; readonly value: unknown }> | undefined;
}

/** A Fargate profile as the rules see it, whichever construct wrote it. @internal */
export interface FargateProfileFacts {
  readonly resource: ResolvedResource;
  readonly cluster: string | undefined;
  readonly name: string;
  readonly podExecutionRoleArn: unknown;
  readonly podExecutionRolePath: string;
  readonly subnets: unknown;
  readonly subnetsPath: string;
  readonly selectors: readonly ProfileSelector[] | undefined;
  readonly selectorsPath: string;
}

/** A profile's facts. @internal */
export function profileFacts(resource: ResolvedResource, ctx: RuleContext): FargateProfileFacts {
  return ctx.memoize('eksProfile', resource, () => {
    const v1 = resource.type === 'Custom::AWSCDK-EKS-FargateProfile';
    const p = v1 ? resource.props.Config ?? {} : resource.props;
    const prefix = v1 ? 'Config.' : '';
    const key = (pascal: string): string => (v1 ? pascal[0].toLowerCase() + pascal.slice(1) : pascal);
    const rawSelectors = p[key('Selectors')];
    const selectors = Array.isArray(rawSelectors) ? rawSelectors.map((s: any, i: number): ProfileSelector => {
      const ns = s?.[key('Namespace')];
      const rawLabels = s?.[key('Labels')];
      let labels: ProfileSelector['labels'];
      if (rawLabels === undefined) {labels = [];} else if (v1 && rawLabels && typeof rawLabels === 'object' && !Array.isArray(rawLabels) && !logicalIdOf(rawLabels)) {
        labels = Object.entries(rawLabels).map(([k, v]) => ({ key: k, value: v }));
      } else if (Array.isArray(rawLabels)) {labels = rawLabels.map((l: any) => ({ key: l?.Key, value: l?.Value }));}
      return {
        path: `${prefix}${key('Selectors')}[${i}]`,
        namespace: typeof ns === 'string' && !hasToken(ns) ? ns : undefined,
        labels,
      };
    }) : undefined;
    const name = p[key('FargateProfileName')];
    return {
      resource,
      cluster: clusterKey(p[key('ClusterName')], ctx),
      name: typeof name === 'string' ? `'${name}' (${resource.node.node.path})` : resource.node.node.path,
      podExecutionRoleArn: p[key('PodExecutionRoleArn')],
      podExecutionRolePath: `${prefix}${key('PodExecutionRoleArn')}`,
      subnets: p[key('Subnets')],
      subnetsPath: `${prefix}${key('Subnets')}`,
      selectors,
      selectorsPath: `${prefix}${key('Selectors')}`,
    };
  });
}

/** Every Fargate profile in the stack, in construct order. @internal */
export function allProfiles(ctx: RuleContext): FargateProfileFacts[] {
  return ctx.cached('eksProfiles', () => FARGATE_PROFILE_TYPES.flatMap(t => ctx.ofType(t)).map(r => profileFacts(r, ctx)));
}

/** Whether a literal matches a profile selector's pattern (`*` and `?` wildcards, as EKS takes them). */
function wildcardMatch(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(value);
}

/** Whether a literal matches a selector's pattern; `undefined` when either is a token. */
function matches(pattern: unknown, value: unknown): Decision {
  if (typeof pattern !== 'string' || typeof value !== 'string' || hasToken(pattern) || hasToken(value)) return undefined;
  return wildcardMatch(pattern, value);
}

/**
 * Whether a selector selects a pod: its namespace and every label it names; `undefined` when tokens keep synth from knowing.
 * @internal
 */
export function selectorMatches(
  selector: ProfileSelector, namespace: string | undefined, labels: Readonly<Record<string, unknown>> | undefined,
): Decision {
  if (selector.namespace === undefined || namespace === undefined) return undefined;
  if (!matches(selector.namespace, namespace)) return false;
  if (selector.labels === undefined) return undefined;
  let decided: Decision = true;
  for (const { key, value } of selector.labels) {
    if (labels === undefined) return undefined;
    const found = Object.entries(labels).map(([k, v]) => {
      const keyMatch = matches(key, k);
      return keyMatch === false ? false : keyMatch && matches(value, v);
    });
    if (found.some(f => f === true)) continue;
    if (found.some(f => f === undefined)) decided = undefined;
    else return false;
  }
  return decided;
}

/**
 * The profile of a cluster that selects a pod with this namespace and labels: the first that surely does;
 * `undefined` when none does or synth cannot decide (tokens, wildcards against tokens).
 * @internal
 */
export function selectingProfile(
  cluster: string | undefined, namespace: string | undefined, labels: Readonly<Record<string, unknown>> | undefined, ctx: RuleContext,
): FargateProfileFacts | undefined {
  if (cluster === undefined) return undefined;
  return allProfiles(ctx).find(p => p.cluster === cluster && (p.selectors ?? []).some(s => selectorMatches(s, namespace, labels) === true));
}

/** A Kubernetes object of a manifest, with where it sits. @internal */
export interface KubernetesObject {
  readonly path: string;
  readonly object: any;
}

/** A manifest resource's objects and cluster; `objects` is `undefined` when the manifest is a token or not JSON. @internal */
export interface ManifestFacts {
  readonly resource: ResolvedResource;
  readonly cluster: string | undefined;
  readonly objects: readonly KubernetesObject[] | undefined;
}

/** @internal */
export function manifestFacts(resource: ResolvedResource, ctx: RuleContext): ManifestFacts {
  return ctx.memoize('eksManifest', resource, () => {
    const parsed = parseJsonText(resource.props.Manifest);
    const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? [parsed] : undefined;
    return {
      resource,
      cluster: clusterKey(resource.props.ClusterName, ctx),
      objects: list?.flatMap((o: any, i: number) => (o?.kind === 'List' ? asArray(o.items).map((item, j) => ({ path: `Manifest[${i}].items[${j}]`, object: item }))
        : [{ path: `Manifest[${i}]`, object: o }])),
    };
  });
}

/** Every manifest of the stack's clusters. @internal */
export function allManifests(ctx: RuleContext): ManifestFacts[] {
  return ctx.cached('eksManifests', () => ctx.ofType(KUBERNETES_MANIFEST).map(r => manifestFacts(r, ctx)));
}

/** The objects of a kind across a cluster's manifests. @internal */
export function objectsOfKind(cluster: string, kind: string, ctx: RuleContext): any[] {
  return allManifests(ctx).filter(m => m.cluster === cluster).flatMap(m => (m.objects ?? []).map(o => o.object)).filter(o => o?.kind === kind);
}

/** A pod template inside a workload object. @internal */
export interface PodTemplate {
  readonly kind: string;
  readonly name: string;
  /** `undefined` for a token. */
  readonly namespace: string | undefined;
  /** `undefined` when tokens hide them. */
  readonly labels: Record<string, unknown> | undefined;
  readonly spec: any;
  /** The property path of `spec`. */
  readonly specPath: string;
}

const TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The pod template of a workload object; `undefined` for other kinds. @internal */
export function podTemplate(o: KubernetesObject): PodTemplate | undefined {
  const kind = o.object?.kind;
  const steps = typeof kind === 'string' ? TEMPLATE_PATHS[kind] : undefined;
  if (!steps) return undefined;
  let template = o.object;
  for (const s of steps) template = template?.[s];
  if (!template || typeof template !== 'object') return undefined;
  const ns = o.object.metadata?.namespace ?? 'default';
  const labels = template.metadata?.labels ?? {};
  const labelsKnown = labels && typeof labels === 'object' && !Object.entries(labels).some(([k, v]) => hasToken(k) || typeof v !== 'string');
  return {
    kind,
    name: typeof o.object.metadata?.name === 'string' ? o.object.metadata.name : '(unnamed)',
    namespace: typeof ns === 'string' && !hasToken(ns) ? ns : undefined,
    labels: labelsKnown ? labels : undefined,
    spec: template.spec ?? {},
    specPath: [o.path, ...steps, 'spec'].join('.'),
  };
}

/** A pod's containers with their paths; `init` for the init containers that run to completion (not sidecars). @internal */
export function podContainers(pod: PodTemplate): Array<{ path: string; c: any; init: boolean }> {
  return [
    ...asArray(pod.spec.initContainers).map((c, i) => ({ path: `${pod.specPath}.initContainers[${i}]`, c, init: c?.restartPolicy !== 'Always' })),
    ...asArray(pod.spec.containers).map((c, i) => ({ path: `${pod.specPath}.containers[${i}]`, c, init: false })),
  ];
}

/**
 * A pod's requests (or limits, which Kubernetes makes the requests when there are none), split as EKS sizes the pod;
 * `undefined` when a token or an unreadable quantity hides one.
 * @internal
 */
export function podDemands(pod: PodTemplate): { containers: ContainerDemand[]; initContainers: ContainerDemand[] } | undefined {
  const out = { containers: [] as ContainerDemand[], initContainers: [] as ContainerDemand[] };
  for (const { c, init } of podContainers(pod)) {
    const get = (name: string): unknown => c?.resources?.requests?.[name] ?? c?.resources?.limits?.[name];
    const demand = containerDemand({ cpu: get('cpu'), memory: get('memory'), ephemeralStorage: get('ephemeral-storage') });
    if (!demand) return undefined;
    (init ? out.initContainers : out.containers).push(demand);
  }
  return out;
}

/** Whether a storage class name is backed by EBS in this cluster's manifests; `false` when the app does not say. @internal */
export function isEbsStorageClass(cluster: string, storageClassName: unknown, ctx: RuleContext): boolean {
  if (typeof storageClassName !== 'string') return false;
  return objectsOfKind(cluster, 'StorageClass', ctx)
    .some(sc => sc.metadata?.name === storageClassName && EKS_POD_UNSUPPORTED.ebsProvisioners.includes(sc.provisioner));
}

/** Whether a persistent volume is EBS. @internal */
export function isEbsVolume(pv: any): boolean {
  return pv?.spec?.awsElasticBlockStore !== undefined || EKS_POD_UNSUPPORTED.ebsProvisioners.includes(pv?.spec?.csi?.driver);
}

/** The labels CoreDNS pods carry. @internal */
export const COREDNS_POD_LABELS: Readonly<Record<string, string>> = { ...EKS_COREDNS.labels, 'eks.amazonaws.com/component': 'coredns' };

/**
 * The resources a resource waits for before CloudFormation creates it, transitively: its `DependsOn` and the
 * resources its properties refer to. Worked out once per stack.
 * @internal
 */
export function createdBefore(node: CfnResource, ctx: RuleContext): ReadonlySet<CfnResource> {
  const byId = ctx.cached('eksAllById', () => new Map(ctx.resources().map(r => [ctx.logicalId(r), r])));
  const direct = (n: CfnResource): CfnResource[] => {
    const refs: CfnResource[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) {v.forEach(walk);} else if (v && typeof v === 'object') {
        const id = logicalIdOf(v);
        const target = id === undefined ? undefined : byId.get(id);
        if (target) refs.push(target);
        else Object.values(v).forEach(walk);
      }
    };
    walk(ctx.resolve(n).props);
    return [...n.obtainDependencies().filter((d): d is CfnResource => CfnResource.isCfnResource(d)), ...refs];
  };
  const seen = new Set<CfnResource>();
  const stack = direct(node);
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...direct(next));
  }
  return seen;
}
