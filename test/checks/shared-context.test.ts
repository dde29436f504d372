import { App, Aspects, CfnResource } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { CapacityStrategy, EfsVolume, FargatePlatformChecks, FargateWorkload, WorkloadLoadBalancer } from '../../src';
import { RuleContext } from '../../src/rules/context';
import { EfsMountReachable } from '../../src/rules/efs-mount-reachable';
import { environmentStack, IMAGE } from '../workload/fixtures';

// How the synth-time checks share their work: the library's workloads and FargatePlatformChecks judge a
// stack through one rule context, each resource once, and rules see a resource's properties exactly as the
// template has them. Counting calls, not timing them: the benchmark (npm run bench) measures the time.

describe('one synth-time pass per stack, shared by workloads and FargatePlatformChecks', () => {
  const evaluate = jest.spyOn(EfsMountReachable, 'evaluate');
  const { app, stack, env } = environmentStack();
  const workloads = [0, 1, 2].map(i => {
    const workload = new FargateWorkload(stack, `W${i}`, {
      environment: env,
      image: IMAGE,
      capacity: CapacityStrategy.mixed(),
      loadBalancer: WorkloadLoadBalancer.http({ accessLogs: false, deletionProtection: false }),
      // LATEST draws the Fargate-PV2 warning from the workload's own check and from the aspect alike.
      platformVersion: i === 0 ? ecs.FargatePlatformVersion.LATEST : undefined,
    });
    workload.addVolume(new EfsVolume(stack, `Data${i}`, { environment: env }), { containerPath: '/data' });
    return workload;
  });
  const atBuild = evaluate.mock.calls.length;
  Aspects.of(app).add(new FargatePlatformChecks());
  (app as App).synth();
  const services = workloads.map(w => w.service.node.defaultChild);
  const atSynth = evaluate.mock.calls.slice(atBuild);
  evaluate.mockRestore();

  test('rules do not run while the app is built, and at synth once per service, though two checks cover each', () => {
    expect(atBuild).toBe(0);
    expect(atSynth.map(([resource]) => resource.node)).toEqual(services);
  });

  test('every call at synth shares one rule context', () => {
    expect(new Set(atSynth.map(([, ctx]) => ctx)).size).toBe(1);
  });

  test('a finding both checks make is annotated once', () => {
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('^\\[Fargate-PV2\\]'));
    expect(warnings.map(w => w.id)).toEqual(['/S/W0/Service/Service']);
  });
});

describe('rules see the properties the template has', () => {
  const { stack, env } = environmentStack();
  const workload = new FargateWorkload(stack, 'W', { environment: env, image: IMAGE, loadBalancer: WorkloadLoadBalancer.http() });
  workload.addVolume(new EfsVolume(stack, 'Data', { environment: env }), { containerPath: '/data' });
  workload.addEbsVolume({ containerPath: '/scratch', sizeGiB: 40 });
  // Overrides take the other path, through the whole resource.
  (workload.taskDefinition.node.defaultChild as CfnResource).addPropertyOverride('ContainerDefinitions.0.StopTimeout', 90);
  (workload.service.node.defaultChild as CfnResource).addPropertyDeletionOverride('PropagateTags');
  const template = Template.fromStack(stack).toJSON().Resources as Record<string, { Properties?: object }>;
  const ctx = new RuleContext(stack);
  const resources = ctx.resources();

  test.each(['AWS::ECS::TaskDefinition', 'AWS::ECS::Service', 'AWS::EFS::FileSystem', 'AWS::EC2::SecurityGroup', 'AWS::IAM::Role'])('%s', type => {
    const ofType = resources.filter(r => r.cfnResourceType === type);
    expect(ofType.length).toBeGreaterThan(0);
    for (const node of ofType) expect(ctx.resolve(node).props).toEqual(template[ctx.logicalId(node)].Properties ?? {});
  });

  test('every resource of the stack, overrides included', () => {
    const inTemplate = (node: CfnResource) => JSON.stringify(template[ctx.logicalId(node)]?.Properties ?? {});
    const mismatched = resources.filter(node => JSON.stringify(ctx.resolve(node).props) !== inTemplate(node));
    expect(mismatched.map(n => n.node.path)).toEqual([]);
    expect(resources.length).toBe(Object.keys(template).length);
    expect(ctx.resolve(workload.taskDefinition.node.defaultChild as CfnResource).props.ContainerDefinitions[0].StopTimeout).toBe(90);
    expect(ctx.resolve(workload.service.node.defaultChild as CfnResource).props.PropagateTags).toBeUndefined();
  });
});
