import { asArray, logicalIdOf, RuleContext } from './context';
import { EFS_FILE_SYSTEM } from './efs-policy-allows-mount';
import { fargateLaunches, SERVICE } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { NFS_PORT } from '../platform/efs';

const SECURITY_GROUP = 'AWS::EC2::SecurityGroup';


/** True when an ingress rule covers TCP 2049. */
function coversNfs(rule: any): boolean {
  if (String(rule?.IpProtocol) === '-1') return true;
  return String(rule?.IpProtocol) === 'tcp' && Number(rule?.FromPort) <= NFS_PORT && NFS_PORT <= Number(rule?.ToPort);
}

/**
 * Whether the security groups of a file system's mount targets let any of `sources` in on 2049:
 * `true`, `false`, or `undefined` when tokens or imports hide it.
 */
function mountTargetsReachable(fileSystem: string, sources: string[], ctx: RuleContext): boolean | undefined {
  const mountTargets = ctx.ofType('AWS::EFS::MountTarget').filter(m => logicalIdOf(m.props.FileSystemId) === fileSystem);
  if (mountTargets.length === 0) return undefined;
  const groups = new Set<string>();
  for (const m of mountTargets) {
    for (const g of asArray(m.props.SecurityGroups)) {
      const id = logicalIdOf(g);
      if (!id) return undefined;
      groups.add(id);
    }
  }
  const rules: any[] = [];
  for (const group of groups) rules.push(...asArray(ctx.byId([SECURITY_GROUP], group)?.props.SecurityGroupIngress));
  for (const ingress of ctx.ofType('AWS::EC2::SecurityGroupIngress')) {
    const group = logicalIdOf(ingress.props.GroupId);
    if (group === undefined) return undefined;
    if (groups.has(group)) rules.push(ingress.props);
  }
  let unknown = false;
  for (const rule of rules.filter(coversNfs)) {
    if (rule.CidrIp !== undefined || rule.CidrIpv6 !== undefined) return true; // an address range: trust it
    const source = logicalIdOf(rule.SourceSecurityGroupId);
    if (source === undefined) unknown = true;
    else if (sources.includes(source)) return true;
  }
  return unknown ? undefined : false;
}

/** Fargate-EF3: the EFS mount targets accept NFS from the service's tasks. */
export const EfsMountReachable = defineRule({
  id: 'Fargate-EF3',
  level: RuleLevel.WARNING,
  summary: `EFS mount targets should accept NFS (TCP ${NFS_PORT}) from the tasks that mount them`,
  explanation:
    `Fargate tasks mount EFS through a mount target in their subnet on TCP ${NFS_PORT}. If the mount targets' security ` +
    'groups do not let the task\'s security group in, the task fails to start with a mount timeout.',
  fix: `Allow TCP ${NFS_PORT} from the service's security group (fileSystem.connections.allowDefaultPortFrom(service)), ` +
    'or mount with EfsVolume, which does.',
  resourceTypes: [SERVICE],
  evaluate(resource, ctx) {
    const launch = fargateLaunches(resource, ctx)[0];
    const td = launch?.taskDefinition;
    if (!launch || !td) return undefined;
    const sgs = asArray((launch.networkConfiguration as any)?.AwsvpcConfiguration?.SecurityGroups);
    const sources = sgs.map(logicalIdOf);
    if (sources.some(s => s === undefined)) return undefined;
    const findings: Finding[] = [];
    asArray(td.resource.props.Volumes).forEach(v => {
      const fsId = logicalIdOf(v?.EFSVolumeConfiguration?.FilesystemId);
      const fs = fsId ? ctx.deref(v.EFSVolumeConfiguration.FilesystemId) : undefined;
      if (!fs || fs.type !== EFS_FILE_SYSTEM) return;
      if (mountTargetsReachable(fsId!, sources as string[], ctx) === false) {
        findings.push({
          property: 'NetworkConfiguration.AwsvpcConfiguration.SecurityGroups',
          value: sources,
          problem: `the mount targets of ${fs.node.node.path} (volume '${v.Name}') do not accept TCP ${NFS_PORT} from the service's security groups`,
          allowed: `an ingress rule on the mount targets' security group for TCP ${NFS_PORT} from the service's security group`,
        });
      }
    });
    return findings;
  },
});
