import {
  FargateProfileFacts, isEbsStorageClass, isEbsVolume, KUBERNETES_MANIFEST, manifestFacts, objectsOfKind, podContainers, podDemands, podTemplate,
  PodTemplate, selectingProfile,
} from './facts';
import { EKS_POD_EPHEMERAL_STORAGE_GIB, EKS_POD_UNSUPPORTED } from '../../platform/eks';
import { largestPodSize, podSizing } from '../../platform/pod-size';
import { CPU_UNITS_PER_VCPU } from '../../platform/task-size-table';
import { asArray, RuleContext } from '../context';
import { defineRule, Finding, RuleLevel } from '../rule';

type Problem = Omit<Finding, 'problem'> & { readonly what: string };

function containerName(c: any): string {
  return typeof c?.name === 'string' ? `container '${c.name}'` : 'a container';
}

/** True when a node label key/value is one Fargate nodes never carry. */
function unsupportedNodeLabel(key: string, value: unknown): boolean {
  return typeof value === 'string' && (EKS_POD_UNSUPPORTED.nodeLabels[key] ?? []).includes(value);
}

/** What in a pod spec Fargate does not run. */
function podProblems(pod: PodTemplate, cluster: string, ctx: RuleContext): Problem[] {
  const out: Problem[] = [];
  const spec = pod.spec;
  if (EKS_POD_UNSUPPORTED.kinds.includes(pod.kind)) {
    out.push({ what: `a ${pod.kind}`, property: pod.specPath.replace(/\.spec\.template\.spec$/, '.kind'), value: pod.kind, allowed: 'a Deployment, StatefulSet, Job or Pod (run the daemon as a sidecar container)' });
  }
  if (spec.hostNetwork === true) out.push({ what: 'hostNetwork', property: `${pod.specPath}.hostNetwork`, value: true, allowed: 'hostNetwork false or omitted' });
  for (const { path, c } of podContainers(pod)) {
    if (c?.securityContext?.privileged === true) {
      out.push({ what: `${containerName(c)} is privileged`, property: `${path}.securityContext.privileged`, value: true, allowed: 'privileged false or omitted' });
    }
    asArray(c?.ports).forEach((p, i) => {
      if (p?.hostPort !== undefined) out.push({ what: `${containerName(c)} has a hostPort`, property: `${path}.ports[${i}].hostPort`, value: p.hostPort, allowed: 'no hostPort (use a Service)' });
    });
    for (const kind of ['requests', 'limits']) {
      for (const name of Object.keys(c?.resources?.[kind] ?? {})) {
        if (EKS_POD_UNSUPPORTED.gpuResourcePattern.test(name)) {
          out.push({ what: `${containerName(c)} asks for a GPU`, property: `${path}.resources.${kind}`, value: name, allowed: 'cpu, memory and ephemeral-storage only' });
        }
      }
    }
  }
  for (const [key, value] of Object.entries<unknown>(spec.nodeSelector ?? {})) {
    if (unsupportedNodeLabel(key, value)) out.push({ what: `the node selector ${key}=${value}`, property: `${pod.specPath}.nodeSelector`, value: { [key]: value }, allowed: 'linux and amd64 nodes (omit the selector)' });
  }
  const terms = asArray(spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms);
  const impossible = (term: any): boolean => asArray(term?.matchExpressions).some(e => e?.operator === 'In' && Array.isArray(e.values) && e.values.length > 0 &&
    e.values.every((v: unknown) => unsupportedNodeLabel(e.key, v)));
  if (terms.length > 0 && terms.every(impossible)) {
    out.push({ what: 'a required node affinity for arm64 or Windows nodes', property: `${pod.specPath}.affinity.nodeAffinity`, value: terms, allowed: 'linux and amd64 nodes' });
  }
  const claims = objectsOfKind(cluster, 'PersistentVolumeClaim', ctx).filter(c => (c.metadata?.namespace ?? 'default') === pod.namespace);
  const volumes = objectsOfKind(cluster, 'PersistentVolume', ctx);
  const ebsClaim = (claimSpec: any): boolean => isEbsStorageClass(cluster, claimSpec?.storageClassName, ctx) ||
    (typeof claimSpec?.volumeName === 'string' && volumes.some(v => v.metadata?.name === claimSpec.volumeName && isEbsVolume(v)));
  asArray(spec.volumes).forEach((v, i) => {
    const property = `${pod.specPath}.volumes[${i}]`;
    const claim = claims.find(c => c.metadata?.name === v?.persistentVolumeClaim?.claimName);
    if (v?.awsElasticBlockStore !== undefined || (claim && ebsClaim(claim.spec)) || ebsClaim(v?.ephemeral?.volumeClaimTemplate?.spec)) {
      out.push({ what: `volume '${v?.name}' is backed by EBS`, property, value: v, allowed: 'EFS (static provisioning), emptyDir, configMap or secret volumes' });
    }
  });
  return out;
}

