import { Annotations, CfnResource, Stack, Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { unscopedPropsError } from '../errors';
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
   * Task sizes to accept beyond AWS's documented table, for sizes AWS offers before this library knows them.
   * Each runs on Linux and Windows unless its `operatingSystems` says otherwise.
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
    throw unscopedPropsError('UnknownFargateRuleId', `Unknown Fargate rule ID(s) ${unknown.map(u => `'${u}'`).join(', ')} in disabledRules/ruleLevels. Known rules: ${[...known].join(', ')}`);
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
export function checkResources(ctx: RuleContext, nodes: readonly CfnResource[], options: FargateCheckOptions): Report[] {
  const reports: Report[] = [];
  for (const node of nodes) {
    const rules = RULES_BY_TYPE.get(node.cfnResourceType);
    if (!rules) continue;
    for (const rule of rules) {
      const level = levelOf(rule, options);
      if (level === RuleLevel.OFF) continue;
      const findings = rule.evaluate(ctx.resolve(node), ctx) ?? [];
      for (const finding of findings) {
        reports.push({ node, rule, level, finding, message: formatFinding(rule, finding) });
      }
    }
  }
  return reports;
}

/** Runs every rule over one stack, with a context of its own. @internal */
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

/** What a construct's own check found: error messages, and warnings to annotate. */
interface ConstructCheck {
  readonly errors: string[];
  readonly warnings: Report[];
}

function unacknowledged(reports: Report[]): ConstructCheck {
  const open = reports.filter(r => !isAcknowledged(r.node, r.rule.id));
  return {
    errors: open.filter(r => r.level === RuleLevel.ERROR).map(pathAndMessage),
    warnings: open.filter(r => r.level === RuleLevel.WARNING),
  };
}

/** A stack-wide check that `FargatePlatformChecks` registers: it is handed every report. */
type StackCheck = { readonly options: FargateCheckOptions; readonly report: (reports: Report[]) => void };
/** A construct's synth-time check of its own resources: errors fail synthesis, warnings are annotated. */
type ConstructSynthCheck = { readonly options: FargateCheckOptions; readonly resources: () => CfnResource[] };

/**
 * The synth-time checks of one stack. It adds a single validation to the stack, which runs when the tree
 * is final (after every aspect) and before annotations are written. Each run builds one rule context per
 * set of options and evaluates each resource once per context, however many constructs and aspects ask:
 * the cost of the checks is one resolution of the Fargate resources of the stack.
 * @internal
 */
export class StackChecks {
  public static of(stack: Stack): StackChecks {
    let checks = STACK_CHECKS.get(stack);
    if (!checks) STACK_CHECKS.set(stack, checks = new StackChecks(stack));
    return checks;
  }

  private readonly constructChecks: ConstructSynthCheck[] = [];
  private readonly stackChecks: StackCheck[] = [];
  private readonly contexts = new Map<string, RuleContext>();

  private constructor(private readonly stack: Stack) {
    stack.node.addValidation({ validate: () => this.run() });
  }

  /** Checks a construct's resources at every synthesis. */
  public addConstructCheck(options: FargateCheckOptions, resources: () => CfnResource[]): void {
    this.constructChecks.push({ options, resources });
  }

  /** Checks every resource of the stack at every synthesis. */
  public addStackCheck(options: FargateCheckOptions, report: (reports: Report[]) => void): void {
    this.stackChecks.push({ options, report });
  }

  /**
   * The rule context of the current synthesis for a set of options, shared by everyone who reads the stack in it (the
   * checks, the constructs' checks, the cost report), so each resource is resolved once. The stack's own validation
   * ends the synthesis's use of it; reports on the root, which validates first, find it made or make it.
   */
  public contextFor(options: FargateCheckOptions = {}): RuleContext {
    const key = JSON.stringify(options);
    let ctx = this.contexts.get(key);
    if (!ctx) this.contexts.set(key, ctx = new RuleContext(this.stack, options));
    return ctx;
  }

  private run(): string[] {
    try {
      return this.check();
    } finally {
      this.contexts.clear();
    }
  }

  private check(): string[] {
    const passes = new Map<string, CheckPass>();
    const passFor = (options: FargateCheckOptions): CheckPass => {
      const key = JSON.stringify(options);
      let pass = passes.get(key);
      if (!pass) passes.set(key, pass = new CheckPass(this.contextFor(options), options));
      return pass;
    };
    const errors: string[] = [];
    for (const c of this.constructChecks) {
      const result = unacknowledged(passFor(c.options).check(c.resources()));
      result.warnings.forEach(annotate);
      errors.push(...result.errors);
    }
    for (const c of this.stackChecks) {
      const pass = passFor(c.options);
      c.report(pass.check(pass.ctx.resources()));
    }
    return errors;
  }
}

/** One synth-time run over a stack with one set of options: each resource is evaluated once. */
class CheckPass {
  private readonly reports = new Map<CfnResource, Report[]>();

  constructor(public readonly ctx: RuleContext, private readonly options: FargateCheckOptions) {}

  public check(nodes: readonly CfnResource[]): Report[] {
    return nodes.flatMap(node => {
      let found = this.reports.get(node);
      if (!found) this.reports.set(node, found = checkResources(this.ctx, [node], this.options));
      return found;
    });
  }
}

const STACK_CHECKS = new WeakMap<Stack, StackChecks>();

/**
 * True for a stack inside a `Stage` nested in another stage (the CDK Pipelines layout). A plain `cdk synth`
 * selects only the top-level stacks and reports only their annotations and validation findings, so an error
 * in such a stack must also fail the synthesis in another way.
 * @internal
 */
export function isInNestedStage(stack: Stack): boolean {
  return Stage.of(stack)?.parentStage !== undefined;
}

/** `path: message`, the form a failed synthesis lists. @internal */
export function pathAndMessage(report: Report): string {
  return `${report.node.node.path}: ${report.message}`;
}

/** Writes a report as an annotation: an error, or a warning acknowledgeable by its rule ID. @internal */
export function annotate(report: Report): void {
  if (report.level === RuleLevel.ERROR) Annotations.of(report.node).addError(report.message);
  else Annotations.of(report.node).addWarningV2(report.rule.id, report.message);
}
