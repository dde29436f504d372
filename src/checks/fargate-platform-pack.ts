import * as path from 'path';
import { CfnResource, PolicyValidationPluginReport, PolicyViolation, Stack, Stage } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps, NagRuleCompliance } from 'cdk-nag';
import { IConstruct } from 'constructs';
import {
  checkResources, FargateCheckOptions, isAcknowledged, isCheckedType, isInNestedStage, pathAndMessage, Report, validateOptions,
} from './engine';
import { RuleContext } from '../rules/context';
import { RuleLevel } from '../rules/rule';

/**
 * Props for `FargatePlatformPack`.
 */
export interface FargatePlatformPackProps extends NagPackProps, FargateCheckOptions {}

/** The pack name, which prefixes every rule ID (`Fargate-PV1`). */
const PACK_NAME = 'Fargate';

/**
 * An error in a stack of a nested Stage, reported so that a plain `cdk synth` fails on it.
 *
 * The CDK CLI reports only the violations of the stacks it selects, and a plain `cdk synth` selects the
 * top-level ones; it drops a violation that names a construct path outside them. So this one names the
 * stack's template instead (no construct path, no logical ID to infer one from), and its description carries
 * the construct path. The CLI then prints it and fails, whichever stacks are selected.
 */
function nestedStageViolation(stack: Stack, report: Report): PolicyViolation {
  return {
    ruleName: report.rule.id,
    severity: 'error',
    description: `${pathAndMessage(report)} (in a stack of a nested Stage)`,
    fix: report.finding.fix ?? report.rule.fix,
    violatingResources: [{
      templatePath: path.join(Stage.of(stack)!.outdir, stack.templateFile),
      locations: [`Properties.${report.finding.property}`],
    }],
  };
}

/**
 * The Fargate platform rules as a cdk-nag v3 pack, for teams that run their checks as validation plugins.
 * It runs the very rule functions `FargatePlatformChecks` runs, so IDs and messages are the same.
 *
 * @example
 * Validations.of(app).addPlugins(new FargatePlatformPack(app));
 */
export class FargatePlatformPack extends NagPack {
  public readonly name = PACK_NAME;
  private readonly options: FargateCheckOptions;
  private contexts = new Map<Stack, RuleContext>();
  private nestedStageErrors: PolicyViolation[] = [];

  constructor(scope?: IConstruct, props: FargatePlatformPackProps = {}) {
    super(scope, props);
    validateOptions(props);
    this.packName = PACK_NAME;
    this.options = props;
  }

  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    this.contexts = new Map();
    this.nestedStageErrors = [];
    const report = super.validateScope(scope);
    if (this.nestedStageErrors.length === 0) return report;
    return { success: false, violations: [...report.violations, ...this.nestedStageErrors] };
  }

  protected checkResource(node: CfnResource): void {
    if (!isCheckedType(node.cfnResourceType)) return;
    const stack = Stack.of(node);
    let ctx = this.contexts.get(stack);
    if (!ctx) {
      ctx = new RuleContext(stack, this.options);
      this.contexts.set(stack, ctx);
    }
    const nested = isInNestedStage(stack);
    for (const report of checkResources(ctx, [node], this.options)) {
      if (nested && report.level === RuleLevel.ERROR) {
        if (!isAcknowledged(node, report.rule.id)) this.nestedStageErrors.push(nestedStageViolation(stack, report));
        continue;
      }
      this.applyRule({
        ruleSuffixOverride: report.rule.id.slice(PACK_NAME.length + 1),
        info: report.message,
        explanation: report.rule.explanation,
        level: report.level === RuleLevel.ERROR ? NagMessageLevel.ERROR : NagMessageLevel.WARN,
        node,
        rule: () => NagRuleCompliance.NON_COMPLIANT,
      });
    }
  }
}
