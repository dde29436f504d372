// A queue worker on Fargate Spot only: the cheapest capacity, for work that survives losing any task
// (a job that is not deleted from the queue comes back after its visibility timeout). Each task has
// large ephemeral storage, sized by EphemeralStorage.estimateGiB and encrypted with the environment's
// key. The service scales on queue depth. The worker (./worker/worker.js) handles SIGTERM: Spot gives
// two minutes' notice and the stop timeout is the full 120 s.
// Copy this file into your app; import from 'cdk-fargate-platform' instead of '../../src'.
import * as path from 'path';
import { App, Aspects, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { CapacityStrategy, EphemeralStorage, FargateEnvironment, FargatePlatformChecks, FargateWorkload, TaskSize } from '../../src';

export function build(app: App): void {
  const stack = new Stack(app, 'SpotQueueWorker', { env: { region: 'eu-west-1' } });
  const environment = new FargateEnvironment(stack, 'Env');

  const deadLetters = new sqs.Queue(stack, 'DeadLetters', {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: environment.key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(deadLetters).acknowledge({
    id: 'cdk-validator-cfnguard::sqs_dlq_check',
    reason: 'This is the dead-letter queue of the Jobs queue: messages that fail five times rest here for inspection.',
  });
  const jobs = new sqs.Queue(stack, 'Jobs', {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: environment.key,
    enforceSSL: true,
    // Longer than a job takes, so a job in hand when Spot reclaims the task reappears soon after.
    visibilityTimeout: Duration.minutes(5),
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
  });

  const worker = new FargateWorkload(stack, 'Worker', {
    environment,
    image: ecs.ContainerImage.fromAsset(path.join(__dirname, 'worker')),
    capacity: CapacityStrategy.spot(),
    taskSize: TaskSize.parse('1 vCPU', '4 GB'),
    // Two images pulled into the task, 80 GiB of scratch files, 20 % headroom: 101 GiB.
    ephemeralStorageGiB: EphemeralStorage.estimateGiB({ imageSizesGiB: [3.2, 0.4], scratchGiB: 80 }),
    environmentVariables: { QUEUE_URL: jobs.queueUrl },
    desiredCount: 1,
    scaling: { minCapacity: 1, maxCapacity: 20 },
  });
  jobs.grantConsumeMessages(worker.taskDefinition.taskRole);
  Validations.of(worker.taskDefinition).acknowledge({
    id: 'AwsSolutions-ECS2',
    reason: 'The only environment variable is QUEUE_URL, the queue\'s address: not a credential. The task role grants access to it.',
  });

  // Scale on the backlog: one more task per 100 visible messages, up to the maximum.
  worker.scalableTaskCount!.scaleOnMetric('QueueDepth', {
    metric: jobs.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
    adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
    scalingSteps: [
      { upper: 0, change: -1 },
      { lower: 100, change: +1 },
      { lower: 500, change: +5 },
    ],
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
}
