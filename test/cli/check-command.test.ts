import { spawnSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Aspects, Stack, Stage } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import '@microsoft/jest-sarif';
import { FargatePlatformChecks } from '../../src';
import { EXIT, parseCommandLine, run } from '../../src/cli/main';
import { l1Service, l1TaskDefinition } from '../rules/harness';

const FIXTURES = join(__dirname, '..', 'fixtures', 'templates');
const fixture = (name: string) => join(FIXTURES, name);

/** Runs the command line in-process; returns the exit code and what it printed. */
function cli(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(argv, s => out.push(s), s => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('check on templates', () => {
  test('a YAML template with a retired platform version: the finding with its line and column, exit 1', () => {
    const { code, out } = cli('check', fixture('retired-version.yaml'));
    expect(code).toBe(EXIT.FINDINGS);
    expect(out).toMatch(/retired-version\.yaml:24:24: error Service \(AWS::ECS::Service\) \[Fargate-PV1\].*Linux platform version 1\.3\.0 is retired/);
    expect(out).toMatch(/1 template\(s\) checked: 1 error\(s\), 0 warning\(s\)\./);
  });

  test('a valid JSON template: nothing wrong, exit 0', () => {
    const { code, out } = cli('check', fixture('valid.json'));
    expect(code).toBe(EXIT.OK);
    expect(out).toBe('1 template(s) checked: 0 error(s), 0 warning(s).');
  });

  test('JSON output names file, resource, rule, property and position; warnings fail only when asked', () => {
    const json = cli('check', '--format', 'json', '--latest', 'warning', fixture('retired-version.yaml'));
    const [finding] = JSON.parse(json.out);
    expect(finding).toMatchObject({
      logicalId: 'Service', resourceType: 'AWS::ECS::Service', ruleId: 'Fargate-PV1', level: 'error', property: 'PlatformVersion', position: { line: 24, column: 24 },
    });
    expect(cli('check', '--level', 'Fargate-PV1=warning', fixture('retired-version.yaml')).code).toBe(EXIT.OK);
    expect(cli('check', '--level', 'Fargate-PV1=warning', '--fail-on-warning', fixture('retired-version.yaml')).code).toBe(EXIT.FINDINGS);
    expect(cli('check', '--disable', 'Fargate-PV1', fixture('retired-version.yaml')).out).toMatch(/0 error\(s\)/);
  });

  test('parameters, imports and conditions are unknown and not judged; a value given for a parameter is', () => {
    const unknown = cli('check', '--format', 'json', fixture('parameters.yaml'));
    expect(JSON.parse(unknown.out).map((f: any) => f.ruleId)).toEqual(['Fargate-CT3']); // StopTimeout 200 is known: the only finding
    const given = cli('check', '--format', 'json', '--parameter', 'Version=1.3.0', '--parameter', 'Cpu=4096', fixture('parameters.yaml'));
    expect(JSON.parse(given.out).map((f: any) => f.ruleId).sort()).toEqual(['Fargate-CT3', 'Fargate-PV1']);
  });

  test('SARIF 2.1.0: rules from the catalogue with explanation and fix, results with file, region and resource', () => {
    const sarif = JSON.parse(cli('check', '--format', 'sarif', fixture('retired-version.yaml'), fixture('valid.json')).out);
    // Validated against the SARIF 2.1.0 schema that @microsoft/jest-sarif ships.
    (expect(sarif) as any).toBeValidSarifLog();
    (expect({ version: '2.1.0', runs: [{ tool: {} }] }) as any).not.toBeValidSarifLog(); // the validator rejects a bad log
    expect(sarif.version).toBe('2.1.0');
    const [runResult] = sarif.runs;
    const rule = runResult.tool.driver.rules[runResult.results[0].ruleIndex];
    expect(rule).toMatchObject({ id: 'Fargate-PV1', defaultConfiguration: { level: 'error' } });
    expect(rule.help.markdown).toMatch(/\*\*Fix:\*\* /);
    expect(runResult.results[0]).toMatchObject({
      ruleId: 'Fargate-PV1',
      level: 'error',
      locations: [{
        physicalLocation: { artifactLocation: { uri: expect.stringMatching(/retired-version\.yaml$/) }, region: { startLine: 24, startColumn: 24 } },
        logicalLocations: [{ name: 'Service', kind: 'resource' }],
      }],
    });
  });
});

describe('bad input: a one-line error naming the file, exit 2, and the other files still checked', () => {
  test.each([
    ['malformed.yaml', /malformed\.yaml:\d+:\d+: not valid YAML or JSON/],
    ['not-a-template.yaml', /not-a-template\.yaml: not a CloudFormation template \(no Resources section\)/],
    ['unknown-tag.yaml', /unknown-tag\.yaml: unsupported YAML tag !Frobnicate/],
    ['missing.yaml', /missing\.yaml: no such file or directory/],
    ['.', /: a directory that is not a cloud assembly \(no manifest\.json\)/],
  ])('%s', (name, message) => {
    const { code, out, err } = cli('check', fixture(name), fixture('retired-version.yaml'));
    expect(code).toBe(EXIT.BAD_INPUT);
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
    expect(out).toMatch(/\[Fargate-PV1\]/); // the good file was still checked
  });

  test('usage errors', () => {
    expect(cli('frob').code).toBe(EXIT.USAGE);
    expect(cli('check').err).toMatch(/no PATH given/);
    expect(cli('check', '--format', 'xml', 'x').err).toMatch(/--format: 'xml' is not one of text, json, sarif/);
    expect(() => parseCommandLine(['check', '--disable', 'Fargate-XX9', 'x'])).toThrow(/unknown rule ID\(s\) Fargate-XX9/);
  });
});

test('check cdk.out: the same findings as FargatePlatformChecks on the same app, nested Stage included', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
  const app = new App({ outdir });
  const env = { account: '111111111111', region: 'eu-west-1' };
  const top = new Stack(app, 'Top', { env });
  l1Service(top, 'Old', l1TaskDefinition(top, 'OldTd'), { platformVersion: '1.3.0' });
  l1Service(top, 'Latest', l1TaskDefinition(top, 'LatestTd', { cpu: '256', memory: '4096' }), { platformVersion: undefined });
  // Warnings only in the nested Stage: an error there would fail the app's synthesis before the top-level templates are written.
  const nested = new Stack(new Stage(app, 'Prod'), 'Inner', { env });
  l1Service(nested, 'Latest', l1TaskDefinition(nested, 'LatestTd'), { platformVersion: 'LATEST' });
  new ecs.CfnCluster(nested, 'Cluster', {});
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
  // What the aspect annotated, without the acknowledgement hint aws-cdk-lib appends to warnings.
  const annotations: string[] = [];
  for (const stack of [top, nested]) {
    for (const entry of stack.node.findAll().flatMap(c => c.node.metadata)) {
      if ((entry.type === 'aws:cdk:error' || entry.type === 'aws:cdk:warning') && /^\[Fargate-/.test(String(entry.data))) annotations.push(String(entry.data).replace(/ \[ack: [^\]]+\]$/, ''));
    }
  }
  const { out } = cli('check', '--format', 'json', outdir);
  const found = JSON.parse(out);
  const fromCli = found.map((f: any) => f.message);
  expect(found.some((f: any) => /assembly-Prod/.test(f.file) && f.ruleId === 'Fargate-PV2')).toBe(true);
  expect(annotations.length).toBeGreaterThan(2);
  expect([...new Set(fromCli)].sort()).toEqual([...new Set(annotations)].sort());
});

test('cost prints the estimate of a template', () => {
  const { code, out } = cli('cost', fixture('valid.json'));
  expect(code).toBe(EXIT.OK);
  expect(out).toMatch(/ECS service: 2 × 1 vCPU \/ 2 GB Linux x86_64\s+72\.08\s+72\.08\s+72\.08/);
});

test('the bin entry runs as a process: prints the finding and exits non-zero', () => {
  const main = join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', main, 'check', fixture('retired-version.yaml')], { encoding: 'utf8' });
  expect(result.status).toBe(EXIT.FINDINGS);
  expect(result.stdout).toMatch(/retired-version\.yaml:24:24: error Service \(AWS::ECS::Service\) \[Fargate-PV1\]/);
});

test('a template of the rules\' noncompliance cases: each rule reports, each finding at its line', () => {
  const findings = JSON.parse(cli('check', '--format', 'json', fixture('noncompliant.yaml')).out);
  const at = (id: string, logicalId: string) => findings.find((f: any) => f.ruleId === id && f.logicalId === logicalId);
  expect(at('Fargate-TS1', 'WrongSize')).toMatchObject({ level: 'error', position: { line: 9 } }); // Cpu/Memory: at Cpu
  expect(at('Fargate-CT1', 'Privileged')).toMatchObject({ level: 'error', position: { line: 24 } });
  expect(at('Fargate-ES1', 'BigDisk')).toMatchObject({ level: 'error', position: { line: 33 } });
  expect(at('Fargate-NW1', 'Bridge')).toMatchObject({ level: 'error', position: { line: 41 } });
  // TransitEncryption is omitted: the finding points at the volume configuration that lacks it.
  expect(at('Fargate-EF1', 'PlainEfs')).toMatchObject({ level: 'error', position: { line: 57 } });
  expect(at('Fargate-SP1', 'WindowsOnSpot')).toMatchObject({ level: 'error', position: { line: 82 } });
  expect(findings.every((f: any) => f.position.line > 0)).toBe(true);
});
