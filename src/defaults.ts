import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FargateOperatingSystem } from './platform/platform-versions';
import { cpuSizesFor, rangesFor, operatingSystemsOf } from './platform/task-size-table';

// The constructs' defaults, in one place. Fargate facts (sizes, limits, versions) live in src/platform/;
// these are our choices on top of them, each with the reason it was chosen.

/** Control Tower CT.CLOUDWATCH.PR.2 requires at least a year. */
export const DEFAULT_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/** A throwaway environment keeps logs long enough to debug a test run, and no longer. */
export const THROWAWAY_LOG_RETENTION = logs.RetentionDays.ONE_WEEK;

/** The shortest pending window KMS allows, so a throwaway environment's key is gone soon after the stack. */
export const THROWAWAY_KEY_PENDING_WINDOW = Duration.days(7);

/** Load balancer access logs are kept as long as the log groups; old versions only long enough to undo a mistake. */
export const ACCESS_LOG_RETENTION = Duration.days(365);
export const ACCESS_LOG_NONCURRENT_VERSION_RETENTION = Duration.days(30);
export const ABORT_INCOMPLETE_UPLOADS_AFTER = Duration.days(7);
/** Elastic Load Balancing writes access logs under `<prefix>/AWSLogs/<account>/`, and refuses a prefix containing it. */
export const ELB_LOG_KEY_SEGMENT = 'AWSLogs';

/** aws-cdk-lib's own default, written out so security group rules can name it as a literal. */
export const DEFAULT_VPC_CIDR = '10.0.0.0/16';

/** Two tasks, so one can be replaced (or interrupted on Spot) while the other serves. */
export const DEFAULT_DESIRED_COUNT = 2;

/** The smallest CPU size an OS runs, with its smallest memory. */
function smallestTaskSize(os: FargateOperatingSystem): { cpu: number; memoryMiB: number } {
  const cpu = cpuSizesFor(os)[0];
  return { cpu, memoryMiB: Math.min(...rangesFor(cpu).filter(r => operatingSystemsOf(r).includes(os)).map(r => r.minMemoryMiB)) };
}

/** The smallest size each OS runs, from the task-size table (Linux 0.25 vCPU / 512 MiB, Windows 1 vCPU / 2 GiB). */
export const DEFAULT_LINUX_TASK_SIZE = smallestTaskSize(FargateOperatingSystem.LINUX);
export const DEFAULT_WINDOWS_TASK_SIZE = smallestTaskSize(FargateOperatingSystem.WINDOWS);

/** A non-root user, so Control Tower CT.ECS.PR.3 holds unless a workload opts out. */
export const DEFAULT_CONTAINER_USER = '1000:1000';

/** Deployments start new tasks before stopping old ones, so capacity never drops. */
export const DEFAULT_MIN_HEALTHY_PERCENT = 100;
export const DEFAULT_MAX_HEALTHY_PERCENT = 200;

/** Autoscaling: keep the desired count as the floor, allow four times as many tasks, scale out early. */
export const DEFAULT_MAX_CAPACITY_FACTOR = 4;
export const DEFAULT_CPU_TARGET_PERCENT = 70;
export const DEFAULT_MEMORY_TARGET_PERCENT = 80;

/** Container port when a load balancer is attached and no port is given. */
export const DEFAULT_CONTAINER_PORT = 8080;

/** The ELB default of 300 s holds deployments for five minutes; most HTTP services drain in 30. */
export const DEFAULT_DEREGISTRATION_DELAY = Duration.seconds(30);
export const DEFAULT_HEALTH_CHECK_PATH = '/';
/** Redirects count as healthy: many apps answer `/` with one. */
export const DEFAULT_HEALTHY_HTTP_CODES = '200-399';
export const DEFAULT_HEALTH_CHECK_INTERVAL = Duration.seconds(15);
export const DEFAULT_HEALTHY_THRESHOLD = 2;
export const DEFAULT_UNHEALTHY_THRESHOLD = 3;
/** Time for a task to boot before failed health checks count against it. */
export const DEFAULT_HEALTH_CHECK_GRACE_PERIOD = Duration.seconds(60);

/** The log router image for FireLens: AWS for Fluent Bit from the ECR Public gallery. */
export const FIRELENS_IMAGE = 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable';
/** AWS's suggested soft memory reservation for the Fluent Bit router. */
export const FIRELENS_MEMORY_RESERVATION_MIB = 50;

/** EFS: the directory an access point exposes when none is given (Control Tower CT.EFS.PR.3 wants one, not `/`). */
export const DEFAULT_EFS_ROOT_DIRECTORY = '/data';
/** Owner full, group read, others nothing: the access point's user writes, its group reads. */
export const DEFAULT_EFS_DIRECTORY_PERMISSIONS = '750';
/** Cold files to Infrequent Access after a month, back on first access. */
export const DEFAULT_EFS_LIFECYCLE_POLICY = efs.LifecyclePolicy.AFTER_30_DAYS;
export const DEFAULT_EFS_OUT_OF_IA_POLICY = efs.OutOfInfrequentAccessPolicy.AFTER_1_ACCESS;
/** Elastic throughput scales with the workload and needs no burst credits. */
export const DEFAULT_EFS_THROUGHPUT_MODE = efs.ThroughputMode.ELASTIC;

/** EBS: gp3 is cheaper than gp2 at every size and sets IOPS and throughput apart from size. */
export const DEFAULT_EBS_VOLUME_TYPE = ec2.EbsDeviceVolumeType.GP3;
/** The name of a workload's EBS volume in its task definition. */
export const DEFAULT_EBS_VOLUME_NAME = 'ebs';

/** AWS WAF on Application Load Balancers: the AWS managed rule groups a created web ACL uses. */
export const WAF_MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'];
/** WAF logs to CloudWatch Logs only into groups with this prefix. */
export const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';

/** A job's invocation is retried three times, for up to an hour, before it goes to the dead-letter queue. */
export const DEFAULT_JOB_RETRY_ATTEMPTS = 3;
export const DEFAULT_JOB_MAX_EVENT_AGE = Duration.hours(1);

/** SQS's longest retention, so a run that could not start is there to inspect after a long weekend. */
export const DEFAULT_JOB_DLQ_RETENTION = Duration.days(14);

/** The most runs a job's state machine retries: a limit of ours (Step Functions allows far more), so a failing job stops soon. */
export const MAX_JOB_RUN_RETRIES = 10;
