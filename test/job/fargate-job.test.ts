import { App, Aspects, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import {
  CapacityStrategy, EnvironmentEgress, FargateEnvironment, FargateJob, FargatePlatformChecks, JobTrigger, TaskSize, WorkloadRuntime,
} from '../../src';
import { complianceApp, complianceFindings } from '../compliance/compliance';
import { ENV, IMAGE } from '../workload/fixtures';

const NIGHTLY = scheduler.ScheduleExpression.cron({ hour: '2', minute: '0', timeZone: { timezoneName: 'Europe/Paris' } as any });

describe('a job with defaults in a default environment', () => {
  // GIVEN a job on a schedule and on an event, under the checks and every compliance pack, synthesized once
  const app = complianceApp();
  const stack = new Stack(app, 'Jobs', { env: ENV });
  Aspects.of(stack).add(new FargatePlatformChecks());
  const env = new FargateEnvironment(stack, 'Env');
  const job = new FargateJob(stack, 'Export', {
    environment: env,
    image: IMAGE,
    command: ['export'],
    triggers: [JobTrigger.schedule(scheduler.ScheduleExpression.cron({ hour: '2', minute: '0' })), JobTrigger.onEvent({ source: ['my.app'], detailType: ['Export requested'] })],
  });
  const findings = complianceFindings(app);
  const template = Template.fromStack(stack);
  const ref = (id: string) => ({ Ref: Match.stringLikeRegexp(`^${id}`) });
  const arn = (id: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^${id}`), 'Arn'] });

  test('has no finding from our checks and no unacknowledged compliance finding', () => {
    expect(findings).toEqual([]);
    const annotations = Annotations.fromStack(stack);
    expect([...annotations.findError('*', Match.anyValue()), ...annotations.findWarning('*', Match.stringLikeRegexp('Fargate-'))]).toEqual([]);
  });

  test('the schedule pins 1.4.0, runs on-demand capacity, retries 3 times for an hour, then goes to the dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
      Target: {
        Arn: arn('EnvCluster'),
        RoleArn: arn('ExportRunRole'),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: arn('ExportDeadLetterQueue') },
        EcsParameters: Match.objectLike({
          TaskDefinitionArn: ref('ExportTaskDefinition'),
          PlatformVersion: '1.4.0',
          CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1 }],
          LaunchType: Match.absent(),
          NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
        }),
      },
    });
  });

  test('the event rule runs the same task the same way: pinned, its capacity and no launch type, retries and the queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['my.app'], 'detail-type': ['Export requested'] },
      Targets: [Match.objectLike({
        RoleArn: arn('ExportRunRole'),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: arn('ExportDeadLetterQueue') },
        EcsParameters: Match.objectLike({ PlatformVersion: '1.4.0', CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1 }], LaunchType: Match.absent() }),
      })],
    });
  });

  test('the run role may run exactly this task definition and pass exactly its two roles', () => {
    const policies = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [ref('ExportRunRole')] } });
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const byAction = (action: string) => statements.filter((st: any) => [st.Action].flat().includes(action));
    expect(byAction('ecs:RunTask').map((st: any) => st.Resource)).toEqual([{ Ref: expect.stringMatching(/^ExportTaskDefinition/) }, { Ref: expect.stringMatching(/^ExportTaskDefinition/) }]);
    expect(byAction('iam:PassRole').flatMap((st: any) => [st.Resource].flat()).map((r: any) => r['Fn::GetAtt'][0]).sort()).toEqual([
      expect.stringMatching(/^ExportExecutionRole/), expect.stringMatching(/^ExportExecutionRole/),
      expect.stringMatching(/^ExportTaskRole/), expect.stringMatching(/^ExportTaskRole/),
    ].sort());
    const actions = new Set(statements.flatMap((st: any) => [st.Action].flat()));
    expect(actions).toEqual(new Set(['ecs:RunTask', 'iam:PassRole', 'ecs:TagResource', 'sqs:SendMessage', 'kms:GenerateDataKey', 'kms:Decrypt']));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        })]),
      },
    });
  });

  test('failed runs of this task family reach an encrypted topic', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.ecs'],
        'detail-type': ['ECS Task State Change'],
        'detail': {
          clusterArn: [arn('EnvCluster')],
          group: [Match.stringLikeRegexp('^family:JobsExportTaskDefinition')],
          lastStatus: ['STOPPED'],
          $or: [{ containers: { exitCode: [{ 'anything-but': 0 }] } }, { stopCode: ['TaskFailedToStart', 'SpotInterruption', 'TerminationNotice'] }],
        },
      },
      Targets: [Match.objectLike({ Arn: ref('ExportFailures') })],
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: arn('EnvKey') });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: arn('EnvKey'), MessageRetentionPeriod: 1209600 });
    expect(job.failureRule.node.path).toBe('Jobs/Export/FailureRule');
  });

  test('the task has the secure defaults of a service', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '256',
      Memory: '512',
      ContainerDefinitions: [Match.objectLike({ User: '1000:1000', ReadonlyRootFilesystem: true, Command: ['export'] })],
    });
  });
});

describe('FargateJob', () => {
  test('grantRun, connections and grants, Spot on an event trigger', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const env = new FargateEnvironment(stack, 'Env');
    const job = new FargateJob(stack, 'Job', {
      environment: env, image: IMAGE, capacity: CapacityStrategy.spot(), triggers: [JobTrigger.onEvent({ source: ['my.app'] })], retryAttempts: 0,
    });
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    job.grantRun(caller);
    const db = new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }), vpc: env.vpc });
    db.connections.allowDefaultPortFrom(job);
    const t = Template.fromStack(stack);
    const granted = Object.values(t.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^Caller') }] } }))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement).flatMap((st: any) => [st.Action].flat());
    expect(granted.sort()).toEqual(['ecs:RunTask', 'iam:PassRole']);
    t.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 0 }), EcsParameters: Match.objectLike({ CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] }) })],
    });
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^JobSecurityGroup'), 'GroupId'] } });
    expect(job.grantPrincipal).toBe(job.taskDefinition.taskRole);
  });

  test('bad props are refused when the job is built: retries, event age, task size', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const env = new FargateEnvironment(stack, 'Env');
    expect(() => new FargateJob(stack, 'Retries', { environment: env, image: IMAGE, retryAttempts: 200 }))
      .toThrow(/S\/Retries: property `retryAttempts` must be a whole number from 0 to 185, got 200/);
    expect(() => new FargateJob(stack, 'Age', { environment: env, image: IMAGE, maxEventAge: Duration.days(2) }))
      .toThrow(/S\/Age: property `maxEventAge` must be from 1 minute to 1 day, got 2 days/);
    expect(() => new FargateJob(stack, 'Size', { environment: env, image: IMAGE, runtime: WorkloadRuntime.WINDOWS_SERVER_2022_CORE, taskSize: TaskSize.of(8192, 16384) }))
      .toThrow(/S\/Size: property `taskSize`: \[Fargate-TS1\].*8 vCPU\) is a Linux only size/);
  });

  test('Spot on Windows fails synthesis with Fargate-SP1, on the schedule the job made', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env: ENV });
    new FargateJob(stack, 'Job', {
      environment: new FargateEnvironment(stack, 'Env'),
      image: IMAGE,
      runtime: WorkloadRuntime.WINDOWS_SERVER_2022_CORE,
      capacity: CapacityStrategy.spot(),
      triggers: [JobTrigger.schedule(NIGHTLY)],
    });
    expect(() => app.synth()).toThrow(/S\/Job\/Schedule1\/Resource: \[Fargate-SP1\]/);
  });
});

test('a job\'s ephemeral storage and platform version come from the task options', () => {
  const stack = new Stack(new App(), 'S', { env: ENV });
  const job = new FargateJob(stack, 'Job', {
    environment: new FargateEnvironment(stack, 'Env'), image: IMAGE, ephemeralStorageGiB: 100, triggers: [JobTrigger.schedule(NIGHTLY)],
  });
  const t = Template.fromStack(stack);
  t.hasResourceProperties('AWS::ECS::TaskDefinition', { EphemeralStorage: { SizeInGiB: 100 } });
  expect(job.platformVersion).toBe(ecs.FargatePlatformVersion.VERSION1_4);
});

describe('a job with a time limit and retries of failed runs', () => {
  // GIVEN a job whose runs go through a state machine, under the checks and every compliance pack
  const app = complianceApp();
  const stack = new Stack(app, 'Jobs', { env: ENV });
  Aspects.of(stack).add(new FargatePlatformChecks());
  const job = new FargateJob(stack, 'Report', {
    environment: new FargateEnvironment(stack, 'Env'),
    image: IMAGE,
    capacity: CapacityStrategy.mixed(),
    timeout: Duration.hours(2),
    runRetries: 2,
    triggers: [JobTrigger.schedule(NIGHTLY), JobTrigger.onEvent({ source: ['my.app'] })],
  });
  const findings = complianceFindings(app);
  const template = Template.fromStack(stack);
  const arn = (id: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^${id}`), 'Arn'] });

  test('has no finding from our checks and no unacknowledged compliance finding', () => {
    expect(findings).toEqual([]);
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test('the triggers start the state machine, which runs the task pinned, on its capacity, and waits for it', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^ReportStateMachine') }, RoleArn: arn('ReportRunRole'), DeadLetterConfig: { Arn: arn('ReportDeadLetterQueue') } }),
    });
    template.hasResourceProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^ReportStateMachine') }, RoleArn: arn('ReportRunRole') })] });
    const definition = JSON.stringify(stack.resolve((job.stateMachine!.node.defaultChild as any).definitionString));
    for (const part of [
      '\\"TimeoutSeconds\\":7200', '\\"MaxAttempts\\":2', '\\"States.TaskFailed\\",\\"States.Timeout\\"', ':states:::ecs:runTask.sync',
      '\\"PlatformVersion\\":\\"1.4.0\\"', '\\"CapacityProvider\\":\\"FARGATE_SPOT\\"',
    ]) expect(definition).toContain(part);
    expect(definition).not.toContain('LaunchType');
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
  });

  test('executions that fail, time out or are aborted reach the failure topic too', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        'detail': { stateMachineArn: [{ Ref: Match.stringLikeRegexp('^ReportStateMachine') }], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^ReportFailures') } })],
    });
  });

  test('runRetries is bounded', () => {
    const other = new Stack(new App(), 'S', { env: ENV });
    expect(() => new FargateJob(other, 'Loop', { environment: new FargateEnvironment(other, 'Env'), image: IMAGE, runRetries: 50 }))
      .toThrow(/S\/Loop: property `runRetries` must be a whole number from 0 to 10, got 50/);
  });
});

test('Exec on a job: every trigger turns it on, the task role gets the session grants, an isolated environment gets ssmmessages', () => {
  const app = new App();
  const stack = new Stack(app, 'S', { env: ENV });
  const env = new FargateEnvironment(stack, 'Env', { egress: EnvironmentEgress.ISOLATED });
  new FargateJob(stack, 'Job', { environment: env, image: IMAGE, enableExec: true, triggers: [JobTrigger.schedule(NIGHTLY), JobTrigger.onEvent({ source: ['my.app'] })] });
  const t = Template.fromStack(stack);
  t.hasResourceProperties('AWS::Scheduler::Schedule', { Target: Match.objectLike({ EcsParameters: Match.objectLike({ EnableExecuteCommand: true }) }) });
  t.hasResourceProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ EcsParameters: Match.objectLike({ EnableExecuteCommand: true }) })] });
  t.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: 'com.amazonaws.eu-west-1.ssmmessages' });
  t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
    Roles: [{ Ref: Match.stringLikeRegexp('^JobTaskRole') }],
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ssmmessages:CreateControlChannel']) })]) },
  });
  expect(() => app.synth()).not.toThrow();
});
