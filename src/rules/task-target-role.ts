import { ResolvedResource, RuleContext } from './context';
import { FargateLaunch, fargateLaunches, LAUNCH_RESOURCE_TYPES, TASK_DEFINITION } from './facts';
import { allows, getAttArnOf, IAM_ROLE, roleStatements } from './iam';
import { defineRule, Finding, RuleLevel } from './rule';

const RUN_TASK = 'ecs:RunTask';
const PASS_ROLE = 'iam:PassRole';

/**
 * Whether a statement's resources cover the resource a logical ID names: `*`, an expression that refers to it, a
 * literal ARN pattern of the right kind (which may name it; the check cannot tell), or an intrinsic that refers to
 * no other resource of the same type in the stack. Only a resource list that clearly names something else is `false`.
 */
function resourcesCover(statement: any, logicalId: string, type: string, arnKind: string, ctx: RuleContext): boolean {
  const resources = [statement?.Resource].flat();
  return resources.some(r => {
    if (r === '*') return true;
    if (typeof r === 'string') return r.includes(arnKind);
    const text = JSON.stringify(r);
    if (text.includes(`"${logicalId}"`)) return true;
    const others = ctx.ofType(type).map(o => ctx.logicalId(o.node)).filter(id => id !== logicalId);
    return !others.some(id => text.includes(`"${id}"`));
  });
}

/** What the role of one target lacks, or nothing when it has what it needs or the check cannot know. */
function missingGrants(launch: FargateLaunch, ctx: RuleContext): Finding[] {
  const roleId = getAttArnOf(launch.roleArn);
  if (launch.roleArn === undefined) {
    return [{
      property: launch.rolePath!,
      value: undefined,
      problem: `${launch.kind} runs a Fargate task but has no role to run it with`,
      allowed: `a role allowed ${RUN_TASK} on the task definition and ${PASS_ROLE} on its roles`,
    }];
  }
  if (!roleId || !ctx.byId([IAM_ROLE], roleId)) return []; // an imported role, or one in another stack
  const { statements, complete } = roleStatements(roleId, ctx);
  if (!complete) return []; // managed policies outside the stack may grant it
  const td = launch.taskDefinition?.resource;
  const tdId = td && ctx.logicalId(td.node);
  const missing: string[] = [];
  const runs = statements.filter(st => allows(st, RUN_TASK));
  if (!runs.some(st => !tdId || resourcesCover(st, tdId, TASK_DEFINITION, ':task-definition/', ctx))) {
    missing.push(`${RUN_TASK} on the task definition`);
  }
  const passes = statements.filter(st => allows(st, PASS_ROLE));
  for (const [name, arn] of [['execution role', td?.props.ExecutionRoleArn], ['task role', td?.props.TaskRoleArn]] as const) {
    const passedId = getAttArnOf(arn);
    if (!passedId || !ctx.byId([IAM_ROLE], passedId)) continue; // none, imported, or a token
    if (!passes.some(st => resourcesCover(st, passedId, IAM_ROLE, ':role/', ctx))) missing.push(`${PASS_ROLE} on the ${name}`);
  }
  if (missing.length === 0) return [];
  return [{
    property: launch.rolePath!,
    value: launch.roleArn,
    problem: `${launch.kind} assumes a role whose policies do not allow ${missing.join(', nor ')}: the target fires and no task ` +
      'starts (the failure shows only in a dead-letter queue or CloudTrail)',
    allowed: `a role allowed ${RUN_TASK} on the task definition and ${PASS_ROLE} on the task's execution and task roles`,
  }];
}

/** Fargate-JB1: the role a target assumes may run the task and pass its roles. */
export const TaskTargetRole = defineRule({
  id: 'Fargate-JB1',
  level: RuleLevel.ERROR,
  summary: 'The role of an EventBridge, Scheduler or Pipes task target must be allowed to run the task and pass its roles',
  explanation:
    `To start a task, EventBridge, EventBridge Scheduler and Pipes call RunTask as the target's role, which needs ${RUN_TASK} ` +
    `on the task definition and ${PASS_ROLE} on the task's execution role and task role. Without them RunTask is refused, ` +
    'silently: the schedule or event fires and nothing runs. The check reads the role\'s policies where the role and ' +
    'its policies are in the stack; wildcards count, and a role with managed policies from outside the stack, or an ' +
    'imported role, is skipped.',
  fix: `Grant the role ${RUN_TASK} on the task definition and ${PASS_ROLE} on both task roles (aws-cdk-lib's EcsTask and ` +
    'EcsRunFargateTask targets do).',
  resourceTypes: LAUNCH_RESOURCE_TYPES,
  evaluate(resource: ResolvedResource, ctx: RuleContext) {
    const launches = fargateLaunches(resource, ctx).filter(l => l.rolePath !== undefined);
    if (launches.length === 0) return undefined;
    return launches.flatMap(l => missingGrants(l, ctx));
  },
});
