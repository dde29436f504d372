import { Aspects, IAspect, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { annotate, FargateCheckOptions, isAcknowledged, Report, StackChecks, validateOptions } from './engine';

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
 * aspects do not (aws-cdk issue 17805).
 *
 * @example
 * Aspects.of(app).add(new FargatePlatformChecks());
 */
export class FargatePlatformChecks implements IAspect {
  private readonly options: FargateCheckOptions;
  private readonly reachedStages = new WeakSet<Stage>();
  private readonly registeredStacks = new WeakSet<Stack>();
  private readonly reported = new WeakMap<Stack, Set<string>>();

  constructor(props: FargatePlatformChecksProps = {}) {
    validateOptions(props);
    this.options = props;
  }

  public visit(node: IConstruct): void {
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

  private annotate(stack: Stack, reports: Report[]): void {
    const reported = this.reported.get(stack) ?? new Set<string>();
    this.reported.set(stack, reported);
    for (const report of reports) {
      const key = `${report.node.node.path}\0${report.message}`;
      if (reported.has(key) || isAcknowledged(report.node, report.rule.id)) continue;
      reported.add(key);
      annotate(report);
    }
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
