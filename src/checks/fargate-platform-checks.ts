import { Aspects, IAspect, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { annotate, FargateCheckOptions, isAcknowledged, isInNestedStage, pathAndMessage, Report, StackChecks, validateOptions } from './engine';
import { RuleLevel } from '../rules/rule';

/**
 * Props for `FargatePlatformChecks`.
 */
export interface FargatePlatformChecksProps extends FargateCheckOptions {}

/**
 * Synth-time checks for every Fargate configuration AWS would refuse, and for the ones that break later
 * (retired or LATEST platform versions). Works on any CDK app: L1, L2, our constructs, or `CfnInclude`.
 *
 * Each finding becomes an annotation on the offending CloudFormation resource: an error (synth fails) or
 * a warning that can be acknowledged with `Validations.of(x).acknowledge({ id, reason })`. Errors can be
 * acknowledged the same way; the acknowledgement is then the audit trail.
 *
 * Added to an `App`, the checks also reach stacks inside nested `Stage`s (pipelines), which plain
 * aspects do not (aws-cdk issue 17805). Their findings are annotations there too, and an error in such a stack
 * also fails the synthesis of the app: a plain `cdk synth` reports annotations only for the top-level stacks.
 *
 * @example
 * Aspects.of(app).add(new FargatePlatformChecks());
 */
export class FargatePlatformChecks implements IAspect {
  private readonly options: FargateCheckOptions;
  private readonly reachedStages = new WeakSet<Stage>();
  private readonly registeredStacks = new WeakSet<Stack>();
  private readonly reported = new WeakMap<Stack, Set<string>>();
  private readonly nestedStageErrors = new Map<Stack, string[]>();
  private readonly validatedRoots = new WeakSet<IConstruct>();

  constructor(props: FargatePlatformChecksProps = {}) {
    validateOptions(props);
    this.options = props;
  }

  public visit(node: IConstruct): void {
    if (!node.node.scope) this.failRootOnNestedStageErrors(node);
    if (Stage.isStage(node)) this.reachNestedStages(node);
    if (Stack.isStack(node) && !this.registeredStacks.has(node)) {
      this.registeredStacks.add(node);
      // Judge the stack once every aspect has run: aws-cdk-lib itself completes resources in aspects
      // (the Fargate capacity provider association of an ecs.Cluster, for one). Validation runs after
      // all aspects and before the annotations are written, so findings still land as annotations.
      // The stack's checks share one rule context with the checks of the library's own constructs.
      StackChecks.of(node).addStackCheck(this.options, reports => this.annotate(node, reports));
    }
  }

  /** Annotates each unacknowledged finding once, and remembers the errors of a stack in a nested Stage. */
  private annotate(stack: Stack, reports: Report[]): void {
    const reported = this.reported.get(stack) ?? new Set<string>();
    this.reported.set(stack, reported);
    const errors: string[] = [];
    for (const report of reports) {
      if (isAcknowledged(report.node, report.rule.id)) continue;
      if (report.level === RuleLevel.ERROR) errors.push(pathAndMessage(report));
      const key = `${report.node.node.path}\0${report.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      annotate(report);
    }
    if (isInNestedStage(stack)) this.nestedStageErrors.set(stack, errors);
  }

  /**
   * The CDK CLI reports the annotations of the stacks it selects, and a plain `cdk synth` (what a CDK Pipelines
   * synth step runs) selects only the top-level ones. So the errors found in stacks of nested Stages also fail
   * the validation of the root, which runs after every nested Stage has been synthesized and checked.
   */
  private failRootOnNestedStageErrors(root: IConstruct): void {
    if (this.validatedRoots.has(root)) return;
    this.validatedRoots.add(root);
    root.node.addValidation({
      validate: () => [...this.nestedStageErrors.values()].flat().map(e =>
        `${e} (in a stack of a nested Stage: a plain \`cdk synth\` selects only top-level stacks, so this fails the synthesis)`),
    });
  }

  /**
   * A nested Stage is synthesized before its parent's aspects run, so an aspect on the App never sees it.
   * Attach these checks to each nested Stage and synthesize it again so its assembly carries the findings.
   */
  private reachNestedStages(stage: Stage): void {
    for (const nested of directNestedStages(stage)) {
      if (this.reachedStages.has(nested)) continue;
      this.reachedStages.add(nested);
      Aspects.of(nested).add(this);
      nested.synth({ force: true });
    }
  }
}

function directNestedStages(root: IConstruct): Stage[] {
  const found: Stage[] = [];
  for (const child of root.node.children) {
    if (Stage.isStage(child)) found.push(child);
    else found.push(...directNestedStages(child));
  }
  return found;
}
