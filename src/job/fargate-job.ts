import { CfnResource, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventsTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { acknowledge, ACKNOWLEDGEMENTS, jobRunRoleAcknowledgements, stateMachineRoleAcknowledgements } from '../acknowledgements';
import { StackChecks } from '../checks/engine';
import * as defaults from '../defaults';
import { propsError } from '../errors';
import { ManagedPolicyRole } from '../iam/managed-policy-role';
import { FAILED_RUN_STOP_CODES, MAX_INVOCATION_EVENT_AGE, MAX_INVOCATION_RETRY_ATTEMPTS, MIN_INVOCATION_EVENT_AGE } from '../platform/jobs';
import { EfsMountOptions, EfsVolume } from '../storage/efs-volume';
import { FargateTaskConstruct, FargateTaskOptions } from '../task/fargate-task';

/**
 * Options for `JobTrigger.schedule`.
 */
export interface JobScheduleOptions {
  /**
   * A window after the scheduled time in which the run may start, which spreads load.
   * @default - the run starts at the scheduled time (no window)
   */
  readonly timeWindow?: scheduler.TimeWindow;

  /**
   * A description of the schedule.
   * @default - none
   */
  readonly description?: string;
}

/** @internal */
export enum TriggerKind { SCHEDULE = 'schedule', EVENT = 'event' }

/**
 * What starts a job: a schedule (EventBridge Scheduler) or an event (an EventBridge rule). A job may have several.
 */
export class JobTrigger {
  /**
   * On a schedule, through EventBridge Scheduler: `ScheduleExpression.cron({ hour: '2', minute: '0', timeZone })`,
   * `.rate(Duration.hours(1))` or `.at(date)`.
   */
  public static schedule(expression: scheduler.ScheduleExpression, options: JobScheduleOptions = {}): JobTrigger {
    return new JobTrigger(TriggerKind.SCHEDULE, expression, undefined, options);
  }

  /**
   * On each event that matches the pattern, through an EventBridge rule on the default bus: an S3 upload
   * (`{ source: ['aws.s3'], detailType: ['Object Created'], detail: { bucket: { name: [bucket.bucketName] } } }`,
   * with EventBridge notifications on the bucket), or a custom event.
   */
  public static onEvent(pattern: events.EventPattern): JobTrigger {
    return new JobTrigger(TriggerKind.EVENT, undefined, pattern, {});
  }

  private constructor(
    /** @internal */ public readonly _kind: TriggerKind,
    /** @internal */ public readonly _expression: scheduler.ScheduleExpression | undefined,
    /** @internal */ public readonly _pattern: events.EventPattern | undefined,
    /** @internal */ public readonly _options: JobScheduleOptions,
  ) {}
}

/**
 * Props for `FargateJob`: the task (`FargateTaskOptions`) and what starts it, retries it and reports its failures.
 */
export interface FargateJobProps extends FargateTaskOptions {
  /**
   * What starts the job. Without a trigger, the job runs on demand: `grantRun` lets a principal start it.
   * @default - none
   */
  readonly triggers?: JobTrigger[];

  /**
   * How many times EventBridge Scheduler or EventBridge retries starting a run that could not start (0 to 185).
   * A run that could not start after the retries goes to the dead-letter queue.
   * @default 3
   */
  readonly retryAttempts?: number;

  /**
   * How long an invocation is retried before it goes to the dead-letter queue (1 minute to 24 hours).
   * @default Duration.hours(1)
   */
  readonly maxEventAge?: Duration;

  /**
   * Where invocations that could not start a run go.
   * @default - a queue encrypted with the environment's key, TLS only, messages kept 14 days
   */
  readonly deadLetterQueue?: sqs.IQueue;

  /**
   * Where failed runs are reported: a run whose essential container exits with a non-zero code, that fails to start
   * (`ResourceInitializationError` and the like), or that Spot interrupts.
   * @default - a topic encrypted with the environment's key; subscribe people or tools to `job.failureTopic`
   */
  readonly failureTopic?: sns.ITopic;

  /**
   * How many tasks one run starts.
   * @default 1
   */
  readonly taskCount?: number;

  /**
   * ECS Exec (`aws ecs execute-command`) into running tasks, as for services: sessions encrypted with the environment's
   * key and logged to its Exec log group.
   * @default false
   */
  readonly enableExec?: boolean;

  /**
   * The longest one run may take; a run still going then is stopped and reported as failed. ECS tasks have no time
   * limit of their own, so with a timeout (or `runRetries`) the triggers start a Step Functions state machine that
   * runs the task and waits for it (`ecs:runTask.sync`), `job.stateMachine`.
   * @default - no limit, and the triggers start the task directly
   */
  readonly timeout?: Duration;

  /**
   * How many times a run that failed after it started (an essential container exited non-zero, or the timeout) is
   * run again, through the state machine, waiting a minute and then twice as long each time.
   * @default 0
   */
  readonly runRetries?: number;
}

/**
 * A Fargate task that runs to completion: on a schedule, on an event, or on demand. It has the same task as a
 * `FargateWorkload` (the same secure defaults, task-size check, logging, volumes and VPC endpoints), a pinned
 * platform version, retries and a dead-letter queue for runs that could not start, a topic that hears of runs that
 * failed, and one role for its triggers that may run only this task definition and pass only its two roles.
 *
 * @example
 * new FargateJob(this, 'Nightly', {
 *   environment: env,
 *   image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox'),
 *   command: ['sh', '-c', 'echo exporting'],
 *   capacity: CapacityStrategy.spot(),
 *   triggers: [JobTrigger.schedule(scheduler.ScheduleExpression.cron({ hour: '2', minute: '0' }))],
 * });
 */
export class FargateJob extends FargateTaskConstruct {
  /** The role EventBridge Scheduler and EventBridge assume to start runs: it may run this task only. */
  public readonly runRole: iam.IRole;
  /** The schedules, one per `JobTrigger.schedule`. */
  public readonly schedules: scheduler.Schedule[];
  /** The EventBridge rules, one per `JobTrigger.onEvent`. */
  public readonly rules: events.Rule[];
  /** Where invocations that could not start a run go. */
  public readonly deadLetterQueue: sqs.IQueue;
  /** Where failed runs are reported. */
  public readonly failureTopic: sns.ITopic;
  /** The rule that sends this job's failed runs to `failureTopic`. */
  public readonly failureRule: events.Rule;
  /**
   * The state machine that runs the task and waits for it, with `timeout` or `runRetries`; the triggers start it.
   * @default - none: the triggers start the task directly
   */
  public readonly stateMachine?: sfn.StateMachine;


  constructor(scope: Construct, id: string, props: FargateJobProps) {
    super(scope, id, props);
    const environment = this._environment;
    const retryAttempts = props.retryAttempts ?? defaults.DEFAULT_JOB_RETRY_ATTEMPTS;
    const maxEventAge = props.maxEventAge ?? defaults.DEFAULT_JOB_MAX_EVENT_AGE;
    const runRetries = props.runRetries ?? 0;
    this.checkRetries(retryAttempts, maxEventAge, runRetries);
    const exec = props.enableExec ?? false;

    // One role for every trigger of this job, allowed to run only this task definition and pass only its roles
    // (the targets grant exactly that). Each service may assume it only for this account.
    const account = Stack.of(this).account;
    this.runRole = new ManagedPolicyRole(this, 'RunRole', {
      assumedBy: new iam.CompositePrincipal(
        new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': account } } }),
        new iam.ServicePrincipal('events.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': account } } }),
      ),
      description: `Starts runs of ${this.node.path}`,
    });
    acknowledge(this.runRole, jobRunRoleAcknowledgements(this, environment.cluster.clusterName));

    this.deadLetterQueue = props.deadLetterQueue ?? new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: environment.key,
      enforceSSL: true,
      retentionPeriod: defaults.DEFAULT_JOB_DLQ_RETENTION,
      removalPolicy: environment.removalPolicy,
    });
    if (!props.deadLetterQueue) acknowledge(this.deadLetterQueue, ACKNOWLEDGEMENTS.jobDeadLetterQueue);
    // Exactly what sending to the (encrypted) queue takes, without the KMS wildcards of grantSendMessages.
    this.runRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }));
    const queueKey = this.deadLetterQueue.encryptionMasterKey;
    if (queueKey) {
      this.runRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [queueKey.keyArn] }));
    }
    environment._allowServiceToUseKey('events.amazonaws.com');

    const providers = this.capacity.providers;
    const subnets = environment.taskSubnets;
    if (props.timeout !== undefined || runRetries > 0) {
      this.stateMachine = this.addStateMachine(props.timeout, runRetries, subnets, exec);
    }
    const machine = this.stateMachine;
    if (exec) this._grantExec();
    this.schedules = [];
    this.rules = [];
    (props.triggers ?? []).forEach((trigger, i) => {
      const n = i + 1;
      if (trigger._kind === TriggerKind.SCHEDULE) {
        this.schedules.push(new scheduler.Schedule(this, `Schedule${n}`, {
          schedule: trigger._expression!,
          timeWindow: trigger._options.timeWindow,
          description: trigger._options.description,
          target: machine ? new schedulerTargets.StepFunctionsStartExecution(machine, {
            role: this.runRole, deadLetterQueue: this.deadLetterQueue, retryAttempts, maxEventAge,
          }) : new schedulerTargets.EcsRunFargateTask(environment.cluster, {
            taskDefinition: this.taskDefinition,
            platformVersion: this.platformVersion,
            capacityProviderStrategies: providers,
            enableExecuteCommand: exec || undefined,
            securityGroups: this._taskSecurityGroups,
            vpcSubnets: subnets,
            taskCount: props.taskCount,
            role: this.runRole,
            deadLetterQueue: this.deadLetterQueue,
            retryAttempts,
            maxEventAge,
          }),
        }));
      } else {
        const rule = new events.Rule(this, `Rule${n}`, { eventPattern: trigger._pattern });
        this.rules.push(rule);
        if (machine) {
          rule.addTarget(new eventsTargets.SfnStateMachine(machine, {
            role: this.runRole, deadLetterQueue: this.deadLetterQueue, retryAttempts, maxEventAge,
          }));
          return;
        }
        rule.addTarget(new eventsTargets.EcsTask({
          cluster: environment.cluster,
          taskDefinition: this.taskDefinition,
          platformVersion: this.platformVersion,
          enableExecuteCommand: exec || undefined,
          securityGroups: this._taskSecurityGroups,
          subnetSelection: subnets,
          taskCount: props.taskCount,
          role: this.runRole,
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts,
          maxEventAge,
        }));
        // aws-cdk-lib's EcsTask target writes a launch type and no strategy; run on the job's capacity instead
        // (ECS refuses both together, rule Fargate-SV3).
        const cfn = rule.node.defaultChild as events.CfnRule;
        cfn.addPropertyDeletionOverride('Targets.0.EcsParameters.LaunchType');
        cfn.addPropertyOverride('Targets.0.EcsParameters.CapacityProviderStrategy',
          providers.map(p => ({ CapacityProvider: p.capacityProvider, Base: p.base, Weight: p.weight })));
      }
    });

    // A run that fails after it was started: an essential container exits non-zero, the task fails to start, or
    // Spot takes it back. ECS reports each stopped task; this rule keeps this job's.
    this.failureTopic = props.failureTopic ?? new sns.Topic(this, 'Failures', {
      masterKey: environment.key,
      enforceSSL: true,
      displayName: `Failed runs of ${this.node.path}`,
    });
    this.failureRule = new events.Rule(this, 'FailureRule', {
      description: `Failed runs of ${this.node.path}`,
      eventPattern: {
        source: ['aws.ecs'],
        detailType: ['ECS Task State Change'],
        detail: {
          clusterArn: [environment.cluster.clusterArn],
          group: [`family:${this.taskDefinition.family}`],
          lastStatus: ['STOPPED'],
          $or: [
            { containers: { exitCode: [{ 'anything-but': 0 }] } },
            { stopCode: [...FAILED_RUN_STOP_CODES] },
          ],
        },
      },
    });
    this.failureRule.addTarget(new eventsTargets.SnsTopic(this.failureTopic));
    if (this.stateMachine) {
      // A run the state machine gave up on: timed out, or failed after its retries.
      new events.Rule(this, 'ExecutionFailureRule', {
        description: `Executions of ${this.node.path} that failed, timed out or were aborted`,
        eventPattern: {
          source: ['aws.states'],
          detailType: ['Step Functions Execution Status Change'],
          detail: { stateMachineArn: [this.stateMachine.stateMachineArn], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
        },
      }).addTarget(new eventsTargets.SnsTopic(this.failureTopic));
    }

    this._addEndpoints(exec);
    // The same rules as FargatePlatformChecks judge the task definition and the triggers when the app is synthesized.
    StackChecks.of(Stack.of(this)).addConstructCheck(this._checkOptions, () => [
      this.taskDefinition, ...this.schedules, ...this.rules, ...this.stateMachine ? [this.stateMachine] : [],
    ].map(c => c.node.defaultChild as CfnResource));
  }

  /**
   * Lets a principal start runs of this job (a Step Functions state, a Lambda function, a CI role): `ecs:RunTask` on
   * this task definition in this environment's cluster, and `iam:PassRole` on the task's execution and task roles.
   */
  public grantRun(grantee: iam.IGrantable): iam.Grant {
    return this.taskDefinition.grantRun(grantee);
  }

  /**
   * Mounts an EFS volume as `FargateWorkload.addVolume` does; the triggers wait for the mount targets.
   * @param volume the volume
   * @param options where and how to mount it
   * @returns the access point this mount uses
   */
  public addVolume(volume: EfsVolume, options: EfsMountOptions): efs.AccessPoint {
    return this._mountEfs(volume, options, this.taskDefinition);
  }

  /** Runs the task and waits for it, with the time limit and the retries of failed runs. */
  private addStateMachine(timeout: Duration | undefined, runRetries: number, subnets: ec2.SubnetSelection, exec: boolean): sfn.StateMachine {
    const environment = this._environment;
    const run = new tasks.EcsRunTask(this, 'Run', {
      cluster: environment.cluster,
      taskDefinition: this.taskDefinition,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      launchTarget: new tasks.EcsFargateLaunchTarget({
        platformVersion: this.platformVersion,
        capacityProviderOptions: tasks.CapacityProviderOptions.custom(this.capacity.providers),
      }),
      securityGroups: this._taskSecurityGroups,
      subnets,
      taskTimeout: timeout ? sfn.Timeout.duration(timeout) : undefined,
      enableExecuteCommand: exec || undefined,
    });
    if (runRetries > 0) {
      run.addRetry({ errors: ['States.TaskFailed', 'States.Timeout'], maxAttempts: runRetries, interval: Duration.minutes(1), backoffRate: 2 });
    }
    const role = new ManagedPolicyRole(this, 'StateMachineRole', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    const machine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(run),
      role,
      logs: { destination: environment._logGroup(this, 'ExecutionLogs'), level: sfn.LogLevel.ALL },
      tracingEnabled: true,
    });
    acknowledge(role, stateMachineRoleAcknowledgements(this, role.resolvedStatements()));
    return machine;
  }

  private checkRetries(retryAttempts: number, maxEventAge: Duration, runRetries: number): void {
    const [minAge, maxAge] = [MIN_INVOCATION_EVENT_AGE, MAX_INVOCATION_EVENT_AGE];
    for (const [code, property, value, max] of [
      ['InvalidRetryAttempts', 'retryAttempts', retryAttempts, MAX_INVOCATION_RETRY_ATTEMPTS],
      ['InvalidRunRetries', 'runRetries', runRetries, defaults.MAX_JOB_RUN_RETRIES],
    ] as const) {
      if (Number.isInteger(value) && value >= 0 && value <= max) continue;
      throw propsError(this, code, `${this.node.path}: property \`${property}\` must be a whole number from 0 to ${max}, got ${value}. ` +
        'Fix: choose a number in that range.');
    }
    const seconds = maxEventAge.toSeconds();
    if (seconds < minAge.toSeconds() || seconds > maxAge.toSeconds()) {
      throw propsError(this, 'InvalidMaxEventAge', `${this.node.path}: property \`maxEventAge\` must be from ${minAge.toHumanString()} to ` +
        `${maxAge.toHumanString()}, got ${maxEventAge.toHumanString()}. Fix: choose an age in that range.`);
    }
  }
}
