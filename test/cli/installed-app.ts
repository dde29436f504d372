/**
 * A CDK app that uses the library as a user's app does, from `node_modules/cdk-fargate-platform` (the path is
 * in LIBRARY), and builds a FargateWorkload with props the library refuses: 250 GiB of ephemeral storage.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib: typeof import('../../src') = require(process.env.LIBRARY!);

const app = new App();
const stack = new Stack(app, 'Workload', { env: { account: '111111111111', region: 'eu-west-1' } });
new lib.FargateWorkload(stack, 'Api', {
  environment: new lib.FargateEnvironment(stack, 'Env'),
  image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx'),
  ephemeralStorageGiB: 250,
});
app.synth();
