// The main command, `npm run examples`: build every example under FargatePlatformChecks, the cdk-nag
// AwsSolutions, NIST 800-53 R5 and HIPAA packs and the Control Tower guard rules; print a table of findings
// per pack and acknowledgements; write the acknowledgement list into examples/README.md; and exit non-zero
// on any unacknowledged finding.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App, Aspects, Duration, Stage, Validations } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { IConstruct } from 'constructs';
import { complianceApp, complianceFindings } from './compliance';
import { FargateCostReport, FargatePlatformChecks } from '../src';

const ROOT = join(__dirname, '..');
const EXAMPLES = join(ROOT, 'examples');
const README = join(EXAMPLES, 'README.md');

/** The report columns: our checks, then each plugin by the name it reports under. */
const PACKS: Array<[string, string]> = [
  ['Fargate', 'FargatePlatformChecks'],
  ['AwsSolutions', 'AwsSolutions'],
  ['NIST', 'NIST.800.53.R5'],
  ['HIPAA', 'HIPAA.Security'],
  ['ControlTower', 'cdk-validator-cfnguard'],
  ['CfnValidate', 'CloudFormation Validate'],
];

export interface Acknowledgement { example: string; path: string; id: string; reason: string }
interface Row { example: string; stacks: number; resources: number; findings: Record<string, string[]>; acks: Acknowledgement[]; cost: any }

/** What the examples' cost estimates assume where a template does not say. */
const JOB_RUN = Duration.minutes(10);

/** Every example folder with a main.ts that exports `build(app)`. */
export function exampleNames(): string[] {
  return readdirSync(EXAMPLES).filter(e => existsSync(join(EXAMPLES, e, 'main.ts'))).sort();
}

/** Builds one example into a fresh app with every pack and the checks. */
export function buildExample(example: string, cost?: FargateCostReport): App {
  // Examples are found on disk, so they are loaded by path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(join(EXAMPLES, example, 'main.ts'));
  if (typeof mod.build !== 'function') throw new Error(`examples/${example}/main.ts must export build(app: App).`);
  const app = complianceApp();
  Aspects.of(app).add(new FargatePlatformChecks());
  if (cost) Aspects.of(app).add(cost);
  mod.build(app);
  return app;
}

function stacksOf(assembly: CloudAssembly): Array<{ template: any; messages: any[] }> {
  return [
    ...assembly.stacks.map(s => ({ template: s.template, messages: s.messages })),
    ...assembly.nestedAssemblies.flatMap(n => stacksOf(n.nestedAssembly)),
  ];
}

function acknowledgementsOf(example: string, root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap(c => c.node.metadata
    .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(m => Object.entries<string>(m.data).map(([id, reason]) => ({ example, path: c.node.path, id, reason }))));
}

function run(example: string): Row {
  const cost = new FargateCostReport({ defaultJobRunDuration: JOB_RUN });
  const app = buildExample(example, cost);
  const findings: Record<string, string[]> = Object.fromEntries(PACKS.map(([column]) => [column, []]));
  const compliance = complianceFindings(app);
  const assembly = app.synth();
  const stacks = stacksOf(assembly);
  for (const f of compliance) {
    const column = PACKS.find(([, plugin]) => f.plugin.startsWith(plugin))?.[0] ?? f.plugin;
    (findings[column] ??= []).push(`${f.rule}: ${f.paths.join(', ')}`);
  }
  // Our checks, and any other warning or error, arrive as annotations.
  for (const { messages } of stacks) {
    for (const m of messages) {
      if (m.level === 'error' || m.level === 'warning') findings.Fargate.push(`${m.id}: ${m.entry.data}`);
    }
  }
  return {
    example,
    stacks: stacks.length,
    resources: stacks.reduce((n, s) => n + Object.keys(s.template.Resources ?? {}).length, 0),
    findings,
    acks: acknowledgementsOf(example, app as Stage),
    cost: cost.lastReport,
  };
}

function printTable(rows: Row[]): void {
  const header = ['example', 'stacks', 'resources', ...PACKS.map(([c]) => c), 'acknowledged', 'USD/month'];
  const table = [header, ...rows.map(r => [
    r.example, String(r.stacks), String(r.resources), ...PACKS.map(([c]) => String(r.findings[c].length)), String(r.acks.length),
    r.cost.total.expected.toFixed(2),
  ])];
  const widths = header.map((_, i) => Math.max(...table.map(t => t[i].length)));
  for (const [i, t] of table.entries()) {
    console.log(t.map((c, j) => c.padEnd(widths[j])).join('  '));
    if (i === 0) console.log(widths.map(w => '-'.repeat(w)).join('  '));
  }
}