/** The size problems of a pod: too large, or too much ephemeral storage. `[]` when tokens hide a request. */
function sizeProblems(pod: PodTemplate): Problem[] {
  const demands = podDemands(pod);
  if (!demands) return [];
  const sizing = podSizing(demands.containers, demands.initContainers);
  const out: Problem[] = [];
  if (sizing.kind === 'too-large') {
    out.push({
      what: `the pod asks for ${sizing.requestedCpu / CPU_UNITS_PER_VCPU} vCPU and ${sizing.requestedMemoryMiB} MiB with the memory Fargate adds`,
      property: `${pod.specPath}.containers`,
      value: `${sizing.requestedCpu / CPU_UNITS_PER_VCPU} vCPU / ${sizing.requestedMemoryMiB} MiB`,
      allowed: `a pod of at most ${largestPodSize()} after the overhead`,
    });
  }
  if (sizing.ephemeralStorageGiB > EKS_POD_EPHEMERAL_STORAGE_GIB.max) {
    out.push({
      what: `the pod asks for ${sizing.ephemeralStorageGiB} GiB of ephemeral storage`,
      property: `${pod.specPath}.containers`,
      value: `${sizing.ephemeralStorageGiB} GiB`,
      allowed: `at most ${EKS_POD_EPHEMERAL_STORAGE_GIB.max} GiB`,
    });
  }
  return out;
}

/** StatefulSets claim volumes through templates, outside the pod spec. */
function claimTemplateProblems(o: { path: string; object: any }, cluster: string, ctx: RuleContext): Problem[] {
  if (o.object?.kind !== 'StatefulSet') return [];
  return asArray(o.object.spec?.volumeClaimTemplates).flatMap((t, i) => (isEbsStorageClass(cluster, t?.spec?.storageClassName, ctx) ? [{
    what: `volume claim template '${t?.metadata?.name}' is backed by EBS`,
    property: `${o.path}.spec.volumeClaimTemplates[${i}]`,
    value: t?.spec?.storageClassName,
    allowed: 'EFS (static provisioning) volumes',
  }] : []));
}

function describe(pod: PodTemplate, profile: FargateProfileFacts): string {
  return `${pod.kind} ${pod.namespace}/${pod.name} runs on Fargate (profile ${profile.name} selects it)`;
}

/** Fargate-EK7: pods a Fargate profile selects are pods Fargate can run. */
export const PodsFargateCompatible = defineRule({
  id: 'Fargate-EK7',
  level: RuleLevel.ERROR,
  summary: 'Pods that a Fargate profile selects use only what Fargate runs',
  explanation: 'Kubernetes accepts a DaemonSet, a privileged container, hostNetwork, a hostPort, a GPU, an arm64 or Windows node selector, an EBS ' +
    `volume, more than ${EKS_POD_EPHEMERAL_STORAGE_GIB.max} GiB of ephemeral storage or a pod over ${largestPodSize()}, but when a Fargate profile ` +
    'selects the pod, Fargate never runs it: it stays Pending.',
  fix: 'Remove what Fargate does not run, or keep the pod out of the profile\'s namespace and labels and give it EC2 nodes.',
  resourceTypes: [KUBERNETES_MANIFEST],
  evaluate(resource, ctx) {
    const manifest = manifestFacts(resource, ctx);
    if (manifest.objects === undefined || manifest.cluster === undefined) return undefined;
    const out: Finding[] = [];
    for (const o of manifest.objects) {
      const pod = podTemplate(o);
      if (!pod) continue;
      const profile = selectingProfile(manifest.cluster, pod.namespace, pod.labels, ctx);
      if (!profile) continue;
      const problems = [...podProblems(pod, manifest.cluster, ctx), ...sizeProblems(pod), ...claimTemplateProblems(o, manifest.cluster, ctx)];
      out.push(...problems.map(({ what, ...rest }) => ({ ...rest, problem: `${describe(pod, profile)}, and ${what}` })));
    }
    return out;
  },
});
