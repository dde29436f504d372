import { App, Aspects, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { FargatePlatformChecks, RuleLevel } from '../../src';
import { l1Service, l1TaskDefinition } from '../rules/harness';

/** A stack with one L2 Fargate service on the given platform version. */
class ServiceStack extends Stack {
  public readonly service: ecs.FargateService;
  constructor(scope: Construct, id: string, version?: ecs.FargatePlatformVersion) {
    super(scope, id);
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc: new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 }), containerInsightsV2: ecs.ContainerInsights.ENHANCED });
    const td = new ecs.FargateTaskDefinition(this, 'Td');
    td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'a' }) });
    this.service = new ecs.FargateService(this, 'Svc', { cluster, taskDefinition: td, platformVersion: version });
  }
}

describe('FargatePlatformChecks', () => {
  // One app, synthesized once, shared by the assertions below.
  const app = new App();
  const retired = new ServiceStack(app, 'Retired', ecs.FargatePlatformVersion.VERSION1_3);
  const latest = new ServiceStack(app, 'Latest');
  const acknowledged = new ServiceStack(app, 'Acknowledged');
  Validations.of(acknowledged.service).acknowledge({ id: 'Fargate-PV2', reason: 'Pinned by the deployment pipeline at release time.' });
  const ackError = new ServiceStack(app, 'AckError', ecs.FargatePlatformVersion.VERSION1_3);
  Validations.of(ackError).acknowledge({ id: 'Fargate-PV1', reason: 'Stack is being decommissioned this week.' });
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();

  // The CDK Pipelines layout: errors in nested Stages fail the app's synthesis, since a plain `cdk synth`
  // would not report their annotations.
  const pipelineApp = new App();
  new ServiceStack(pipelineApp, 'TopLevel', ecs.FargatePlatformVersion.VERSION1_3);
  const stage = new Stage(pipelineApp, 'Prod');
  const inStage = new ServiceStack(stage, 'InStage', ecs.FargatePlatformVersion.VERSION1_3);
  const inner = new Stage(stage, 'Inner');
  const inNested = new ServiceStack(inner, 'InNested', ecs.FargatePlatformVersion.VERSION1_2);
  Aspects.of(pipelineApp).add(new FargatePlatformChecks());
  let synthError = '';
  try {
    pipelineApp.synth();
  } catch (e) {
    synthError = (e as Error).message;
  }
  /** The error annotations in a nested stack's synthesized metadata, as the CLI would read them. */
  const errorsIn = (stack: Stack) => Stage.of(stack)!.synth().getStackArtifact(stack.artifactId).messages
    .filter(m => m.level === 'error').map(m => `${m.id} ${m.entry.data}`);

  test('errors in stacks of nested Stages, at any depth, fail the synthesis of the app, each with its path', () => {
    const lines = synthError.split('\n').filter(l => l.includes('[Fargate-'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/Prod\/Inner\/InNested\/Svc\/Service: \[Fargate-PV1\] .*1\.2\.0.*in a stack of a nested Stage/);
    expect(lines[1]).toMatch(/Prod\/InStage\/Svc\/Service: \[Fargate-PV1\] .*1\.3\.0/);
    // Top-level stacks report through annotations, which the CLI reads for the stacks it selects.
    expect(synthError).not.toMatch(/TopLevel\//);
  });

  test('an error annotation on the offending resource carries ID, property, value, allowed and fix', () => {
    const errors = Annotations.fromStack(retired).findError('/Retired/Svc/Service', Match.anyValue());
    expect(errors).toHaveLength(1);
    expect(errors[0].entry.data).toBe(
      '[Fargate-PV1] The platform version must be one Fargate still runs for the task\'s OS: ECS service: Linux platform version 1.3.0 is retired ' +
      '(since 2026; tasks on it are stopped). Property `PlatformVersion`, got \'1.3.0\'. ' +
      "Allowed: 1.4.0. Fix: Set the platform version to '1.4.0'.",
    );
  });

  test('LATEST is a warning, not an error', () => {
    Annotations.fromStack(latest).hasWarning('/Latest/Svc/Service', Match.stringLikeRegexp('^\\[Fargate-PV2\\].*LATEST'));
    Annotations.fromStack(latest).hasNoError('*', Match.anyValue());
  });

  test('Validations.of(x).acknowledge silences a warning', () => {
    Annotations.fromStack(acknowledged).hasNoWarning('*', Match.stringLikeRegexp('Fargate-PV2'));
  });

  test('Validations.of(x).acknowledge on an ancestor silences an error', () => {
    Annotations.fromStack(ackError).hasNoError('*', Match.anyValue());
  });

  test('reaches stacks inside a Stage, and inside a Stage inside a Stage (aws-cdk#17805)', () => {
    expect(errorsIn(inStage)).toEqual([expect.stringMatching(/^\/Prod\/InStage\/Svc\/Service \[Fargate-PV1\]/)]);
    expect(errorsIn(inNested)).toEqual([expect.stringMatching(/^\/Prod\/Inner\/InNested\/Svc\/Service \[Fargate-PV1\].*1\.2\.0/)]);
  });
});

describe('FargatePlatformChecks options', () => {
  test('an L1-only app, with LATEST made an error and a rule disabled', () => {
    const app = new App();
    const stack = new Stack(app, 'L1');
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td', {}, { stopTimeout: 300 }), { platformVersion: 'LATEST' });
    Aspects.of(app).add(new FargatePlatformChecks({ latestVersionLevel: RuleLevel.ERROR, disabledRules: ['Fargate-CT3'] }));
    app.synth();
    const errors = Annotations.fromStack(stack).findError('*', Match.anyValue()).map(e => (e.entry.data as string).slice(0, 13));
    expect(errors).toEqual(['[Fargate-PV2]']);
  });

  test('ruleLevels re-levels a rule', () => {
    const app = new App();
    const stack = new Stack(app, 'L1');
    l1TaskDefinition(stack, 'Td', {}, { stopTimeout: 300 });
    Aspects.of(app).add(new FargatePlatformChecks({ ruleLevels: { 'Fargate-CT3': RuleLevel.WARNING } }));
    app.synth();
    Annotations.fromStack(stack).hasWarning('/L1/Td', Match.stringLikeRegexp('Fargate-CT3'));
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test('an unknown rule ID is an error, not a silent no-op', () => {
    expect(() => new FargatePlatformChecks({ disabledRules: ['Fargate-XX9'] })).toThrow(/Unknown Fargate rule ID\(s\) 'Fargate-XX9'/);
  });
});
