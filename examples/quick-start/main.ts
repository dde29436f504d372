import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { FargateEnvironment, FargatePlatformChecks, FargateWorkload, WorkloadLoadBalancer } from '../../src';

const app = new App();
const stack = new Stack(app, 'QuickStart', { env: { region: 'eu-west-1' } });
const environment = new FargateEnvironment(stack, 'Env');
new FargateWorkload(stack, 'Web', {
  environment,
  image: ecs.ContainerImage.fromAsset(path.join(__dirname, 'app')),
  loadBalancer: WorkloadLoadBalancer.http({
    internetFacing: true,
    certificate: elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:123456789012:certificate/your-certificate-id'),
  }),
});
Aspects.of(app).add(new FargatePlatformChecks());
app.synth();
