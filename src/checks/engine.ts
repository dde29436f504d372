import { Annotations, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { TaskSizeRange } from '../platform/task-size-table';
import { RuleContext } from '../rules/context';
import { ALL_RULES } from '../rules/index';
import { PlatformVersionLatest } from '../rules/platform-version-latest';
import { FargateRule, Finding, formatFinding, RuleLevel } from '../rules/rule';

/**
 * How the checks are tuned. Shared by `FargatePlatformChecks`, `FargatePlatformPack` and the constructs.
 */
export interface FargateCheckOptions {
  /**
   * The level for `Fargate-PV2` (a platform version of LATEST, written or implied).
   * @default RuleLevel.WARNING
   */
  readonly latestVersionLevel?: RuleLevel;

  /**
   * Task sizes to accept beyond AWS's documented table, for sizes AWS offers before the docs do
   * (a 32 vCPU size has been reported).
   * @default - only the documented sizes
   */
  readonly additionalTaskSizes?: TaskSizeRange[];

  /**
   * Rule IDs not to run, e.g. `['Fargate-CI1']`.
   * @default - every rule runs
   */
  readonly disabledRules?: string[];

  /**
   * Levels to use instead of the rules' defaults, by rule ID.
   * @default - each rule's own level
   */
  readonly ruleLevels?: { [ruleId: string]: RuleLevel };
}

/** One finding with everything a reporter needs. @internal */
export interface Report {
  readonly node: CfnResource;
  readonly rule: FargateRule;
  readonly level: RuleLevel.ERROR | RuleLevel.WARNING;
  readonly finding: Finding;
  readonly message: string;
}

const RULES_BY_TYPE = new Map<string, FargateRule[]>();
for (const rule of ALL_RULES) {
  for (const type of rule.resourceTypes) RULES_BY_TYPE.set(type, [...(RULES_BY_TYPE.get(type) ?? []), rule]);
}

/** Throws for rule IDs in options that do not exist, so a typo never silently disables nothing. @internal */
export function validateOptions(options: FargateCheckOptions): void {
  const known = new Set(ALL_RULES.map(r => r.id));
  const named = [...(options.disabledRules ?? []), ...Object.keys(options.ruleLevels ?? {})];
  const unknown = named.filter(id => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`Unknown Fargate rule ID(s) ${unknown.map(u => `'${u}'`).join(', ')} in disabledRules/ruleLevels. Known rules: ${[...known].join(', ')}`);
  }
}

/** @internal */
export function levelOf(rule: FargateRule, options: FargateCheckOptions): RuleLevel {
  if (options.disabledRules?.includes(rule.id)) return RuleLevel.OFF;
  const override = options.ruleLevels?.[rule.id];
  if (override) return override;
  if (rule.id === PlatformVersionLatest.id && options.latestVersionLevel) return options.latestVersionLevel;
  return rule.level;
}

/**
 * Runs every applicable rule over the given resources of one stack.
 * @internal
 */
export function checkResources(ctx: RuleContext, nodes: readonly CfnResource[], options: FargateCheckOptions, errorsOnly = false): Report[] {
  const reports: Report[] = [];
  for (const node of nodes) {
    const rules = RULES_BY_TYPE.get(node.cfnResourceType);
    if (!rules) continue;
    for (const rule of rules) {
      const level = levelOf(rule, options);
      if (level === RuleLevel.OFF || (errorsOnly && level !== RuleLevel.ERROR)) continue;
      const findings = rule.evaluate(ctx.resolve(node), ctx) ?? [];
      for (const finding of findings) {
        reports.push({ node, rule, level, finding, message: formatFinding(rule, finding) });
      }
    }
  }
  return reports;
}

/** Runs every rule over one stack. @internal */
export function checkStack(stack: Stack, options: FargateCheckOptions): Report[] {
  const ctx = new RuleContext(stack, options);
  return checkResources(ctx, ctx.resources(), options);
}

/** The resource types any rule reads. @internal */
export function isCheckedType(type: string): boolean {
  return RULES_BY_TYPE.has(type);
}

/**
 * True when `Validations.of(x).acknowledge({ id })` was called on the node or an ancestor.
 * @internal
 */
export function isAcknowledged(node: IConstruct, ruleId: string): boolean {
  for (let c: IConstruct | undefined = node; c; c = c.node.scope) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      if (Object.keys(entry.data).some(k => k.replace(/^annotation::/i, '') === ruleId)) return true;
    }
  }
  return false;
}

/** When a construct checks itself. @internal */
export enum CheckMode {
  /** While it is being built: the stack is still changing, so a fresh context, and only errors (they throw). */
  BUILD = 'BUILD',
  /** In synthesis validation: the tree is final, so every construct of a stack shares one context. */
  SYNTH = 'SYNTH',
}

/**
 * One context per stack for the synth-time checks of every construct in it, so each resource is resolved
 * once however many workloads the stack holds. Rebuilt if the stack has changed since (another synth).
 */
const SYNTH_CONTEXTS = new WeakMap<Stack, { ctx: RuleContext; constructs: number; options: string }>();
function synthContext(stack: Stack, options: FargateCheckOptions): RuleContext {
  const constructs = stack.node.findAll().length;
  const key = JSON.stringify(options);
  const cached = SYNTH_CONTEXTS.get(stack);
  if (cached && cached.constructs === constructs && cached.options === key) return cached.ctx;
  const ctx = new RuleContext(stack, options);
  SYNTH_CONTEXTS.set(stack, { ctx, constructs, options: key });
  return ctx;
}

/** What a construct's own check found: error messages, and warnings to annotate. @internal */
export interface ConstructCheck {
  readonly errors: string[];
  readonly warnings: Report[];
}

/**
 * Runs the rules over a construct's own resources (all in one stack), leaving out acknowledged findings.
 * Error messages carry the offending resource's path.
 * @internal
 */
export function checkConstruct(nodes: readonly CfnResource[], options: FargateCheckOptions, mode = CheckMode.BUILD): ConstructCheck {
  if (nodes.length === 0) return { errors: [], warnings: [] };
  const stack = Stack.of(nodes[0]);
  const ctx = mode === CheckMode.SYNTH ? synthContext(stack, options) : new RuleContext(stack, options);
  const reports = checkResources(ctx, nodes, options, mode === CheckMode.BUILD).filter(r => !isAcknowledged(r.node, r.rule.id));
  return {
    errors: reports.filter(r => r.level === RuleLevel.ERROR).map(r => `${r.node.node.path}: ${r.message}`),
    warnings: reports.filter(r => r.level === RuleLevel.WARNING),
  };
}

/** Writes a report as an annotation: an error, or a warning acknowledgeable by its rule ID. @internal */
export function annotate(report: Report): void {
  if (report.level === RuleLevel.ERROR) Annotations.of(report.node).addError(report.message);
  else Annotations.of(report.node).addWarningV2(report.rule.id, report.message);
}
