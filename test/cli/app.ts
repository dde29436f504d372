/**
 * A CDK app for the CLI test, in the CDK Pipelines layout: a top-level stack beside a `Stage` (optionally
 * nested in another) holding a plain aws-cdk-lib Fargate service. Read by `cdk synth --app ...`.
 *
 * - CHECKS: `aspect` (FargatePlatformChecks) or `pack` (FargatePlatformPack as a validation plugin)
 * - WHERE: where the service sits: `top` (a top-level stack), `stage` (a Stage) or `deep` (a Stage in a Stage)
 * - PLATFORM_VERSION: the service's platform version, e.g. `1.3.0` (an error), `LATEST` (a warning), `1.4.0`
 * - EKS: `parallel` adds two Fargate profiles of one EKS cluster created in parallel (Fargate-EK2, an error) to the
 *   service's stack, and the cost report beside the checks, which reads the stacks through the checks' rule context
 */
import { App, Aspects, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { FargateCostReport, FargatePlatformChecks, FargatePlatformPack } from '../../src';

const { CHECKS = 'aspect', WHERE = 'stage', PLATFORM_VERSION = '1.4.0', EKS } = process.env;

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
  if (EKS === 'parallel') {
    const eksCluster = new eks.CfnCluster(stack, 'Eks', { roleArn: 'arn:aws:iam::111111111111:role/c', resourcesVpcConfig: { subnetIds: ['subnet-1'] } });
    new eks.CfnAddon(stack, 'CoreDns', { clusterName: eksCluster.ref, addonName: 'coredns', configurationValues: '{"computeType":"Fargate"}' });
    for (const ns of ['kube-system', 'b']) {
      new eks.CfnFargateProfile(stack, `Profile-${ns}`, {
        clusterName: eksCluster.ref, podExecutionRoleArn: 'arn:aws:iam::111111111111:role/p', selectors: [{ namespace: ns }],
      });
    }
  }
  return stack;
}

const app = new App();
new Stack(app, 'Pipeline'); // the top-level stack a plain `cdk synth` selects
if (WHERE === 'top') serviceStack(app, 'Web');
else if (WHERE === 'stage') serviceStack(new Stage(app, 'Prod'), 'Web');
else serviceStack(new Stage(new Stage(app, 'Prod'), 'Eu'), 'Web');

if (EKS === 'parallel') Aspects.of(app).add(new FargateCostReport());
if (CHECKS === 'aspect') Aspects.of(app).add(new FargatePlatformChecks());
else Validations.of(app).addPlugins(new FargatePlatformPack(app));
app.synth();
