import { App, Stack, Stage } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { FargateEnvironment } from '../../src';

export const ENV = { account: '111111111111', region: 'eu-west-1' };
export const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

/** A stack with a default environment, in a fresh app. */
export function environmentStack(id = 'S', app: App | Stage = new App()): { app: App | Stage; stack: Stack; env: FargateEnvironment } {
  const stack = new Stack(app, id, { env: ENV });
  return { app, stack, env: new FargateEnvironment(stack, 'Env') };
}
