// The fixed version of a service declared the 2019 way (see README.md in this folder for the "before" and
// what the checks say about it). Platform version 1.4.0, pinned; the image from ECR, the logs and ECS Exec
// reach AWS through VPC endpoints the environment creates, because the subnets have no route out.
// Copy this file into your app; import from 'cdk-fargate-platform' instead of '../../src'.
import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EnvironmentEgress, FargateEnvironment, FargatePlatformChecks, FargateWorkload, TaskSize } from '../../src';

export function build(app: App): void {
  const stack = new Stack(app, 'MigratedService', { env: { region: 'eu-west-1' } });
  const environment = new FargateEnvironment(stack, 'Env', { egress: EnvironmentEgress.ISOLATED });
  new FargateWorkload(stack, 'Service', {
    environment,
    image: ecs.ContainerImage.fromAsset(path.join(__dirname, '..', 'quick-start', 'app')),
    taskSize: TaskSize.parse('0.5 vCPU', '1 GB'),
    containerPort: 8080,
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
}
