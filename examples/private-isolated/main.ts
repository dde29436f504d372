// An API in isolated subnets: no NAT gateway, no internet gateway. Platform version 1.4.0 sends the image
// pull, the secret and the logs through the task's ENI, so each needs a VPC endpoint; the environment
// creates exactly the ones the workload needs (ecr.api, ecr.dkr, the S3 gateway, logs, secretsmanager,
// ssmmessages for ECS Exec), once, reachable only from the tasks. The image is built from an ECR asset; the
// database secret lives in Secrets Manager (created and rotated by the database's own stack).
// Copy this file into your app; import from 'cdk-fargate-platform' instead of '../../src'.
import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { EnvironmentEgress, FargateEnvironment, FargatePlatformChecks, FargateWorkload, WorkloadLoadBalancer } from '../../src';

export function build(app: App): void {
  const stack = new Stack(app, 'PrivateIsolated', { env: { region: 'eu-west-1' } });
  const certificateArn = app.node.tryGetContext('certificateArn') ?? 'arn:aws:acm:eu-west-1:123456789012:certificate/your-certificate-id';
  const environment = new FargateEnvironment(stack, 'Env', { egress: EnvironmentEgress.ISOLATED });
  const database = secretsmanager.Secret.fromSecretNameV2(stack, 'DatabaseSecret', 'prod/api/database');

  new FargateWorkload(stack, 'Api', {
    environment,
    image: ecs.ContainerImage.fromAsset(path.join(__dirname, '..', 'quick-start', 'app')),
    secrets: { DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(database, 'password') },
    enableExec: true,
    // Internal: only clients inside the VPC (or peered with it) reach the API.
    loadBalancer: WorkloadLoadBalancer.http({ certificate: elbv2.ListenerCertificate.fromArn(certificateArn) }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
}
