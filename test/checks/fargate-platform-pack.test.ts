import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import { FargatePlatformPack, FargateRuleCatalog } from '../../src';
import { l1Service, l1TaskDefinition } from '../rules/harness';

describe('FargatePlatformPack', () => {
  test('pins the exact list of rule IDs', () => {
    expect(FargateRuleCatalog.ids()).toEqual([
      'Fargate-PV1', 'Fargate-PV2', 'Fargate-PV3', 'Fargate-PV4',
      'Fargate-TS1', 'Fargate-TS2', 'Fargate-ES1',
      'Fargate-NW1', 'Fargate-NW2', 'Fargate-LG1',
      'Fargate-CT1', 'Fargate-CT2', 'Fargate-CT3', 'Fargate-TD1',
      'Fargate-WN1', 'Fargate-SP1', 'Fargate-SP2', 'Fargate-SP3',
      'Fargate-EF1', 'Fargate-EF2', 'Fargate-EF3', 'Fargate-EB1', 'Fargate-SV1', 'Fargate-SV2', 'Fargate-SV3', 'Fargate-JB1', 'Fargate-JB2', 'Fargate-PL1', 'Fargate-PL2', 'Fargate-CI1',
      'Fargate-EK1', 'Fargate-EK2', 'Fargate-EK3', 'Fargate-EK4', 'Fargate-EK5', 'Fargate-EK6', 'Fargate-EK7', 'Fargate-EK8', 'Fargate-EK9',
    ]);
  });

  test('reports the same IDs and messages as the Aspect, with nag severities', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td', { memory: '4096' }), { platformVersion: 'LATEST' });
    const report = new FargatePlatformPack(app).validateScope(app);
    expect(report.success).toBe(false);
    expect(report.violations.map(v => [v.ruleName, v.severity, v.violatingResources[0].constructPath])).toEqual([
      ['Fargate-TS1', 'error', 'S/Td'],
      ['Fargate-PV2', 'warning', 'S/Svc'],
    ]);
    expect(report.violations[0].description).toMatch(/^\[Fargate-TS1\] .*memory 4096 MiB is not valid with cpu 256/);
  });

  test('honours acknowledgements and options', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const svc = l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), { platformVersion: 'LATEST' });
    Validations.of(svc).acknowledge({ id: 'Fargate-PV2', reason: 'Pinned by the release pipeline.' });
    expect(new FargatePlatformPack(app).validateScope(app).violations).toEqual([]);
    l1TaskDefinition(stack, 'Slow', {}, { stopTimeout: 300 });
    expect(new FargatePlatformPack(app, { disabledRules: ['Fargate-CT3'] }).validateScope(app).violations).toEqual([]);
  });

  test('as a validation plugin, fails synthesis on an error', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), { platformVersion: '1.3.0' });
    Validations.of(app).addPlugins(new FargatePlatformPack(app));
    expect(() => app.synth()).toThrow(/Fargate-PV1/);
  });

  test('errors in a nested Stage name the stack template, not a construct path the CLI would filter out', () => {
    const app = new App();
    const stage = new Stage(new Stage(app, 'Prod'), 'Inner');
    const stack = new Stack(stage, 'S');
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td'), { platformVersion: '1.3.0' });
    const acked = l1Service(stack, 'Acked', l1TaskDefinition(stack, 'Td2'), { platformVersion: '1.2.0' });
    Validations.of(acked).acknowledge({ id: 'Fargate-PV1', reason: 'Being removed in this release.' });
    const report = new FargatePlatformPack(app).validateScope(app);
    const errors = report.violations.filter(v => v.severity === 'error');
    expect(report.success).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0].ruleName).toBe('Fargate-PV1');
    expect(errors[0].description).toMatch(/^Prod\/Inner\/S\/Svc: \[Fargate-PV1\] .*1\.3\.0.*\(in a stack of a nested Stage\)$/);
    expect(errors[0].violatingResources).toEqual([{ templatePath: expect.stringMatching(/assembly-Prod-Inner\/ProdInnerS[0-9A-F]*\.template\.json$/), locations: ['Properties.PlatformVersion'] }]);
    // Warnings there stay ordinary violations.
    expect(report.violations.filter(v => v.severity === 'warning').every(v => v.violatingResources[0].constructPath?.startsWith('Prod/Inner/S/'))).toBe(true);
  });
});
