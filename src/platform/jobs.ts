import { Duration } from 'aws-cdk-lib';

/**
 * Facts about starting Fargate tasks from EventBridge Scheduler and EventBridge rules, and about ECS stop codes.
 * Sources: *RetryPolicy* (EventBridge Scheduler and EventBridge `MaximumRetryAttempts` 0–185,
 * `MaximumEventAgeInSeconds` 60–86400), *Amazon ECS task state change events* (`stopCode`).
 */

/** The most retries an invocation may have. @internal */
export const MAX_INVOCATION_RETRY_ATTEMPTS = 185;
/** The shortest and longest an invocation may be retried. @internal */
export const MIN_INVOCATION_EVENT_AGE = Duration.minutes(1);
/** @internal */
export const MAX_INVOCATION_EVENT_AGE = Duration.hours(24);

/**
 * The `stopCode`s of a task that ended without finishing its work: it never started (`ResourceInitializationError`,
 * an image pull failure...), or Spot or a host retirement took it back. A run whose essential container exits
 * non-zero is the other kind of failure. @internal
 */
export const FAILED_RUN_STOP_CODES: readonly string[] = ['TaskFailedToStart', 'SpotInterruption', 'TerminationNotice'];
