import { Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { complianceApp, complianceFindings } from './compliance';
import { FargateEnvironment, FargatePlatformChecks, FargateWorkload } from '../../src';
import { ACKNOWLEDGEMENTS } from '../../src/acknowledgements';

describe('a default workload in a default environment', () => {
  // GIVEN the defaults, under AwsSolutions, NIST 800-53 R5, HIPAA and the Control Tower guard rules
  const app = complianceApp();
  const stack = new Stack(app, 'Defaults', { env: { account: '111111111111', region: 'eu-west-1' } });
  Aspects.of(stack).add(new FargatePlatformChecks());
  const env = new FargateEnvironment(stack, 'Env');
  new FargateWorkload(stack, 'Api', { environment: env, image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') });
  const findings = complianceFindings(app);

  test('has no unacknowledged compliance finding', () => {
    expect(findings).toEqual([]);
  });

  test('has no finding from FargatePlatformChecks', () => {
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('Fargate-'))).toEqual([]);
  });

  test('still has findings when acknowledgements are ignored, so the acknowledgements are doing work', () => {
    const bare = complianceApp();
    const s = new Stack(bare, 'Bare', { env: { account: '111111111111', region: 'eu-west-1' } });
    const e = new FargateEnvironment(s, 'Env');
    new FargateWorkload(s, 'Api', { environment: e, image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') });
    for (const c of s.node.findAll()) {
      (c.node as any)._metadata = c.node.metadata.filter(m => m.type !== 'aws:cdk:acknowledged-rules');
    }
    expect(complianceFindings(bare).map(f => f.rule).sort()).toEqual([
      'HIPAA.Security-VPCNoUnrestrictedRouteToIGW',
      'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
      'ecs_container_insights_enabled_check',
      'lambda_inside_vpc_check',
    ]);
  });
});

test('every acknowledgement in the library carries a specific reason', () => {
  const all = Object.values(ACKNOWLEDGEMENTS).flat();
  for (const ack of all) {
    expect(ack.reason.length).toBeGreaterThan(80);
    expect(ack.id).toMatch(/\S/);
  }
  expect(new Set(all.map(a => a.reason)).size).toBeGreaterThanOrEqual(Object.keys(ACKNOWLEDGEMENTS).length);
});
