import { asArray, logicalIdOf, RuleContext } from './context';

/** @internal */
export const IAM_ROLE = 'AWS::IAM::Role';

/** True when an IAM action pattern covers `action` (`*` wildcards, case-insensitive). @internal */
export function actionCovers(pattern: unknown, action: string): boolean {
  if (typeof pattern !== 'string') return false;
  const re = new RegExp(`^${pattern.split('*').map(p => p.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}

/** True for an Allow statement whose actions cover `action`. @internal */
export function allows(statement: any, action: string): boolean {
  const actions = typeof statement?.Action === 'string' ? [statement.Action] : asArray(statement?.Action);
  return statement?.Effect === 'Allow' && actions.some(a => actionCovers(a, action));
}

/** The logical ID behind `Fn::GetAtt: [X, 'Arn']`, if that is what a value is. @internal */
export function getAttArnOf(value: unknown): string | undefined {
  return (value as any)?.['Fn::GetAtt']?.[1] === 'Arn' ? logicalIdOf(value) : undefined;
}

/**
 * The statements of a role's identity policies in the stack: its inline policies, and the `AWS::IAM::Policy` and
 * `AWS::IAM::ManagedPolicy` resources attached to it. `complete` is false when the role also has managed policies
 * the stack does not hold (AWS managed, imported, or tokens): they may grant anything.
 * @internal
 */
export function roleStatements(roleLogicalId: string, ctx: RuleContext): { statements: any[]; complete: boolean } {
  const role = ctx.byId([IAM_ROLE], roleLogicalId);
  const documents = asArray(role?.props.Policies).map(p => p?.PolicyDocument);
  const inStackManaged = new Set<string>();
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const p of ctx.ofType(type)) {
      if (asArray(p.props.Roles).some(r => r?.Ref === roleLogicalId)) documents.push(p.props.PolicyDocument);
      if (type === 'AWS::IAM::ManagedPolicy') inStackManaged.add(ctx.logicalId(p.node));
    }
  }
  const managed = asArray(role?.props.ManagedPolicyArns);
  for (const arn of managed) {
    const id = (arn as any)?.Ref;
    const policy = typeof id === 'string' && inStackManaged.has(id) ? ctx.byId(['AWS::IAM::ManagedPolicy'], id) : undefined;
    if (policy) documents.push(policy.props.PolicyDocument);
  }
  const complete = managed.every(arn => typeof (arn as any)?.Ref === 'string' && inStackManaged.has((arn as any).Ref));
  return { statements: documents.flatMap(d => asArray(d?.Statement)), complete };
}
