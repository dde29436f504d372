import type { ResolvedResource, RuleContext } from './context';

/**
 * How loudly a rule reports.
 */
export enum RuleLevel {
  /** Synthesis fails (an error annotation, or an error in the nag report). */
  ERROR = 'error',
  /** A warning that can be acknowledged with `Validations.of(x).acknowledge(...)`. */
  WARNING = 'warning',
  /** The rule does not run. */
  OFF = 'off',
}

/**
 * What a rule checks and how to satisfy it. Read by the checks, the nag pack and RULES.md.
 */
export interface RuleInfo {
  /** Stable rule ID, e.g. `Fargate-TS1`. Use it to acknowledge, disable or re-level the rule. */
  readonly id: string;
  /** The level the rule reports at unless configured otherwise. */
  readonly level: RuleLevel;
  /** One line: what the rule checks. */
  readonly summary: string;
  /** Why it matters: what AWS does with such a configuration. */
  readonly explanation: string;
  /** How to fix a finding. */
  readonly fix: string;
}

/**
 * One thing wrong with one resource.
 * @internal
 */
export interface Finding {
  /** Where in the resource's CloudFormation properties, e.g. `ContainerDefinitions[0].StopTimeout`. */
  readonly property: string;
  /** The value found there (rendered into the message). */
  readonly value: unknown;
  /** What is wrong, in a sentence fragment. */
  readonly problem: string;
  /** What would be accepted. */
  readonly allowed: string;
  /** A fix more specific than the rule's own. */
  readonly fix?: string;
}

/**
 * `undefined`: the rule does not apply to this resource (or cannot know: tokens).
 * `[]`: compliant. Otherwise: the findings.
 * @internal
 */
export type RuleResult = Finding[] | undefined;

/** @internal */
export interface FargateRule extends RuleInfo {
  /** CloudFormation resource types the rule reads. */
  readonly resourceTypes: readonly string[];
  evaluate(resource: ResolvedResource, context: RuleContext): RuleResult;
}

/** @internal */
export function defineRule(rule: FargateRule): FargateRule {
  return rule;
}

function renderValue(value: unknown): string {
  if (value === undefined) return 'nothing (omitted)';
  if (typeof value === 'string') return `'${value}'`;
  return JSON.stringify(value);
}

/**
 * The one message format every check, pack and construct uses.
 * @internal
 */
export function formatFinding(rule: RuleInfo, finding: Finding): string {
  return `[${rule.id}] ${rule.summary}: ${finding.problem}. ` +
    `Property \`${finding.property}\`, got ${renderValue(finding.value)}. ` +
    `Allowed: ${finding.allowed}. Fix: ${finding.fix ?? rule.fix}`;
}
