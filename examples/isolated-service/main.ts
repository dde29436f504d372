// A service in subnets with no NAT gateway and no internet route. Platform version 1.4.0 sends the image
// pull, the logs and ECS Exec through VPC endpoints; the environment creates exactly the ones the workload
// needs (ecr.api, ecr.dkr, the S3 gateway, logs, ssmmessages), once. A `secrets` entry would add secretsmanager
// or ssm the same way.
// Copy this file into your app; import from 'cdk-fargate-platform' instead of '../../src'.
import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EnvironmentEgress, FargateEnvironment, FargatePlatformChecks, FargateWorkload } from '../../src';

/** The example's stack, in any app (the compliance test builds it under the nag packs and cfn-guard). */
export function isolatedService(app: App): Stack {
  const stack = new Stack(app, 'IsolatedService', { env: { region: 'eu-west-1' } });
  const environment = new FargateEnvironment(stack, 'Env', { egress: EnvironmentEgress.ISOLATED });
  new FargateWorkload(stack, 'Worker', {
    environment,
    image: ecs.ContainerImage.fromAsset(path.join(__dirname, '..', 'quick-start', 'app')),
    enableExec: true,
  });
  return stack;
}

if (require.main === module) {
  const app = new App();
  isolatedService(app);
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
}
