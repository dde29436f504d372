import { App, Aspects, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import {
  CapacityStrategy, EnvironmentEgress, FargateEnvironment, FargateJob, FargatePlatformChecks, JobTrigger, TaskSize,
} from '../../src';

/**
 * Jobs that run to completion, in an environment with no route to the internet (every image pull, secret and log
 * line goes through VPC endpoints, which the jobs add to the environment's shared set):
 * - a nightly export at 02:00 Paris time, on Fargate Spot, retried and dead-lettered when it cannot start, with failed
 *   runs reported to a topic;
 * - a job that processes each upload to a bucket, started by the bucket's EventBridge notifications.
 */
export function build(app: App): void {
  const stack = new Stack(app, 'ScheduledJob', { env: { region: 'eu-west-1' } });
  const env = new FargateEnvironment(stack, 'Env', { egress: EnvironmentEgress.ISOLATED });

  new FargateJob(stack, 'NightlyExport', {
    environment: env,
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.37'),
    command: ['sh', '-c', 'echo "exporting"'],
    taskSize: TaskSize.parse('1 vCPU', '2 GB'),
    capacity: CapacityStrategy.spot(),
    triggers: [JobTrigger.schedule(scheduler.ScheduleExpression.cron({ hour: '2', minute: '0', timeZone: { timezoneName: 'Europe/Paris' } as any }), {
      timeWindow: scheduler.TimeWindow.flexible(Duration.minutes(15)),
    })],
  });

  const uploads = new s3.Bucket(stack, 'Uploads', {
    eventBridgeEnabled: true,
    enforceSSL: true,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: env.key,
    bucketKeyEnabled: true,
    lifecycleRules: [{ expiration: Duration.days(30), noncurrentVersionExpiration: Duration.days(7) }],
  });
  Validations.of(uploads).acknowledge(...UPLOADS_BUCKET);
  const processor = new FargateJob(stack, 'ProcessUpload', {
    environment: env,
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.37'),
    command: ['sh', '-c', 'echo "processing an upload"'],
    triggers: [JobTrigger.onEvent({
      source: ['aws.s3'],
      detailType: ['Object Created'],
      detail: { bucket: { name: [uploads.bucketName] } },
    })],
  });
  // Read the uploaded objects, and nothing else: the key of each arrives in its event.
  processor.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [uploads.arnForObjects('*')] }));
  processor.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [env.key.keyArn] }));
  Validations.of(processor.taskDefinition.taskRole).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(uploads.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
    reason: 'The upload job reads the object each event names; which objects will be uploaded is not known, so the grant covers this bucket\'s objects, for s3:GetObject only.',
  });
  const handler = stack.node.findChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
  Validations.of(handler).acknowledge(...NOTIFICATIONS_HANDLER);
  Validations.of(uploads.node.findChild('Notifications')).acknowledge(...NOTIFICATIONS_HANDLER);
}

/** The uploads bucket of this template: what it leaves to you, and why. */
const UPLOADS_BUCKET = [
  ...['AwsSolutions-S1', 'NIST.800.53.R5-S3BucketLoggingEnabled', 'HIPAA.Security-S3BucketLoggingEnabled', 'cdk-validator-cfnguard::s3_bucket_logging_enabled_check'].map(id => ({
    id,
    reason: 'Template uploads bucket: every upload already raises an Object Created event to EventBridge, which starts the job. Send S3 server access logs to your log-archive bucket when you need a per-request record.',
  })),
  ...['NIST.800.53.R5-S3BucketReplicationEnabled', 'HIPAA.Security-S3BucketReplicationEnabled'].map(id => ({
    id,
    reason: 'Uploads are inputs to a job and expire after 30 days; their source keeps the originals, so a replica in another Region would double storage without protecting the work.',
  })),
  {
    id: 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
    reason: 'Uploads are processed and then expire after 30 days; Object Lock would keep them past their lifecycle. Versioning protects against overwrites meanwhile.',
  },
  {
    id: 'cdk-validator-cfnguard::s3_event_notifications_enabled_check',
    reason: 'EventBridge notifications are on (eventBridgeEnabled): aws-cdk-lib turns them on through its BucketNotifications custom resource, which the guard rule cannot see in the bucket\'s template properties.',
  },
];

/** aws-cdk-lib's custom resource that turns on the bucket's EventBridge notifications. */
const NOTIFICATIONS_HANDLER = [
  ...['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'NIST.800.53.R5-IAMNoInlinePolicy',
    'HIPAA.Security-IAMNoInlinePolicy', 'cdk-validator-cfnguard::lambda_inside_vpc_check'].map(id => ({
    id,
    reason: "aws-cdk-lib's BucketNotificationsHandler (eventBridgeEnabled): it runs once per deployment, calls only s3:PutBucketNotification on this bucket, and writes its own logs; it is not part of the job.",
  })),
];

if (require.main === module) {
  const app = new App();
  build(app);
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
}
