import { asArray, isUnresolved } from './context';
import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';

/** Fargate-EF1: EFS volumes with an access point or IAM use TLS, and access points own the root. */
export const EfsVolumeEncryption = defineRule({
  id: 'Fargate-EF1',
  level: RuleLevel.ERROR,
  summary: 'EFS volumes with an access point or IAM authorization must enable transit encryption',
  explanation:
    'ECS refuses an EFS volume that names an access point or enables IAM authorization without transitEncryption ' +
    'ENABLED, and one that combines an access point with a rootDirectory other than "/": the access point sets the root.',
  fix: "Set transitEncryption: 'ENABLED'; put the directory in the access point's path and leave rootDirectory unset.",
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource) {
    if (!fargateTaskDefinition(resource)) return undefined;
    const findings: Finding[] = [];
    asArray(resource.props.Volumes).forEach((v, i) => {
      const efs = v?.EFSVolumeConfiguration;
      if (!efs) return;
      const at = `Volumes[${i}].EFSVolumeConfiguration`;
      const accessPoint = efs.AuthorizationConfig?.AccessPointId;
      const iam = efs.AuthorizationConfig?.IAM === 'ENABLED';
      const tls = efs.TransitEncryption;
      if ((accessPoint !== undefined || iam) && !isUnresolved(tls) && tls !== 'ENABLED') {
        findings.push({
          property: `${at}.TransitEncryption`,
          value: tls,
          problem: `volume '${v.Name}' uses ${accessPoint !== undefined ? 'an access point' : 'IAM authorization'} without TLS`,
          allowed: "'ENABLED'",
        });
      }
      const root = efs.RootDirectory;
      if (accessPoint !== undefined && root !== undefined && !isUnresolved(root) && root !== '/') {
        findings.push({
          property: `${at}.RootDirectory`,
          value: root,
          problem: `volume '${v.Name}' sets rootDirectory along with an access point`,
          allowed: "'/' or omitted (the access point's path is the root)",
        });
      }
    });
    return findings;
  },
});
