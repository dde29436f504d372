import { Template } from 'aws-cdk-lib/assertions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { environmentStack, IMAGE } from './fixtures';
import {
  CapacityStrategy, EnvironmentEgress, FargateEnvironment, FargateWorkload, NetworkProtocol, WorkloadLoadBalancer, WorkloadRuntime,
} from '../../src';

// One snapshot per representative configuration. Asset hashes are stripped by test/setup/serializers.ts,
// so a snapshot changes only when the template does. `npm run test:update` rewrites them; `npm test` never does.
describe('snapshots', () => {
  test('defaults: a worker in a NAT environment', () => {
    const { stack, env } = environmentStack();
    new FargateWorkload(stack, 'Worker', { environment: env, image: IMAGE });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });

  test('a public HTTPS service on mixed Spot capacity, with Exec', () => {
    const { stack, env } = environmentStack();
    new FargateWorkload(stack, 'Web', {
      environment: env,
      image: IMAGE,
      capacity: CapacityStrategy.mixed(),
      enableExec: true,
      loadBalancer: WorkloadLoadBalancer.http({
        internetFacing: true,
        certificate: elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111111111111:certificate/abc'),
      }),
    });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });

  test('UDP on ARM64 behind an internal NLB, in an isolated environment', () => {
    const { stack } = environmentStack();
    const env = new FargateEnvironment(stack, 'Iso', { egress: EnvironmentEgress.ISOLATED });
    new FargateWorkload(stack, 'Dns', {
      environment: env,
      image: IMAGE,
      runtime: WorkloadRuntime.LINUX_ARM64,
      loadBalancer: WorkloadLoadBalancer.network({ protocol: NetworkProtocol.UDP, port: 53 }),
    });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });

  test('Windows', () => {
    const { stack, env } = environmentStack();
    new FargateWorkload(stack, 'Win', { environment: env, image: IMAGE, runtime: WorkloadRuntime.WINDOWS_SERVER_2022_CORE });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});
