import * as fs from 'fs';
import * as path from 'path';
import { Duration, IAspect, Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CostAssumptions, CostLine, DEFAULT_COST_ASSUMPTIONS, estimateStack, Range, total } from './estimate';
import { StackChecks } from '../checks/engine';
import { unscopedPropsError } from '../errors';
import { FargatePriceTable, HOURS_PER_MONTH } from '../platform/prices';

/** The context key that prints the report at synth: `cdk synth -c fargate-cost-report=print`. */
const PRINT_CONTEXT = 'fargate-cost-report';

/**
 * Props for `FargateCostReport`.
 */
export interface FargateCostReportProps {
  /**
   * The prices.
   * @default FargatePriceTable.usEast1()
   */
  readonly prices?: FargatePriceTable;

  /**
   * Print the report as a table at every synth. Also on with `cdk synth -c fargate-cost-report=print`.
   * @default false: the report is only written to the cloud assembly
   */
  readonly print?: boolean;

  /**
   * How long a run of a job lasts, by the construct path of the job (or of its schedule, rule or state machine).
   * @default - none: a job is priced per hour of run
   */
  readonly jobRunDurations?: { [constructPath: string]: Duration };

  /**
   * How long a run of any other job lasts.
   * @default - none: such jobs are priced per hour of run
   */
  readonly defaultJobRunDuration?: Duration;

  /**
   * Load balancer capacity units (LCU/NLCU) used on average, each hour.
   * @default 1
   */
  readonly loadBalancerCapacityUnits?: number;

  /**
   * GB processed by each NAT gateway a month.
   * @default 0 (the hourly charge only)
   */
  readonly natGatewayGbPerMonth?: number;

  /**
   * GB of logs ingested a month per stack.
   * @default 0 (not priced)
   */
  readonly logsGbPerMonth?: number;

  /**
   * GB stored in each EFS file system.
   * @default 0 (not priced)
   */
  readonly efsGbPerFileSystem?: number;
}

/**
 * A synth-time estimate of what an app's Fargate services, jobs and EKS pods, and what they share (NAT gateways,
 * endpoints, load balancers, public IPv4 addresses, EFS, logs), will cost a month, as low / expected / high, with every
 * assumption and price source named. It reads the synthesized CloudFormation, so it prices any CDK app (L1, L2, this
 * library's constructs, `CfnInclude`), and never fails a synth.
 *
 * Written to the cloud assembly as `fargate-cost-report.json` and `fargate-cost-report.md`; printed when asked.
 *
 * @example
 * Aspects.of(app).add(new FargateCostReport({ defaultJobRunDuration: Duration.minutes(5) }));
 */
export class FargateCostReport implements IAspect {
  /** The report's JSON file name in the cloud assembly. */
  public static readonly JSON_FILE = 'fargate-cost-report.json';
  /** The report's Markdown file name in the cloud assembly. */
  public static readonly MARKDOWN_FILE = 'fargate-cost-report.md';

  private readonly prices: FargatePriceTable;
  private readonly assumptions: CostAssumptions;
  private readonly print: boolean;
  private readonly roots = new WeakSet<IConstruct>();
  private _last?: CostReportData;

  constructor(props: FargateCostReportProps = {}) {
    this.prices = props.prices ?? FargatePriceTable.usEast1();
    const minutes = (d: Duration | undefined, what: string): number | undefined => {
      if (d === undefined) return undefined;
      if (Token.isUnresolved(d.toSeconds())) throw unscopedPropsError('CostReportTokenDuration', `FargateCostReport: ${what} is a token; give a literal Duration.`);
      return d.toSeconds() / 60;
    };
    const count = (n: number | undefined, what: keyof typeof DEFAULT_COST_ASSUMPTIONS): number => {
      if (n === undefined) return DEFAULT_COST_ASSUMPTIONS[what] as number;
      if (!Number.isFinite(n) || n < 0) throw unscopedPropsError('CostReportInvalidAssumption', `FargateCostReport: \`${what}\` must be a number of 0 or more, got ${n}.`);
      return n;
    };
    this.assumptions = {
      jobRunMinutes: Object.fromEntries(Object.entries(props.jobRunDurations ?? {}).map(([k, d]) => [k, minutes(d, `jobRunDurations['${k}']`)!])),
      defaultJobRunMinutes: minutes(props.defaultJobRunDuration, 'defaultJobRunDuration'),
      loadBalancerCapacityUnits: count(props.loadBalancerCapacityUnits, 'loadBalancerCapacityUnits'),
      natGatewayGbPerMonth: count(props.natGatewayGbPerMonth, 'natGatewayGbPerMonth'),
      logsGbPerMonth: count(props.logsGbPerMonth, 'logsGbPerMonth'),
      efsGbPerFileSystem: count(props.efsGbPerFileSystem, 'efsGbPerFileSystem'),
    };
    this.print = props.print ?? false;
  }

  public visit(node: IConstruct): void {
    // Read each stack through the rule context the checks use in the same synthesis: resources are resolved once.
    if (Stack.isStack(node)) StackChecks.of(node);
    if (!Stage.isStage(node) || this.roots.has(node)) return;
    this.roots.add(node);
    const stage = node;
    // Once the tree is final (after every aspect), like the checks; it reports and never fails.
    stage.node.addValidation({
      validate: () => {
        this.write(stage, this.estimate(stage));
        return [];
      },
    });
  }

