import { App, Aspects, CfnParameter, Stack, Stage } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { check, l1Service, l1TaskDefinition, newStack } from './harness';
import { FargatePlatformChecks } from '../../src';

const STRATEGY = [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 1 }];
const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } };
/** EventBridge rule targets spell it AwsVpcConfiguration. */
const RULE_NETWORK = { awsVpcConfiguration: NETWORK.awsvpcConfiguration };
const CLUSTER_ARN = 'arn:aws:ecs:eu-west-1:111111111111:cluster/c';
const ROLE_ARN = 'arn:aws:iam::111111111111:role/r';

/** One launch of each kind that writes RunTask parameters, with the launch type and strategy given. */
function launches(stack: Stack, id: string, choice: { launchType?: string; capacityProviderStrategy?: any }): void {
  const td = l1TaskDefinition(stack, `${id}Td`);
  l1Service(stack, `${id}Service`, td, { launchType: undefined, ...choice });
  new events.CfnRule(stack, `${id}Rule`, {
    scheduleExpression: 'rate(1 hour)',
    targets: [{ id: 't', arn: CLUSTER_ARN, roleArn: ROLE_ARN, ecsParameters: { taskDefinitionArn: td.ref, platformVersion: '1.4.0', networkConfiguration: RULE_NETWORK, ...choice } }],
  });
  new scheduler.CfnSchedule(stack, `${id}Schedule`, {
    flexibleTimeWindow: { mode: 'OFF' },
    scheduleExpression: 'rate(1 hour)',
    target: { arn: CLUSTER_ARN, roleArn: ROLE_ARN, ecsParameters: { taskDefinitionArn: td.ref, platformVersion: '1.4.0', networkConfiguration: NETWORK, ...choice } },
  });
  new pipes.CfnPipe(stack, `${id}Pipe`, {
    roleArn: ROLE_ARN,
    source: 'arn:aws:sqs:eu-west-1:111111111111:q',
    target: CLUSTER_ARN,
    targetParameters: { ecsTaskParameters: { taskDefinitionArn: td.ref, platformVersion: '1.4.0', networkConfiguration: NETWORK, ...choice } },
  });
  const parameters: Record<string, unknown> = {
    Cluster: CLUSTER_ARN,
    TaskDefinition: stack.resolve(td.ref),
    PlatformVersion: '1.4.0',
    NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'], SecurityGroups: ['sg-1'] } },
  };
  if (choice.launchType) parameters.LaunchType = choice.launchType;
  const strategy = choice.capacityProviderStrategy;
  if (strategy) {
    parameters.CapacityProviderStrategy = Array.isArray(strategy)
      ? strategy.map((s: any) => ({ CapacityProvider: s.capacityProvider, Base: s.base, Weight: s.weight }))
      : strategy;
  }
  new sfn.CfnStateMachine(stack, `${id}StateMachine`, {
    roleArn: ROLE_ARN,
    definition: { StartAt: 'Run', States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', Parameters: parameters, End: true } } },
  });
}

describe('Fargate-SV3 launch type or capacity provider strategy, not both', () => {
  // One stack, checked once, with every kind of launch in every shape.
  const stack = newStack();
  launches(stack, 'Both', { launchType: 'FARGATE', capacityProviderStrategy: STRATEGY });
  launches(stack, 'LaunchType', { launchType: 'FARGATE' });
  launches(stack, 'Strategy', { capacityProviderStrategy: STRATEGY });
  const tokenStrategy = new CfnParameter(stack, 'Strategy', { type: 'String' }).valueAsString as any;
  launches(stack, 'TokenStrategy', { launchType: 'FARGATE', capacityProviderStrategy: tokenStrategy });
  launches(stack, 'EmptyStrategy', { launchType: 'FARGATE', capacityProviderStrategy: [] });
  const found = check(stack).filter(f => f.id === 'Fargate-SV3');

  test('Noncompliance: a service, an EventBridge rule target, a Scheduler target, a Pipe and a Step Functions state with both', () => {
    expect(found.map(f => [f.path, f.property])).toEqual([
      ['Stack/BothService', 'LaunchType'],
      ['Stack/BothRule', 'Targets[0].EcsParameters.LaunchType'],
      ['Stack/BothSchedule', 'Target.EcsParameters.LaunchType'],
      ['Stack/BothPipe', 'TargetParameters.EcsTaskParameters.LaunchType'],
      ['Stack/BothStateMachine', 'Definition: States.Run.Parameters.LaunchType'],
    ]);
    expect(found[0].message).toBe(
      '[Fargate-SV3] A Fargate service or task target must give a launch type or a capacity provider strategy, not both: ' +
      'ECS service gives launch type FARGATE and a capacity provider strategy (CapacityProviderStrategy). Property `LaunchType`, ' +
      "got 'FARGATE'. Allowed: either LaunchType or CapacityProviderStrategy. Fix: Remove the launch type and keep the strategy " +
      '(FARGATE, FARGATE_SPOT or both), or remove the strategy and keep LaunchType FARGATE.',
    );
  });

  test('Compliance: a launch type alone, a strategy alone, a token strategy and an empty one', () => {
    expect(found.filter(f => !f.path.startsWith('Stack/Both'))).toEqual([]);
  });

  test('Noncompliance in a Stage, through the Aspect: the synthesis of the app fails', () => {
    const app = new App();
    const inStage = new Stack(new Stage(app, 'Prod'), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    l1Service(inStage, 'Svc', l1TaskDefinition(inStage, 'Td'), { capacityProviderStrategy: STRATEGY });
    Aspects.of(app).add(new FargatePlatformChecks());
    expect(() => app.synth()).toThrow(/Prod\/S\/Svc: \[Fargate-SV3\]/);
  });
});
