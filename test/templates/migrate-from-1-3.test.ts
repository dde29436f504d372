import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FargatePlatformChecks } from '../../src';

/** examples/migrate-from-1-3, before: the service as it was declared in 2019. Kept here, never synthesized by the examples. */
function before(): Stack {
  const app = new App();
  const stack = new Stack(app, 'LegacyService', { env: { region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    natGateways: 0,
    subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task', { cpu: 512, memoryLimitMiB: 1024 });
  taskDefinition.addContainer('app', {
    image: ecs.ContainerImage.fromAsset(path.join(__dirname, '..', '..', 'examples', 'quick-start', 'app')),
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app', logRetention: logs.RetentionDays.ONE_MONTH }),
    portMappings: [{ containerPort: 8080 }],
  });
  new ecs.FargateService(stack, 'Service', {
    cluster,
    taskDefinition,
    platformVersion: ecs.FargatePlatformVersion.VERSION1_3,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  });
  Aspects.of(app).add(new FargatePlatformChecks());
  return stack;
}

describe('migrate-from-1-3: the 2019 declaration', () => {
  const annotations = Annotations.fromStack(before());
  const ruleOf = (m: any) => /\[(Fargate-[A-Z]+\d)\]/.exec(String(m.entry.data))?.[1];

  test('fails with exactly these errors', () => {
    const errors = annotations.findError('*', Match.stringLikeRegexp('Fargate-'));
    expect(errors.map(e => [e.id, ruleOf(e)])).toEqual([
      ['/LegacyService/Service/Service', 'Fargate-PV1'],
      ...['ecr.api', 'ecr.dkr', 's3', 'logs'].map(() => ['/LegacyService/Service/Service', 'Fargate-PL1']),
    ]);
    // One PL1 error per missing endpoint, in the endpoint table's order.
    const missing = errors.slice(1).map(e => /com\.amazonaws\.REGION\.([a-z0-9.-]+),/.exec(String(e.entry.data))?.[1]);
    expect(missing).toEqual(['ecr.api', 'ecr.dkr', 's3', 'logs']);
  });

  test('and warns with exactly these', () => {
    const warnings = annotations.findWarning('*', Match.stringLikeRegexp('Fargate-'));
    expect(warnings.map(w => [w.id, ruleOf(w)])).toEqual([['/LegacyService/Cluster/Resource', 'Fargate-CI1']]);
  });

  test('prints them (the README in examples/migrate-from-1-3 shows this output)', () => {
    const all = [...annotations.findError('*', Match.stringLikeRegexp('Fargate-')), ...annotations.findWarning('*', Match.stringLikeRegexp('Fargate-'))];
    expect(all.length).toBe(6);
    if (process.env.PRINT_FINDINGS) for (const m of all) console.log(`${m.entry.type} ${m.id}\n  ${m.entry.data}`);
  });
});
