import { Token } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import type { FargateKubernetesEnvironment } from './fargate-kubernetes-environment';
import { propsError } from '../errors';
import { FargatePodSize } from '../platform/pod-size';
import { TaskSize } from '../platform/task-size';

/**
 * Options for a Deployment on a `FargateKubernetesEnvironment`.
 */
export interface FargateKubernetesDeploymentOptions {
  /** The container image. */
  readonly image: string;

  /**
   * The Deployment's name (a DNS label), also its Service's and Ingress's.
   * @default - the construct ID, lower-cased
   */
  readonly name?: string;

  /**
   * The namespace. A Fargate profile for it is added when no profile of the environment selects it.
   * @default 'default'
   */
  readonly namespace?: string;

  /**
   * The size each pod is billed at. The container's requests and limits are set so that the pod, with the 256 MiB
   * Fargate adds, is exactly this size. Up to 16 vCPU.
   * @default - 0.25 vCPU and 0.5 GB
   */
  readonly size?: TaskSize;

  /**
   * How many pods.
   * @default 2
   */
  readonly replicas?: number;

  /**
   * The port the container listens on.
   * @default - none: no Service and no load balancer
   */
  readonly containerPort?: number;

  /**
   * Environment variables of the container.
   * @default - none
   */
  readonly containerEnvironment?: { [name: string]: string };

  /**
   * Labels of the pods, beside `app: NAME`.
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Put the pods behind an internal Application Load Balancer with IP targets (an Ingress for the AWS Load Balancer
   * Controller, which the environment must install with `albController`). Needs `containerPort`.
   * @default false
   */
  readonly internalLoadBalancer?: boolean;

  /**
   * The load balancer's health check path.
   * @default '/'
   */
  readonly healthCheckPath?: string;
}

/**
 * Props for `FargateKubernetesDeployment`.
 */
export interface FargateKubernetesDeploymentProps extends FargateKubernetesDeploymentOptions {
  /** The environment it runs in. */
  readonly environment: FargateKubernetesEnvironment;
}

/**
 * A Kubernetes Deployment whose pods run on Fargate at a size chosen from the Fargate table, with nothing wasted:
 * requests equal limits, and the memory request leaves room for the 256 MiB Fargate adds, so `podSize` is what each
 * pod is billed at. Optionally a Service and an Ingress for an internal Application Load Balancer with IP targets.
 */
export class FargateKubernetesDeployment extends Construct {
  /** What each pod is billed at. */
  public readonly podSize: FargatePodSize;
  /** The Deployment (and its Service and Ingress) as applied to the cluster. */
  public readonly manifest: eks.KubernetesManifest;
  /** The Deployment's name. */
  public readonly name: string;
  /** Its namespace. */
  public readonly namespace: string;
  /** The profile added for the namespace, when no profile of the environment selected it. */
  public readonly profile?: eks.FargateProfile;

  constructor(scope: Construct, id: string, props: FargateKubernetesDeploymentProps) {
    super(scope, id);
    const env = props.environment;
    this.name = props.name ?? id.toLowerCase();
    this.namespace = props.namespace ?? 'default';
    if (!Token.isUnresolved(this.name) && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(this.name)) {
      throw propsError(this, 'InvalidDeploymentName', `${this.node.path}: \`name\` is '${this.name}', which is not a Kubernetes name ` +
        '(lower-case letters, digits and hyphens, at most 63). Fix: give `name`, or an ID that lower-cases to one.');
    }
    if (props.internalLoadBalancer && props.containerPort === undefined) {
      throw propsError(this, 'LoadBalancerWithoutPort', `${this.node.path}: \`internalLoadBalancer\` is true and \`containerPort\` is not set, ` +
        'so the load balancer has nothing to send traffic to. Fix: give `containerPort`.');
    }
    if (props.internalLoadBalancer && !env.cluster.albController) {
      throw propsError(this, 'LoadBalancerWithoutController', `${this.node.path}: \`internalLoadBalancer\` needs the AWS Load Balancer Controller, ` +
        `and ${env.node.path} does not install it. Fix: set \`albController\` on the environment.`);
    }
    const size = props.size ?? TaskSize.of(256, 512);
    const resources = FargatePodSize.containerRequestsFor(size);
    this.podSize = FargatePodSize.of({ containers: [resources] });

    const labels = { ...props.labels, app: this.name };
    if (!env._selects(this.namespace, labels)) {
      this.profile = env.addFargateProfile(`${id}Namespace`, { selectors: [{ namespace: this.namespace }] });
    }
    const quantities = { cpu: resources.cpu!, memory: resources.memory! };
    const objects: Array<Record<string, any>> = [{
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: this.name, namespace: this.namespace, labels },
      spec: {
        replicas: props.replicas ?? 2,
        selector: { matchLabels: { app: this.name } },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            containers: [{
              name: this.name,
              image: props.image,
              ports: props.containerPort === undefined ? undefined : [{ containerPort: props.containerPort }],
              env: props.containerEnvironment ? Object.entries(props.containerEnvironment).map(([name, value]) => ({ name, value })) : undefined,
              resources: { requests: quantities, limits: quantities },
              securityContext: { allowPrivilegeEscalation: false },
            }],
          },
        },
      },
    }];
    if (props.containerPort !== undefined) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: this.name, namespace: this.namespace },
        spec: { type: 'ClusterIP', selector: { app: this.name }, ports: [{ port: props.containerPort, targetPort: props.containerPort }] },
      });
    }
    if (props.internalLoadBalancer) {
      objects.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          name: this.name,
          namespace: this.namespace,
          annotations: {
            // Fargate pods take IP targets only.
            'alb.ingress.kubernetes.io/scheme': 'internal',
            'alb.ingress.kubernetes.io/target-type': 'ip',
            'alb.ingress.kubernetes.io/healthcheck-path': props.healthCheckPath ?? '/',
          },
        },
        spec: {
          ingressClassName: 'alb',
          rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: this.name, port: { number: props.containerPort } } } }] } }],
        },
      });
    }
    this.manifest = new eks.KubernetesManifest(this, 'Manifest', { cluster: env.cluster, manifest: objects });
    const namespace = env._namespace(this.namespace);
    if (namespace) this.manifest.node.addDependency(namespace);
    this.manifest.node.addDependency(...env.profiles);
    if (props.internalLoadBalancer && env.cluster.albController) this.manifest.node.addDependency(env.cluster.albController);
  }
}
