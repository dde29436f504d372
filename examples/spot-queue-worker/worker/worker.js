// Takes jobs from the queue until told to stop. Fargate Spot sends SIGTERM two minutes before it reclaims
// the task, and the stop timeout is 120 s: finish the job in hand, stop taking new ones, exit.
const { SQSClient, ReceiveMessageCommand, DeleteMessageCommand } = require('@aws-sdk/client-sqs');

const sqs = new SQSClient({});
const QueueUrl = process.env.QUEUE_URL;
let stopping = false;
process.on('SIGTERM', () => { stopping = true; });

async function main() {
  while (!stopping) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 20 }));
    for (const message of Messages) {
      await work(message.Body);
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  }
  process.exit(0);
}

/** Replace with the real job; it uses /scratch (ephemeral storage) for intermediate files. */
async function work(body) {
  console.log(JSON.stringify({ event: 'job', bytes: body.length }));
}

main().catch(err => { console.error(err); process.exit(1); });