/** The acknowledgement table for examples/README.md: one row per rule and reason, with the examples it applies in. */
export function acknowledgementsMarkdown(acks: Acknowledgement[]): string {
  const byRule = new Map<string, { id: string; reason: string; examples: Set<string>; count: number }>();
  for (const a of acks) {
    const key = `${a.id}\u0000${a.reason}`;
    const entry = byRule.get(key) ?? { id: a.id, reason: a.reason, examples: new Set<string>(), count: 0 };
    entry.examples.add(a.example);
    entry.count++;
    byRule.set(key, entry);
  }
  const lines = ['| Rule | Reason | Examples (constructs) |', '|---|---|---|'];
  for (const e of [...byRule.values()].sort((a, b) => a.id.localeCompare(b.id) || a.reason.localeCompare(b.reason))) {
    lines.push(`| \`${e.id.replace(/^Annotation::/, '').replace(/\|/g, '\\|')}\` | ${e.reason.replace(/\|/g, '\\|')} | ${[...e.examples].sort().join(', ')} (${e.count}) |`);
  }
  return lines.join('\n');
}

/** The monthly estimates for examples/README.md: one row per example, then what the figures assume. */
export function costsMarkdown(rows: ReadonlyArray<{ example: string; cost: any }>): string {
  const money = (n: number) => n.toFixed(2);
  const first = rows[0]?.cost;
  const lines = [
    `Estimated by \`FargateCostReport\` at every \`npm run examples\`: ${first?.currency}, ${first?.region} prices, ${first?.hoursPerMonth} hours a month; ` +
      `job runs of ${JOB_RUN.toMinutes()} minutes; one load balancer capacity unit; no data processed, logs ingested or EFS storage (those are priced ` +
      'per GB in each example\'s `fargate-cost-report.md`). Low and high are the scaling bounds.',
    '',
    '| Example | low | expected | high | biggest line |',
    '|---|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const biggest = [...r.cost.lines].sort((a: any, b: any) => (b.monthly.expected ?? 0) - (a.monthly.expected ?? 0))[0];
    lines.push(`| ${r.example} | ${money(r.cost.total.low)} | ${money(r.cost.total.expected)} | ${money(r.cost.total.high)} | ` +
      `${biggest ? `${biggest.description} (${money(biggest.monthly.expected ?? 0)})` : ''} |`);
  }
  lines.push('', `Prices: ${first?.priceSources.join('; ')}. ${first?.caveats.join('. ')}.`);
  return lines.join('\n');
}

/** Replaces a generated section of examples/README.md. */
function writeSection(readme: string, name: string, body: string): string {
  const begin = `<!-- ${name}:begin (generated by npm run examples) -->`;
  const end = `<!-- ${name}:end -->`;
  const start = readme.indexOf(begin);
  const stop = readme.indexOf(end);
  if (start < 0 || stop < 0) throw new Error(`${README} has no ${begin} ... ${end} section.`);
  return `${readme.slice(0, start + begin.length)}\n${body}\n${readme.slice(stop)}`;
}

function writeReadme(rows: Row[]): void {
  let readme = readFileSync(README, 'utf8');
  readme = writeSection(readme, 'acknowledgements', acknowledgementsMarkdown(rows.flatMap(r => r.acks)));
  readme = writeSection(readme, 'costs', costsMarkdown(rows));
  writeFileSync(README, readme);
}

if (require.main === module) {
  const rows = exampleNames().map(run);
  console.log();
  printTable(rows);
  const failing = rows.filter(r => Object.values(r.findings).some(f => f.length > 0));
  for (const r of failing) {
    console.log(`\n${r.example}:`);
    for (const [column, list] of Object.entries(r.findings)) for (const f of list) console.log(`  [${column}] ${f}`);
  }
  writeReadme(rows);
  const total = rows.reduce((n, r) => n + Object.values(r.findings).reduce((m, f) => m + f.length, 0), 0);
  console.log(`\n${rows.length} examples, ${total} unacknowledged findings, ${rows.reduce((n, r) => n + r.acks.length, 0)} acknowledgements ` +
    '(listed with their reasons in examples/README.md).');
  process.exitCode = total > 0 ? 1 : 0;
}
