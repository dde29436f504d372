import { CfnResource, Stack } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps, NagRuleCompliance } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { checkResources, FargateCheckOptions, isCheckedType, validateOptions } from './engine';
import { RuleContext } from '../rules/context';
import { RuleLevel } from '../rules/rule';

/**
 * Props for `FargatePlatformPack`.
 */
export interface FargatePlatformPackProps extends NagPackProps, FargateCheckOptions {}

/** The pack name, which prefixes every rule ID (`Fargate-PV1`). */
const PACK_NAME = 'Fargate';

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

  constructor(scope?: IConstruct, props: FargatePlatformPackProps = {}) {
    super(scope, props);
    validateOptions(props);
    this.packName = PACK_NAME;
    this.options = props;
  }

  public validateScope(scope: IConstruct) {
    this.contexts = new Map();
    return super.validateScope(scope);
  }

  protected checkResource(node: CfnResource): void {
    if (!isCheckedType(node.cfnResourceType)) return;
    const stack = Stack.of(node);
    let ctx = this.contexts.get(stack);
    if (!ctx) {
      ctx = new RuleContext(stack, this.options);
      this.contexts.set(stack, ctx);
    }
    for (const report of checkResources(ctx, [node], this.options)) {
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
