import { App, Aspects, CfnParameter, Duration, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import { check, newStack } from './harness';
import { FargatePlatformChecks } from '../../src';

const CLUSTER_ARN = 'arn:aws:ecs:eu-west-1:111111111111:cluster/c';
const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } };

/** An L2 Fargate task definition with its execution and task roles. */
function taskDefinition(stack: Stack, id: string): ecs.FargateTaskDefinition {
  const td = new ecs.FargateTaskDefinition(stack, id);
  td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'a' }) });
  return td;
}

/** A Scheduler schedule that runs `td` as `role`, written in L1. */
function schedule(stack: Stack, id: string, td: ecs.FargateTaskDefinition, roleArn: string): scheduler.CfnSchedule {
  return new scheduler.CfnSchedule(stack, id, {
    flexibleTimeWindow: { mode: 'OFF' },
    scheduleExpression: 'rate(1 day)',
    target: { arn: CLUSTER_ARN, roleArn, ecsParameters: { taskDefinitionArn: td.taskDefinitionArn, launchType: 'FARGATE', platformVersion: '1.4.0', networkConfiguration: NETWORK } },
  });
}

describe('Fargate-JB1 the role of a task target may run the task and pass its roles', () => {
  // One stack of L1 and L2 targets, checked once.
  const stack = newStack();
  const td = taskDefinition(stack, 'Td');
  const other = taskDefinition(stack, 'Other');
  const role = (id: string) => new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });

  const noGrants = role('NoGrants');
  schedule(stack, 'NoGrantsSchedule', td, noGrants.roleArn);

  const runOnly = role('RunOnly');
  runOnly.addToPolicy(new iam.PolicyStatement({ actions: ['ecs:RunTask'], resources: [td.taskDefinitionArn] }));
  schedule(stack, 'RunOnlySchedule', td, runOnly.roleArn);

  const wrongTask = role('WrongTask');
  wrongTask.addToPolicy(new iam.PolicyStatement({ actions: ['ecs:RunTask'], resources: [other.taskDefinitionArn] }));
  wrongTask.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  schedule(stack, 'WrongTaskSchedule', td, wrongTask.roleArn);

  const wildcards = role('Wildcards');
  wildcards.addToPolicy(new iam.PolicyStatement({ actions: ['ecs:*', 'iam:Pass*'], resources: ['*'] }));
  schedule(stack, 'WildcardsSchedule', td, wildcards.roleArn);

  const awsManaged = role('AwsManaged');
  awsManaged.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEC2ContainerServiceEventsRole'));
  schedule(stack, 'AwsManagedSchedule', td, awsManaged.roleArn);

  schedule(stack, 'ImportedRoleSchedule', td, 'arn:aws:iam::111111111111:role/scheduler-runs-tasks');
  schedule(stack, 'TokenRoleSchedule', td, new CfnParameter(stack, 'RoleArn', { type: 'String' }).valueAsString);
  new events.CfnRule(stack, 'NoRoleRule', {
    scheduleExpression: 'rate(1 day)',
    targets: [{
      id: 'task',
      arn: CLUSTER_ARN,
      ecsParameters: { taskDefinitionArn: td.taskDefinitionArn, launchType: 'FARGATE', platformVersion: '1.4.0', networkConfiguration: { awsVpcConfiguration: NETWORK.awsvpcConfiguration } },
    }],
  });

  const pipeRole = role('PipeRole');
  new pipes.CfnPipe(stack, 'Pipe', {
    roleArn: pipeRole.roleArn,
    source: 'arn:aws:sqs:eu-west-1:111111111111:q',
    target: CLUSTER_ARN,
    targetParameters: { ecsTaskParameters: { taskDefinitionArn: td.taskDefinitionArn, launchType: 'FARGATE', platformVersion: '1.4.0', networkConfiguration: NETWORK } },
  });

  // aws-cdk-lib's own targets write the grants.
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
  new events.Rule(stack, 'Nightly', { schedule: events.Schedule.cron({ hour: '2', minute: '0' }) })
    .addTarget(new targets.EcsTask({ cluster, taskDefinition: td, platformVersion: ecs.FargatePlatformVersion.VERSION1_4 }));
  new scheduler.Schedule(stack, 'L2Schedule', {
    schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)),
    target: new schedulerTargets.EcsRunFargateTask(cluster, { taskDefinition: td, platformVersion: ecs.FargatePlatformVersion.VERSION1_4 }),
  });
  const patterns = new ecsPatterns.ScheduledFargateTask(stack, 'Patterns', {
    cluster,
    scheduledFargateTaskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx'), memoryLimitMiB: 512 },
    schedule: events.Schedule.rate(Duration.hours(6)),
  });
  const found = check(stack);
  const jb1 = found.filter(f => f.id === 'Fargate-JB1');
  const at = (id: string) => jb1.filter(f => f.path === `Stack/${id}`).map(f => f.message.match(/^\[[^\]]+\] [^:]*: (.*?)\. Property/)?.[1]);

  test('Noncompliance: a role without grants, one without PassRole, one allowed only another task definition', () => {
    expect(at('NoGrantsSchedule')).toEqual([expect.stringMatching(
      /^EventBridge Scheduler target assumes a role whose policies do not allow ecs:RunTask on the task definition, nor iam:PassRole on the execution role, nor iam:PassRole on the task role: the target fires and no task starts/)]);
    expect(at('RunOnlySchedule')).toEqual([expect.stringMatching(/do not allow iam:PassRole on the execution role, nor iam:PassRole on the task role:/)]);
    expect(at('WrongTaskSchedule')).toEqual([expect.stringMatching(/do not allow ecs:RunTask on the task definition:/)]);
    expect(jb1.find(f => f.path === 'Stack/NoGrantsSchedule')!.property).toBe('Target.RoleArn');
  });

  test('Noncompliance: a target with no role, and a Pipe whose role has no grants', () => {
    expect(at('NoRoleRule')).toEqual(['EventBridge rule target 0 runs a Fargate task but has no role to run it with']);
    expect(jb1.filter(f => f.path === 'Stack/Pipe').map(f => f.property)).toEqual(['RoleArn']);
  });

  test('Compliance: wildcards count; AWS managed policies, imported roles and tokens are not judged', () => {
    for (const id of ['WildcardsSchedule', 'AwsManagedSchedule', 'ImportedRoleSchedule', 'TokenRoleSchedule']) expect([id, at(id)]).toEqual([id, []]);
  });

  test('Compliance: aws-cdk-lib\'s EcsTask and EcsRunFargateTask targets and ecs-patterns ScheduledFargateTask', () => {
    expect(jb1.filter(f => /Nightly|L2Schedule|Patterns/.test(f.path))).toEqual([]);
    expect(jb1.map(f => f.path).sort()).toEqual(['Stack/NoGrantsSchedule', 'Stack/NoRoleRule', 'Stack/Pipe', 'Stack/RunOnlySchedule', 'Stack/WrongTaskSchedule']);
  });

  test('ScheduledFargateTask left on its default platform version draws the LATEST warning', () => {
    const latest = found.filter(f => f.id === 'Fargate-PV2' && f.path.startsWith('Stack/Patterns'));
    expect(latest.map(f => [f.level, f.property])).toEqual([['warning', 'Targets[0].EcsParameters.PlatformVersion']]);
    expect(patterns.taskDefinition).toBeDefined();
  });

  test('Noncompliance in a Stage, through the Aspect: the synthesis of the app fails', () => {
    const app = new App();
    const inStage = new Stack(new Stage(app, 'Prod'), 'Jobs', { env: { account: '111111111111', region: 'eu-west-1' } });
    const t = taskDefinition(inStage, 'Td');
    schedule(inStage, 'Nightly', t, new iam.Role(inStage, 'Role', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') }).roleArn);
    Aspects.of(app).add(new FargatePlatformChecks());
    expect(() => app.synth()).toThrow(/Prod\/Jobs\/Nightly: \[Fargate-JB1\]/);
  });
});
