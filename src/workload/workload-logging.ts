import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * Options for `WorkloadLogging.awsLogs`.
 */
export interface AwsLogsLoggingOptions {
  /**
   * The log group containers write to.
   * @default - a log group is created, encrypted with the environment's key, with the environment's retention
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * Retention of the created log group. Ignored with `logGroup`.
   * @default - the environment's `logRetention` (one year unless set)
   */
  readonly retention?: logs.RetentionDays;

  /**
   * The log stream prefix; streams are named `prefix/container/task-id`.
   * @default - the workload's construct ID
   */
  readonly streamPrefix?: string;
}

/**
 * Options for `WorkloadLogging.fireLens`.
 */
export interface FireLensLoggingOptions {
  /**
   * The FireLens output plugin options for the main container (the `Name` key picks the plugin).
   * @default - the cloudwatch_logs plugin, writing to the workload's log group
   */
  readonly options?: { [key: string]: string };

  /**
   * The log router image.
   * @default - AWS for Fluent Bit from the ECR Public gallery
   */
  readonly routerImage?: ecs.ContainerImage;

  /**
   * The log group the router's own logs, and by default the application's, go to.
   * @default - a log group is created, encrypted with the environment's key, with the environment's retention
   */
  readonly logGroup?: logs.ILogGroup;
}

/** @internal */
export enum LoggingKind { AWS_LOGS = 'awslogs', FIRELENS = 'firelens' }

/**
 * How a workload's containers log. Every container logs somewhere: Control Tower CT.ECS.PR.5 and
 * AwsSolutions-ECS7 require it.
 */
export class WorkloadLogging {
  /** The awslogs driver, to a CloudWatch log group. */
  public static awsLogs(options: AwsLogsLoggingOptions = {}): WorkloadLogging {
    return new WorkloadLogging(LoggingKind.AWS_LOGS, options, {});
  }

  /**
   * FireLens: a Fluent Bit log router sidecar that ships the main container's logs wherever its options
   * say. The router and the sidecars log with awslogs.
   */
  public static fireLens(options: FireLensLoggingOptions = {}): WorkloadLogging {
    return new WorkloadLogging(LoggingKind.FIRELENS, { logGroup: options.logGroup }, options);
  }

  /** @internal */
  public readonly _kind: LoggingKind;
  /** @internal */
  public readonly _awsLogs: AwsLogsLoggingOptions;
  /** @internal */
  public readonly _fireLens: FireLensLoggingOptions;

  private constructor(kind: LoggingKind, awsLogs: AwsLogsLoggingOptions, fireLens: FireLensLoggingOptions) {
    this._kind = kind;
    this._awsLogs = awsLogs;
    this._fireLens = fireLens;
  }
}