  /**
   * The report of the last synthesis, as JSON (what `fargate-cost-report.json` holds); `undefined` before one.
   */
  public get lastReport(): any {
    return this._last;
  }

  private estimate(stage: Stage): CostReportData {
    // Every stack under the stage, nested Stages (pipelines) and nested stacks included, named by its construct path.
    const stacks = stage.node.findAll().filter((c): c is Stack => Stack.isStack(c));
    const report = buildReport(
      stacks.map(s => ({ name: s.node.path, lines: estimateStack(s.node.path, StackChecks.of(s).contextFor(), this.prices, this.assumptions) })),
      this.prices,
      [
        'data transfer between AZs and to the internet',
        'ECR storage and image pulls, Secrets Manager, KMS requests',
        'EKS Jobs and CronJobs, and pods a HorizontalPodAutoscaler adds',
        'Savings Plans and other discounts: give a price table with your rates',
      ],
    );
    this._last = report;
    return report;
  }

  private write(stage: Stage, report: CostReportData): void {
    const markdown = renderMarkdown(report);
    const outdir = stage.outdir;
    if (outdir && fs.existsSync(outdir)) {
      fs.writeFileSync(path.join(outdir, FargateCostReport.JSON_FILE), JSON.stringify(report, undefined, 2));
      fs.writeFileSync(path.join(outdir, FargateCostReport.MARKDOWN_FILE), markdown);
    }
    const asked = this.print || stage.node.tryGetContext(PRINT_CONTEXT) === 'print';
    // eslint-disable-next-line no-console
    if (asked) console.error(renderText(report));
  }
}

/** The report as JSON. @internal */
export interface CostReportData {
  readonly region: string;
  readonly currency: string;
  readonly hoursPerMonth: number;
  readonly priceSources: string[];
  readonly caveats: string[];
  readonly total: Range;
  readonly stacks: Array<Range & { stack: string }>;
  readonly lines: CostLine[];
  readonly unknown: string[];
  readonly notPriced: string[];
}

/** The report of some stacks' lines: totals per stack and overall, what is unknown, the price sources. @internal */
export function buildReport(
  stacks: ReadonlyArray<{ name: string; lines: CostLine[] }>, prices: FargatePriceTable, notPriced: string[],
): CostReportData {
  const lines = stacks.flatMap(s => s.lines);
  return {
    region: prices.region,
    currency: prices.currency,
    hoursPerMonth: HOURS_PER_MONTH,
    priceSources: prices.sources(),
    caveats: prices.caveats(),
    total: total(lines),
    stacks: stacks.map(s => ({ stack: s.name, ...total(s.lines) })),
    lines,
    unknown: lines.filter(l => l.monthly.expected === undefined).map(l => l.path),
    notPriced,
  };
}

const money = (n: number | undefined): string => (n === undefined ? 'unknown' : n.toFixed(2));

/** The report as a Markdown document. @internal */
export function renderMarkdown(report: CostReportData): string {
  const out: string[] = [
    `# Monthly cost estimate (${report.currency}, ${report.region}, ${report.hoursPerMonth} hours a month)`,
    '',
    `**Total: ${money(report.total.low)} / ${money(report.total.expected)} / ${money(report.total.high)}** (low / expected / high)`,
    '',
    '| stack | what | low | expected | high | assumptions |',
    '|---|---|---:|---:|---:|---|',
    ...report.lines.map(l => `| ${l.stack} | ${l.description}${l.perRun !== undefined ? ` (${l.perRun.toFixed(4)} a run)` : ''} | ${money(l.monthly.low)} | ` +
      `${money(l.monthly.expected)} | ${money(l.monthly.high)} | ${l.assumptions.join('; ')} |`),
    '',
  ];
  const insights = report.lines.flatMap(l => l.insights.map(i => `- ${l.path}: ${i}`));
  if (insights.length > 0) out.push('## What would change it', '', ...insights, '');
  if (report.unknown.length > 0) out.push('## Unknown at synth (left out of the totals)', '', ...report.unknown.map(u => `- ${u}`), '');
  out.push('## Prices', '', ...report.priceSources.map(s => `- ${s}`), ...report.caveats.map(c => `- Caveat: ${c}`), '',
    '## Not priced', '', ...report.notPriced.map(n => `- ${n}`), '');
  return out.join('\n');
}

/** The report as a plain table for the terminal. @internal */
export function renderText(report: CostReportData, footer = `Assumptions and what is not priced: ${FargateCostReport.MARKDOWN_FILE} in the cloud assembly.`): string {
  const rows = report.lines.map(l => [l.stack, l.description, money(l.monthly.low), money(l.monthly.expected), money(l.monthly.high)]);
  const header = ['stack', 'what', 'low', 'expected', 'high'];
  const all = [header, ...rows, ['TOTAL', '', money(report.total.low), money(report.total.expected), money(report.total.high)]];
  const widths = header.map((_, i) => Math.max(...all.map(r => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [
    `Fargate monthly cost estimate (${report.currency}, ${report.region}; prices: ${report.priceSources.join('; ')})`,
    fmt(header), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(fmt), fmt(all[all.length - 1]),
    footer,
  ].join('\n');
}
