#!/usr/bin/env node
import { checkTemplateFile, FileFinding, includeTemplate, shown, templatesOf } from './check';
import { BadInputError } from './template';
import { FargateCheckOptions } from '../checks/engine';
import { DEFAULT_COST_ASSUMPTIONS, estimateStack } from '../cost/estimate';
import { buildReport, renderText } from '../cost/fargate-cost-report';
import { FargatePriceTable } from '../platform/prices';
import { RuleContext } from '../rules/context';
import { FargateRuleCatalog, RuleLevel } from '../rules/index';

/** Exit codes a CI can use. @internal */
export const EXIT = { OK: 0, FINDINGS: 1, BAD_INPUT: 2, USAGE: 3 } as const;

const USAGE = `Usage:
  cdk-fargate-platform check [options] PATH...   check CloudFormation templates (JSON or YAML) or cloud assemblies (cdk.out)
  cdk-fargate-platform cost [options] PATH...    estimate what they cost a month

Options:
  --format text|json|sarif     output format (check; default text)
  --latest error|warning|off   the level of Fargate-PV2 (LATEST platform version; default warning)
  --disable ID[,ID...]         rules not to run
  --level ID=error|warning|off a rule's level
  --parameter NAME=VALUE       a template parameter's value (otherwise parameters are unknown and not judged)
  --fail-on-warning            exit non-zero on warnings too

Exit codes: 0 nothing wrong, 1 findings that fail, 2 a path that cannot be read as a template or cloud assembly, 3 usage.`;

/** The parsed command line. @internal */
export interface CommandLine {
  readonly command: 'check' | 'cost';
  readonly paths: string[];
  readonly format: 'text' | 'json' | 'sarif';
  readonly options: FargateCheckOptions;
  readonly parameters: Record<string, string>;
  readonly failOnWarning: boolean;
}

class UsageError extends Error {}

function level(value: string, what: string): RuleLevel {
  const found = Object.values(RuleLevel).find(l => l === value.toLowerCase());
  if (!found) throw new UsageError(`${what}: '${value}' is not one of error, warning, off`);
  return found;
}

