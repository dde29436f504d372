import { asArray, ResolvedResource, RuleContext } from './context';
import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { allows, getAttArnOf, roleStatements } from './iam';
import { defineRule, Finding, RuleLevel } from './rule';
import { EFS_CLIENT_ACTIONS } from '../platform/efs';

/** @internal */
export const EFS_FILE_SYSTEM = 'AWS::EFS::FileSystem';
const CLIENT_MOUNT = EFS_CLIENT_ACTIONS.MOUNT;

/** True for an Allow statement whose actions cover ClientMount. */
function allowsMount(statement: any): boolean {
  return allows(statement, CLIENT_MOUNT);
}

/**
 * True when the role's own policies in the stack (inline, `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`)
 * allow ClientMount: in one account, an identity-policy grant is enough.
 */
function roleAllowsMount(roleLogicalId: string, ctx: RuleContext): boolean {
  return roleStatements(roleLogicalId, ctx).statements.some(allowsMount);
}

/**
 * Whether a file-system policy lets the role mount: `true`, `false`, or `undefined` when a principal is an
 * intrinsic the check cannot read (then it says nothing).
 */
function policyAllowsMount(policy: any, roleLogicalId: string): boolean | undefined {
  let unknown = false;
  for (const st of asArray(policy?.Statement)) {
    if (!allowsMount(st)) continue;
    const principal = st.Principal;
    if (principal === '*' || principal?.AWS === '*') return true;
    for (const p of [principal?.AWS].flat()) {
      if (getAttArnOf(p) === roleLogicalId) return true;
      if (typeof p === 'string' && p.endsWith(':root')) return true; // the account: identity policies decide
      if (typeof p !== 'string') unknown = true;
    }
  }
  return unknown ? undefined : false;
}

function fileSystemOf(fileSystemId: unknown, ctx: RuleContext): ResolvedResource | undefined {
  const target = ctx.deref(fileSystemId);
  return target?.type === EFS_FILE_SYSTEM ? target : undefined;
}

/** Fargate-EF2: a file-system policy grants ClientMount to the task role of a task that mounts with IAM. */
export const EfsPolicyAllowsMount = defineRule({
  id: 'Fargate-EF2',
  level: RuleLevel.ERROR,
  summary: 'An EFS file-system policy must grant ClientMount to the task role that mounts it with IAM authorization',
  explanation:
    'With IAM authorization the mount is made as the task role. A file-system policy that does not allow it ' +
    'elasticfilesystem:ClientMount makes the mount fail at task start with "access denied by server". aws-cdk-lib\'s ' +
    'policy behind the denyAnonymousAccess flag grants only ClientWrite and ClientRootAccess (aws-cdk issues 33669, 36224).',
  fix: 'Grant the task role ClientMount (fileSystem.grant(taskRole, "elasticfilesystem:ClientMount")), plus ClientWrite ' +
    'to write; or mount with EfsVolume, which writes the policy.',
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource, ctx) {
    if (!fargateTaskDefinition(resource)) return undefined;
    const role = getAttArnOf(resource.props.TaskRoleArn);
    const findings: Finding[] = [];
    asArray(resource.props.Volumes).forEach((v, i) => {
      const efs = v?.EFSVolumeConfiguration;
      if (efs?.AuthorizationConfig?.IAM !== 'ENABLED') return;
      const fs = fileSystemOf(efs.FilesystemId, ctx);
      const policy = fs?.props.FileSystemPolicy;
      if (!fs || policy === undefined) return; // imported, or no policy: EFS then allows any IAM-authorized client
      if (!role) {
        if (resource.props.TaskRoleArn === undefined) {
          findings.push({
            property: 'TaskRoleArn',
            value: undefined,
            problem: `volume '${v.Name}' mounts with IAM authorization, but the task has no task role to mount as`,
            allowed: 'a task role that the file-system policy grants ClientMount',
          });
        }
        return;
      }
      if (policyAllowsMount(policy, role) === false && !roleAllowsMount(role, ctx)) {
        findings.push({
          property: `Volumes[${i}].EFSVolumeConfiguration.AuthorizationConfig.IAM`,
          value: 'ENABLED',
          problem: `volume '${v.Name}' mounts ${fs.node.node.path} as the task role, and neither the file-system policy nor ` +
            `the role's policies allow ${CLIENT_MOUNT}`,
          allowed: `${CLIENT_MOUNT} for the task role, in the file-system policy or the role's policy`,
        });
      }
    });
    return findings;
  },
});
