import { KubectlV34Layer } from '@aws-cdk/lambda-layer-kubectl-v34';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { FargateKubernetesEnvironment, FargatePlatformChecks, TaskSize } from '../../src';

/**
 * A Fargate-only EKS cluster running one web Deployment behind an internal Application Load Balancer with IP targets.
 * The AWS Load Balancer Controller runs on Fargate in kube-system, beside CoreDNS.
 */
export function build(app: App): void {
  const stack = new Stack(app, 'EksFargate', { env: { region: 'eu-west-1' } });
  const env = new FargateKubernetesEnvironment(stack, 'Eks', {
    version: eks.KubernetesVersion.V1_34,
    kubectlLayer: new KubectlV34Layer(stack, 'Kubectl'),
    albController: { version: eks.AlbControllerVersion.V2_17_1 },
  });
  env.addFargateProfile('Web', { selectors: [{ namespace: 'web' }] });
  env.addDeployment('Site', {
    namespace: 'web',
    image: 'public.ecr.aws/nginx/nginx-unprivileged:1.27',
    containerPort: 8080,
    size: TaskSize.of(512, 1024), // requests 500m / 768Mi: billed at 0.5 vCPU / 1 GB
    replicas: 2,
    internalLoadBalancer: true,
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
}
