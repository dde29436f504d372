import { EKS_NODEGROUP, FARGATE_PROFILE_TYPES, profileFacts } from './facts';
import {
  EKS_FARGATE_POD_POLICY, EKS_FARGATE_POD_POLICY_ACTIONS, EKS_FARGATE_POD_PRINCIPAL, EKS_FARGATE_POD_ROLE_PATH,
} from '../../platform/eks';
import { asArray, flattenText, isUnresolved, ResolvedResource, RuleContext } from '../context';
import { allows, getAttArnOf, IAM_ROLE, roleStatements } from '../iam';
import { defineRule, Finding, RuleLevel } from '../rule';

/** The pod execution role of a profile, when it is a role of this stack. */
function podExecutionRole(resource: ResolvedResource, ctx: RuleContext): { role: ResolvedResource; id: string; path: string } | undefined {
  const profile = profileFacts(resource, ctx);
  const id = getAttArnOf(profile.podExecutionRoleArn);
  const role = id === undefined ? undefined : ctx.byId([IAM_ROLE], id);
  return role && id ? { role, id, path: profile.podExecutionRolePath } : undefined;
}

/** The trust statements that let EKS Fargate assume the role; `undefined` when tokens hide the trust policy. */
function fargateTrust(role: ResolvedResource): any[] | undefined {
  const statements = role.props.AssumeRolePolicyDocument?.Statement;
  if (!Array.isArray(statements)) return undefined;
  let unknown = false;
  const trusting = statements.filter(s => {
    const services = s?.Principal?.Service;
    const list = typeof services === 'string' ? [services] : asArray(services);
    if (list.some(isUnresolved)) unknown = true;
    return allows(s, 'sts:AssumeRole') && list.includes(EKS_FARGATE_POD_PRINCIPAL);
  });
  return trusting.length === 0 && unknown ? undefined : trusting;
}

/** Fargate-EK5: the pod execution role is one EKS Fargate can use. */
export const PodExecutionRoleValid = defineRule({
  id: 'Fargate-EK5',
  level: RuleLevel.ERROR,
  summary: 'An EKS Fargate pod execution role trusts EKS Fargate, can pull images and has the path /',
  explanation: `The role must trust ${EKS_FARGATE_POD_PRINCIPAL}, carry the AWS managed policy ${EKS_FARGATE_POD_POLICY} (or grant its ECR pulls), ` +
    `have the IAM path ${EKS_FARGATE_POD_ROLE_PATH}, and not be a node group's role. Otherwise the profile is refused or its pods never pull their images.`,
  fix: `Create a role for the profile alone, trusted by ${EKS_FARGATE_POD_PRINCIPAL}, with the managed policy ${EKS_FARGATE_POD_POLICY} and no path.`,
  resourceTypes: FARGATE_PROFILE_TYPES,
  evaluate(resource, ctx) {
    const found = podExecutionRole(resource, ctx);
    if (!found) return undefined;
    const { role, id, path } = found;
    const out: Finding[] = [];
    const trust = fargateTrust(role);
    if (trust !== undefined && trust.length === 0) {
      out.push({
        property: path,
        value: role.props.AssumeRolePolicyDocument,
        problem: `role ${id} does not trust ${EKS_FARGATE_POD_PRINCIPAL}`,
        allowed: `an Allow statement for sts:AssumeRole with the service principal ${EKS_FARGATE_POD_PRINCIPAL}`,
      });
    }
    const rolePath = role.props.Path;
    if (typeof rolePath === 'string' && !isUnresolved(rolePath) && rolePath !== EKS_FARGATE_POD_ROLE_PATH) {
      out.push({
        property: path,
        value: rolePath,
        problem: `role ${id} has the IAM path '${rolePath}'`,
        allowed: `the path ${EKS_FARGATE_POD_ROLE_PATH} (omit Path)`,
      });
    }
    const managed = asArray(role.props.ManagedPolicyArns).some(arn => flattenText(arn)?.endsWith(`:iam::aws:policy/${EKS_FARGATE_POD_POLICY}`));
    if (!managed) {
      const { statements, complete } = roleStatements(id, ctx);
      const pulls = EKS_FARGATE_POD_POLICY_ACTIONS.every(action => statements.some(s => allows(s, action)));
      if (!pulls && complete) {
        out.push({
          property: path,
          value: role.props.ManagedPolicyArns,
          problem: `role ${id} has neither ${EKS_FARGATE_POD_POLICY} nor the ECR pulls it grants`,
          allowed: `the managed policy ${EKS_FARGATE_POD_POLICY}, or ${EKS_FARGATE_POD_POLICY_ACTIONS.join(', ')}`,
        });
      }
    }
    const nodegroup = ctx.ofType(EKS_NODEGROUP).find(n => getAttArnOf(n.props.NodeRole) === id);
    if (nodegroup) {
      out.push({
        property: path,
        value: id,
        problem: `role ${id} is also the node role of node group ${ctx.logicalId(nodegroup.node)}`,
        allowed: 'a role of its own for the pods on Fargate',
      });
    }
    return out;
  },
});

/** Fargate-EK6: the pod execution role's trust is conditioned on the cluster's profiles. */
export const PodExecutionRoleSourceArn = defineRule({
  id: 'Fargate-EK6',
  level: RuleLevel.WARNING,
  summary: 'An EKS Fargate pod execution role trusts EKS Fargate only for its own cluster\'s profiles (aws:SourceArn)',
  explanation: `Without an aws:SourceArn condition, ${EKS_FARGATE_POD_PRINCIPAL} may assume the role on behalf of any cluster's profile, in any ` +
    'account that names it: the confused-deputy problem. aws-cdk-lib\'s default pod execution role has no condition.',
  fix: 'Add `ArnLike: { "aws:SourceArn": "arn:PARTITION:eks:REGION:ACCOUNT:fargateprofile/CLUSTER/*" }` to the trust statement ' +
    '(FargateKubernetesEnvironment does).',
  resourceTypes: FARGATE_PROFILE_TYPES,
  evaluate(resource, ctx) {
    const found = podExecutionRole(resource, ctx);
    const trust = found ? fargateTrust(found.role) : undefined;
    if (!found || !trust || trust.length === 0) return undefined;
    const conditioned = (s: any): boolean => Object.values(s?.Condition ?? {})
      .some(c => c && typeof c === 'object' && Object.keys(c).some(k => k.toLowerCase() === 'aws:sourcearn'));
    return trust.filter(s => !conditioned(s)).map(s => ({
      property: found.path,
      value: s.Condition,
      problem: `role ${found.id} trusts ${EKS_FARGATE_POD_PRINCIPAL} without an aws:SourceArn condition`,
      allowed: 'a trust statement with an aws:SourceArn condition naming the cluster\'s Fargate profiles',
    }));
  },
});
