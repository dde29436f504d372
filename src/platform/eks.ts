import { EPHEMERAL_STORAGE_DEFAULT_GIB } from './fargate-support';

/**
 * Facts about Fargate under Amazon EKS. Sources: EKS user guide (*AWS Fargate*, *Fargate profile*, *Fargate pod
 * configuration*, *Fargate logging*, *Amazon EKS pod execution IAM role*, *View and manage Amazon EKS and Fargate
 * service quotas*), the CreateFargateProfile API and the `AWS::EKS::FargateProfile` resource schema.
 * Checked 2026-11-23.
 */

/** Fargate profile quotas (adjustable: a request to AWS raises them). @internal */
export const EKS_PROFILE_QUOTAS = {
  /** Fargate profiles per cluster. */
  profilesPerCluster: 10,
  /** Selectors per profile (the API requires at least one). */
  selectorsPerProfile: 5,
  /** Label pairs per selector. */
  labelsPerSelector: 5,
} as const;

/** The `AWS::EKS::FargateProfile` schema's label limits (not adjustable). @internal */
export const EKS_PROFILE_LABEL_LIMITS = {
  keyMinLength: 1,
  keyMaxLength: 127,
  valueMinLength: 1,
  valueMaxLength: 255,
} as const;

/** The service principal a Fargate pod execution role must trust. @internal */
export const EKS_FARGATE_POD_PRINCIPAL = 'eks-fargate-pods.amazonaws.com';

/** The AWS managed policy a pod execution role needs (image pulls from ECR). @internal */
export const EKS_FARGATE_POD_POLICY = 'AmazonEKSFargatePodExecutionRolePolicy';

/** The ECR actions that managed policy grants: pods pull their images with them. @internal */
export const EKS_FARGATE_POD_POLICY_ACTIONS: readonly string[] = [
  'ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage',
];

/** The only IAM path a pod execution role's ARN may have. @internal */
export const EKS_FARGATE_POD_ROLE_PATH = '/';

/** The `aws:SourceArn` a pod execution role's trust should be conditioned on (confused deputy). @internal */
export function eksFargateProfileSourceArn(partition: string, region: string, account: string, clusterName: string): string {
  return `arn:${partition}:eks:${region}:${account}:fargateprofile/${clusterName}/*`;
}

/**
 * How EKS sizes a Fargate pod: the larger of the largest init container's request and the sum of the other
 * containers' requests, plus what Fargate adds to memory for kubelet, kube-proxy and containerd, rounded up to the
 * next size of the Fargate task size table (Linux rows only, up to 16 vCPU). A pod with no requests gets the
 * smallest size. @internal
 */
export const EKS_POD_SIZING = {
  /** MiB added to the pod's memory request before rounding. */
  memoryOverheadMiB: 256,
  /** The largest pod CPU, in CPU units: the 32 vCPU tier is not offered to EKS pods. */
  maxCpu: 16384,
} as const;

/** Ephemeral storage of a Fargate pod, in GiB: the default (as for a task) and the most an `ephemeral-storage` request can get. @internal */
export const EKS_POD_EPHEMERAL_STORAGE_GIB = { default: EPHEMERAL_STORAGE_DEFAULT_GIB, max: 175 } as const;

/** What a pod on Fargate cannot have: it is accepted by Kubernetes and stays Pending. @internal */
export const EKS_POD_UNSUPPORTED = {
  /** Workload kinds Fargate does not run. */
  kinds: ['DaemonSet'] as readonly string[],
  /** Extended resources (GPUs) Fargate does not offer: a request or limit for one of them. */
  gpuResourcePattern: /^(nvidia\.com|amd\.com|gpu\.intel\.com)\/|\/gpu$/i,
  /** Node selector and affinity values Fargate nodes never have. */
  nodeLabels: {
    'kubernetes.io/arch': ['arm64'],
    'beta.kubernetes.io/arch': ['arm64'],
    'kubernetes.io/os': ['windows'],
    'beta.kubernetes.io/os': ['windows'],
  } as Readonly<Record<string, readonly string[]>>,
  /** Volume provisioners backed by EBS, which Fargate pods cannot mount. */
  ebsProvisioners: ['ebs.csi.aws.com', 'kubernetes.io/aws-ebs'] as readonly string[],
} as const;

/** The namespace and label CoreDNS runs with, which a profile must select on a Fargate-only cluster. @internal */
export const EKS_COREDNS = {
  namespace: 'kube-system',
  labels: { 'k8s-app': 'kube-dns' } as Readonly<Record<string, string>>,
  addonName: 'coredns',
  /** The add-on configuration that puts CoreDNS on Fargate. */
  fargateConfiguration: { computeType: 'Fargate' } as Readonly<Record<string, string>>,
  /** The annotation EKS's self-managed CoreDNS carries, and the value that lets it run on Fargate. */
  computeTypeAnnotation: 'eks.amazonaws.com/compute-type',
} as const;

/** The Fargate log router's configuration: where it lives and what it accepts. @internal */
export const EKS_FARGATE_LOGGING = {
  namespace: 'aws-observability',
  namespaceLabel: { key: 'aws-observability', value: 'enabled' },
  configMapName: 'aws-logging',
  maxCharacters: 5300,
  keys: ['filters.conf', 'output.conf', 'parsers.conf', 'flb_log_cw'] as readonly string[],
  filters: ['grep', 'parser', 'record_modifier', 'rewrite_tag', 'throttle', 'nest', 'modify', 'kubernetes'] as readonly string[],
  outputs: ['es', 'firehose', 'kinesis_firehose', 'cloudwatch', 'cloudwatch_logs', 'kinesis'] as readonly string[],
} as const;
