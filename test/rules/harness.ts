import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { checkStack, FargateCheckOptions } from '../../src/checks/engine';

/** A finding as tests see it. */
export interface Seen {
  readonly id: string;
  readonly level: string;
  readonly path: string;
  readonly property: string;
  readonly message: string;
}

/**
 * Runs every rule over a stack. The app is synthesized first (once), because aws-cdk-lib completes some
 * resources in aspects at synth time, as the checks see them in a real app.
 */
export function check(stack: Stack, options: FargateCheckOptions = {}): Seen[] {
  (stack.node.root as App).synth();
  return checkStack(stack, options).map(r => ({
    id: r.rule.id, level: r.level, path: r.node.node.path, property: r.finding.property, message: r.message,
  }));
}

/** The IDs found, sorted and de-duplicated. */
export function ids(stack: Stack, options: FargateCheckOptions = {}): string[] {
  return [...new Set(check(stack, options).map(s => s.id))].sort();
}

export function newStack(id = 'Stack'): Stack {
  return new Stack(new App(), id, { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** A valid L1 Fargate task definition; override what a test is about. */
export function l1TaskDefinition(
  stack: Stack, id: string, props: Partial<ecs.CfnTaskDefinitionProps> = {},
  container: Partial<ecs.CfnTaskDefinition.ContainerDefinitionProperty> = {},
): ecs.CfnTaskDefinition {
  return new ecs.CfnTaskDefinition(stack, id, {
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{
      name: 'app',
      image: 'public.ecr.aws/nginx/nginx:1.27',
      essential: true,
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'app' } },
      ...container,
    }],
    ...props,
  });
}

/** A valid L1 Fargate service for a task definition. */
export function l1Service(
  stack: Stack, id: string, taskDefinition: ecs.CfnTaskDefinition, props: Partial<ecs.CfnServiceProps> = {},
): ecs.CfnService {
  return new ecs.CfnService(stack, id, {
    cluster: 'arn:aws:ecs:eu-west-1:111111111111:cluster/c',
    taskDefinition: taskDefinition.ref,
    launchType: 'FARGATE',
    platformVersion: '1.4.0',
    desiredCount: 1,
    networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } },
    ...props,
  });
}
