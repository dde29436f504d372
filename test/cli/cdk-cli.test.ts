import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The real CDK CLI on real apps: a plain `cdk synth` (no stack selection, as a CDK Pipelines synth step runs it)
 * must fail on an error finding wherever the stack sits, and pass on warnings and valid apps.
 * In-process `app.synth()` cannot show this: the CLI reports only the stacks it selects.
 */
const ROOT = path.join(__dirname, '..', '..');
const CDK = path.join(ROOT, 'node_modules', '.bin', 'cdk');
const APP = `node -r ts-node/register/transpile-only ${path.join(__dirname, 'app.ts')}`;

interface Run { readonly code: number; readonly output: string }

function cdkSynth(env: Record<string, string>, app = APP): Promise<Run> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-cli-'));
  return new Promise(resolve => {
    execFile(CDK, ['synth', '--app', app, '--output', outdir, '--no-notices', '--no-version-reporting'], {
      cwd: ROOT,
      env: { ...process.env, ...env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.tools.json'), CDK_DISABLE_CLI_TELEMETRY: 'true', FORCE_COLOR: '0' },
      timeout: 120_000,
    }, (error, stdout, stderr) => {
      fs.rmSync(outdir, { recursive: true, force: true });
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stderr}\n${stdout}` });
    });
  });
}

const CASES: Array<[checks: string, where: string, version: string, fails: boolean]> = [];
for (const checks of ['aspect', 'pack']) {
  for (const where of ['top', 'stage', 'deep']) CASES.push([checks, where, '1.3.0', true]);
  CASES.push([checks, 'stage', 'LATEST', false]);
  CASES.push([checks, 'stage', '1.4.0', false]);
}

describe('cdk synth with the real CDK CLI', () => {
  // Every case at once: each is a CLI process running a small app.
  const runs = new Map<string, Promise<Run>>(CASES.map(([checks, where, version]) =>
    [`${checks}/${where}/${version}`, cdkSynth({ CHECKS: checks, WHERE: where, PLATFORM_VERSION: version })]));

  // The library as a user's app has it: a copy of its sources under a node_modules folder, compiled on load.
  const installed = path.join(ROOT, 'node_modules', '.cli-test', 'node_modules', 'cdk-fargate-platform');
  fs.rmSync(installed, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'src'), path.join(installed, 'src'), { recursive: true });
  fs.writeFileSync(path.join(installed, 'package.json'), JSON.stringify({ name: 'cdk-fargate-platform', main: 'src/index.ts' }));
  const constructionError = cdkSynth(
    { LIBRARY: installed, TS_NODE_IGNORE: '^$' }, // ts-node compiles the copy although it sits under node_modules
    `node -r ts-node/register/transpile-only ${path.join(__dirname, 'installed-app.ts')}`,
  );
  afterAll(async () => {
    await constructionError;
    fs.rmSync(path.dirname(path.dirname(installed)), { recursive: true, force: true });
  });

  test.each(CASES)('%s, service in %s stack on %s: fails = %s', async (checks, where, version, fails) => {
    const run = await runs.get(`${checks}/${where}/${version}`)!;
    if (fails) {
      expect(run.code).not.toBe(0);
      expect(run.output).toMatch(/\[Fargate-PV1\][^\n]*1\.3\.0/);
      expect(run.output).toContain(`${{ top: '', stage: 'Prod/', deep: 'Prod/Eu/' }[where]}Web/Service/Service`);
    } else {
      expect({ code: run.code, output: run.output }).toEqual({ code: 0, output: expect.not.stringMatching(/\[Fargate-PV1\]/) });
    }
  }, 180_000);

  // The EKS rules, with the cost report sharing the checks' rule context, in a Stage inside a Stage.
  const eksRuns = new Map(['aspect', 'pack'].map(checks => [checks, cdkSynth({ CHECKS: checks, WHERE: 'deep', EKS: 'parallel' })]));
  test.each(['aspect', 'pack'])('%s: profiles created in parallel in a Stage inside a Stage fail a plain cdk synth', async checks => {
    const run = await eksRuns.get(checks)!;
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/\[Fargate-EK2\][^\n]*creates them in parallel/);
    expect(run.output).toContain('Prod/Eu/Web/Profile-b');
  }, 180_000);

  test('a construction-time error prints the message and the construct, without a stack trace into the library', async () => {
    const run = await constructionError;
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('«InvalidEphemeralStorage» Workload/Api: property `ephemeralStorageGiB`: [Fargate-ES1]');
    expect(run.output).toMatch(/Relates to construct:\n.*App\)\n.*Workload \(aws-cdk-lib\.Stack\)\n.*Api /);
    // The frames inside the library fold into one line; none points into its files.
    expect(run.output).toMatch(/\.\.\.new FargateWorkload in /);
    expect(run.output).not.toMatch(/cdk-fargate-platform\/src\//);
  }, 180_000);
});
