import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { FargateEnvironment, FargatePlatformChecks, FargateWorkload, WorkloadLoadBalancer } from '../../src';

export function build(app: App): void {
  const stack = new Stack(app, 'QuickStart', { env: { region: 'eu-west-1' } });
  new FargateWorkload(stack, 'Web', {
    environment: new FargateEnvironment(stack, 'Env'),
    image: ecs.ContainerImage.fromAsset(path.join(__dirname, 'app')),
    loadBalancer: WorkloadLoadBalancer.http({
      internetFacing: true,
      certificate: elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:123456789012:certificate/your-certificate-id'),
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
}
