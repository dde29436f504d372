import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Aspects, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { FargateEnvironment, FargatePlatformChecks, FargateRuleCatalog, FargateWorkload, RuleLevel } from '../../src';
import { l1Service, l1TaskDefinition } from '../rules/harness';

/**
 * What the rules say of compliance controls is what the controls' own guard rules do. Every Control Tower control
 * a rule explanation names must have its claim checked here against the guard rule bundled with
 * `@cdklabs/cdk-validator-cfnguard`.
 */
const GUARD_RULES = path.join(path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard', 'ecs');
const CHECKED_CONTROLS = ['CT.ECS.PR.1', 'CT.ECS.PR.2'];

/** An app whose only plugin is the named Control Tower guard rules; returns the construct paths each rule flags. */
function guardFindings(build: (stack: Stack) => void, controls: string[]): (rule: string) => string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-'));
  const app = new App({ outdir, context: { '@aws-cdk/core:validationReportJson': true, '@aws-cdk/core:failSynthOnValidationErrors': false } });
  Validations.of(app).addPlugins(new CfnGuardValidator({
    controlTowerRulesEnabled: false,
    rules: controls.map(c => path.join(GUARD_RULES, `${c.toLowerCase().replace(/\./g, '-')}.guard`)),
  }));
  const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
  build(stack);
  Aspects.of(app).add(new FargatePlatformChecks());
  const assembly = app.synth();
  const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'));
  const violations = report.pluginReports.flatMap((p: any) => p.violations);
  return rule => violations.filter((v: any) => v.ruleName === rule)
    .flatMap((v: any) => v.violatingConstructs.map((c: any) => c.constructPath)).sort();
}

test('every control a rule explanation names has its claim checked here', () => {
  const named = FargateRuleCatalog.all().flatMap(r => [...`${r.explanation} ${r.fix}`.matchAll(/CT\.[A-Z]+\.PR\.\d+/g)].map(m => m[0]));
  expect(named.length).toBeGreaterThan(0);
  expect([...new Set(named)].filter(c => !CHECKED_CONTROLS.includes(c))).toEqual([]);
});

describe('CT.ECS.PR.1 and Fargate-PV2', () => {
  let stack!: Stack;
  let workload!: FargateWorkload;
  const flagged = guardFindings(s => {
    stack = s;
    const td = l1TaskDefinition(s, 'Td');
    l1Service(s, 'LaunchTypePinned', td, { launchType: 'FARGATE', platformVersion: '1.4.0' });
    l1Service(s, 'LaunchTypeLatest', td, { launchType: 'FARGATE', platformVersion: 'LATEST' });
    l1Service(s, 'LaunchTypeOmitted', td, { launchType: 'FARGATE', platformVersion: undefined });
    l1Service(s, 'StrategyPinned', td, { launchType: undefined, platformVersion: '1.4.0', capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] });
    workload = new FargateWorkload(s, 'Api', { environment: new FargateEnvironment(s, 'Env'), image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') });
  }, ['CT.ECS.PR.1'])('ecs_fargate_latest_platform_version_check');

  test('the control fails a pinned version on a LaunchType FARGATE service: it requires LATEST, it does not flag it', () => {
    expect(flagged).toEqual(['S/LaunchTypePinned']);
    expect(FargateRuleCatalog.get('Fargate-PV2').explanation).toMatch(/CT\.ECS\.PR\.1 requires LATEST \(or no version\) on a service with LaunchType FARGATE/);
  });

  test('the supported way to comply while pinned: a capacity provider strategy, which FargateWorkload uses', () => {
    expect(flagged).not.toContain('S/StrategyPinned');
    expect(stack.resolve((workload.service.node.defaultChild as ecs.CfnService).platformVersion)).toBe('1.4.0');
    expect(flagged.filter(p => p.startsWith('S/Api'))).toEqual([]);
    expect(FargateRuleCatalog.get('Fargate-PV2').explanation).toMatch(/does not judge a service that uses a capacity provider strategy/);
  });

  test('LATEST passes the control, and Fargate-PV2 warns on it unless latestVersionLevel turns it off', () => {
    const warned = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('^\\[Fargate-PV2\\]')).map(w => w.id).sort();
    expect(warned).toEqual(['/S/LaunchTypeLatest', '/S/LaunchTypeOmitted']);
    const app = new App();
    const quiet = new Stack(app, 'Quiet');
    l1Service(quiet, 'LaunchTypeLatest', l1TaskDefinition(quiet, 'Td'), { launchType: 'FARGATE', platformVersion: 'LATEST' });
    Aspects.of(app).add(new FargatePlatformChecks({ latestVersionLevel: RuleLevel.OFF }));
    Annotations.fromStack(quiet).hasNoWarning('*', Match.stringLikeRegexp('Fargate-PV2'));
  });
});

test('CT.ECS.PR.2 wants Container Insights on, as Fargate-CI1 does, but accepts only enabled, not enhanced', () => {
  const flagged = guardFindings(s => {
    new ecs.CfnCluster(s, 'Off', {});
    new ecs.CfnCluster(s, 'Enabled', { clusterSettings: [{ name: 'containerInsights', value: 'enabled' }] });
    new ecs.CfnCluster(s, 'Enhanced', { clusterSettings: [{ name: 'containerInsights', value: 'enhanced' }] });
  }, ['CT.ECS.PR.2'])('ecs_container_insights_enabled_check');
  expect(flagged).toEqual(['S/Enhanced', 'S/Off']);
  expect(FargateRuleCatalog.get('Fargate-CI1').explanation).toMatch(/CT\.ECS\.PR\.2, whose guard rule accepts only the value 'enabled' and fails 'enhanced'/);
});
