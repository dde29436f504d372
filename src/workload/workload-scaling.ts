import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';

/**
 * A scheduled change to a workload's task-count bounds, e.g. a higher floor during business hours.
 */
export interface ScheduledCapacity {
  /** A name for the action, unique within the workload. */
  readonly name: string;

  /** When the action runs. */
  readonly schedule: appscaling.Schedule;

  /**
   * The minimum task count from this time on.
   * @default - unchanged
   */
  readonly minCapacity?: number;

  /**
   * The maximum task count from this time on.
   * @default - unchanged
   */
  readonly maxCapacity?: number;
}

/**
 * How a workload's task count scales.
 */
export interface WorkloadScaling {
  /**
   * The fewest tasks.
   * @default - the workload's `desiredCount`
   */
  readonly minCapacity?: number;

  /**
   * The most tasks. Equal to `minCapacity` turns target tracking off.
   * @default - four times `minCapacity`
   */
  readonly maxCapacity?: number;

  /**
   * Target average CPU utilization, in percent.
   * @default 70
   */
  readonly cpuTargetPercent?: number;

  /**
   * Target average memory utilization, in percent.
   * @default 80
   */
  readonly memoryTargetPercent?: number;

  /**
   * Scheduled changes to the bounds.
   * @default - none
   */
  readonly schedules?: ScheduledCapacity[];
}
