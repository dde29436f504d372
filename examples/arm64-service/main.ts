// A Graviton (ARM64) web service on mixed capacity: a base of one on-demand task, the rest weighted to Spot.
// Build the image for linux/arm64. The AWS docs disagree on Fargate Spot for ARM64 (rule Fargate-SP2), so
// the service keeps an on-demand base that serves if Spot has no ARM64 capacity, and acknowledges the
// warning with that reason, as the rule's fix says. Check Spot for ARM64 in your Region before relying on it.
// Copy this file into your app; import from 'cdk-fargate-platform' instead of '../../src'.
import * as path from 'path';
import { App, Aspects, Stack, Validations } from 'aws-cdk-lib';
import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import {
  CapacityStrategy, FargateEnvironment, FargatePlatformChecks, FargateWorkload, TaskSize, WorkloadLoadBalancer, WorkloadRuntime,
} from '../../src';

export function build(app: App): void {
  const stack = new Stack(app, 'Arm64Service', { env: { region: 'eu-west-1' } });
  const certificateArn = app.node.tryGetContext('certificateArn') ?? 'arn:aws:acm:eu-west-1:123456789012:certificate/your-certificate-id';
  const environment = new FargateEnvironment(stack, 'Env');
  const web = new FargateWorkload(stack, 'Web', {
    environment,
    image: ecs.ContainerImage.fromAsset(path.join(__dirname, '..', 'quick-start', 'app'), { platform: ecrAssets.Platform.LINUX_ARM64 }),
    runtime: WorkloadRuntime.LINUX_ARM64,
    taskSize: TaskSize.parse('0.5 vCPU', '1 GB'),
    capacity: CapacityStrategy.mixed({ onDemandBase: 1 }),
    loadBalancer: WorkloadLoadBalancer.http({ internetFacing: true, certificate: elbv2.ListenerCertificate.fromArn(certificateArn) }),
  });
  Validations.of(web.service).acknowledge({
    id: 'Fargate-SP2',
    reason: 'ARM64 on FARGATE_SPOT: the service keeps a base of one on-demand FARGATE task, so it serves if Spot has no ARM64 ' +
      'capacity in the Region; Spot only adds cheaper tasks above that base.',
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
}