/** @internal */
export function parseCommandLine(argv: string[]): CommandLine {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'cost') throw new UsageError(command ? `unknown command '${command}'` : 'no command');
  const paths: string[] = [];
  let format: CommandLine['format'] = 'text';
  let latestVersionLevel: RuleLevel | undefined;
  const disabledRules: string[] = [];
  const ruleLevels: Record<string, RuleLevel> = {};
  const parameters: Record<string, string> = {};
  let failOnWarning = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format: '${f}' is not one of text, json, sarif`);
      format = f;
    } else if (arg === '--latest') {latestVersionLevel = level(value(), '--latest');} else if (arg === '--disable') {disabledRules.push(...value().split(',').filter(Boolean));} else if (arg === '--level') {
      const [id, l] = value().split('=');
      if (!id || !l) throw new UsageError('--level takes ID=error|warning|off');
      ruleLevels[id] = level(l, `--level ${id}`);
    } else if (arg === '--parameter') {
      const v = value();
      const eq = v.indexOf('=');
      if (eq <= 0) throw new UsageError('--parameter takes NAME=VALUE');
      parameters[v.slice(0, eq)] = v.slice(eq + 1);
    } else if (arg === '--fail-on-warning') {failOnWarning = true;} else if (arg === '--help' || arg === '-h') {throw new UsageError('');} else if (arg.startsWith('--')) {throw new UsageError(`unknown option ${arg}`);} else {paths.push(arg);}
  }
  if (paths.length === 0) throw new UsageError('no PATH given');
  const known = new Set(FargateRuleCatalog.ids());
  const unknown = [...disabledRules, ...Object.keys(ruleLevels)].filter(id => !known.has(id));
  if (unknown.length > 0) throw new UsageError(`unknown rule ID(s) ${unknown.join(', ')}`);
  return { command, paths, format, options: { latestVersionLevel, disabledRules, ruleLevels }, parameters, failOnWarning };
}

/** SARIF 2.1.0: the rules from the catalogue (with explanation and fix), each finding with its file, line and resource. @internal */
export function toSarif(findings: FileFinding[]): object {
  const rules = FargateRuleCatalog.all();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk-fargate-platform',
          informationUri: 'https://github.com/cdk-fargate-platform/cdk-fargate-platform',
          rules: rules.map(r => ({
            id: r.id,
            name: r.id.replace(/[^A-Za-z0-9]/g, ''),
            shortDescription: { text: r.summary },
            fullDescription: { text: r.explanation },
            help: { text: `${r.explanation} Fix: ${r.fix}`, markdown: `${r.explanation}\n\n**Fix:** ${r.fix}` },
            defaultConfiguration: { level: r.level === RuleLevel.OFF ? 'none' : r.level },
          })),
        },
      },
      results: findings.map(f => ({
        ruleId: f.ruleId,
        ruleIndex: rules.findIndex(r => r.id === f.ruleId),
        level: f.level,
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: shown(f.file).split('\\').join('/') },
            ...(f.position ? { region: { startLine: f.position.line, startColumn: f.position.column } } : {}),
          },
          logicalLocations: [{ name: f.logicalId, kind: 'resource', fullyQualifiedName: `${f.logicalId}.${f.property}` }],
        }],
      })),
    }],
  };
}

function textLine(f: FileFinding): string {
  const at = f.position ? `:${f.position.line}:${f.position.column}` : '';
  return `${shown(f.file)}${at}: ${f.level} ${f.logicalId} (${f.resourceType}) ${f.message}`;
}

/**
 * Runs the command line and returns its exit code; output goes to `out`, errors about inputs to `err`.
 * @internal
 */
export function run(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  let cl: CommandLine;
  try {
    cl = parseCommandLine(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) err(`cdk-fargate-platform: ${e.message}`);
    err(USAGE);
    return e.message ? EXIT.USAGE : EXIT.OK;
  }
  let badInput = false;
  const files: string[] = [];
  for (const p of cl.paths) {
    try {
      files.push(...templatesOf(p));
    } catch (e) {
      if (!(e instanceof BadInputError)) throw e;
      err(`cdk-fargate-platform: ${e.message}`);
      badInput = true;
    }
  }
  // One bad file does not stop the others.
  const guarded = <T>(file: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      err(`cdk-fargate-platform: ${e instanceof BadInputError ? e.message : `${shown(file)}: ${(e as Error).message.split('\n')[0]}`}`);
      badInput = true;
      return undefined;
    }
  };
  if (cl.command === 'cost') {
    const prices = FargatePriceTable.usEast1();
    const estimate = (f: string) =>
      estimateStack(shown(f), new RuleContext(includeTemplate(f, cl.parameters).stack), prices, DEFAULT_COST_ASSUMPTIONS);
    const stacks = files.flatMap(f => {
      const lines = guarded(f, () => estimate(f));
      return lines ? [{ name: shown(f), lines }] : [];
    });
    out(renderText(buildReport(stacks, prices, []),
      'Unknown: what parameters hide (give them with --parameter). Not priced: data transfer, data processed, logs and EFS storage.'));
    return badInput ? EXIT.BAD_INPUT : EXIT.OK;
  }
  const findings = files.flatMap(f => guarded(f, () => checkTemplateFile(f, cl.options, cl.parameters)) ?? []);
  if (cl.format === 'json') {out(JSON.stringify(findings.map(f => ({ ...f, file: shown(f.file) })), undefined, 2));} else if (cl.format === 'sarif') {out(JSON.stringify(toSarif(findings), undefined, 2));} else {
    for (const f of findings) out(textLine(f));
    const errors = findings.filter(f => f.level === 'error').length;
    out(`${files.length} template(s) checked: ${errors} error(s), ${findings.length - errors} warning(s).`);
  }
  if (badInput) return EXIT.BAD_INPUT;
  const failing = findings.some(f => f.level === 'error' || (cl.failOnWarning && f.level === 'warning'));
  return failing ? EXIT.FINDINGS : EXIT.OK;
}

if (require.main === module) {
  // eslint-disable-next-line no-console
  process.exitCode = run(process.argv.slice(2), s => console.log(s), s => console.error(s));
}
