/**
 * A CDK app for the CLI test, in the CDK Pipelines layout: a top-level stack beside a `Stage` (optionally
 * nested in another) holding a plain aws-cdk-lib Fargate service. Read by `cdk synth --app ...`.
 *
 * - CHECKS: `aspect` (FargatePlatformChecks) or `pack` (FargatePlatformPack as a validation plugin)
 * - WHERE: where the service sits: `top` (a top-level stack), `stage` (a Stage) or `deep` (a Stage in a Stage)
 * - PLATFORM_VERSION: the service's platform version, e.g. `1.3.0` (an error), `LATEST` (a warning), `1.4.0`
 */
import { App, Aspects, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { FargatePlatformChecks, FargatePlatformPack } from '../../src';

const { CHECKS = 'aspect', WHERE = 'stage', PLATFORM_VERSION = '1.4.0' } = process.env;

function serviceStack(scope: Construct, id: string): Stack {
  const stack = new Stack(scope, id);
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Td', { cpu: 256, memoryLimitMiB: 512 });
  taskDefinition.addContainer('app', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx'),
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app' }),
  });
  new ecs.FargateService(stack, 'Service', {
    cluster, taskDefinition, platformVersion: PLATFORM_VERSION as ecs.FargatePlatformVersion,
  });
  return stack;
}

const app = new App();
new Stack(app, 'Pipeline'); // the top-level stack a plain `cdk synth` selects
if (WHERE === 'top') serviceStack(app, 'Web');
else if (WHERE === 'stage') serviceStack(new Stage(app, 'Prod'), 'Web');
else serviceStack(new Stage(new Stage(app, 'Prod'), 'Eu'), 'Web');

if (CHECKS === 'aspect') Aspects.of(app).add(new FargatePlatformChecks());
else Validations.of(app).addPlugins(new FargatePlatformPack(app));
app.synth();
