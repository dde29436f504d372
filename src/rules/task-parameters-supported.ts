import { asArray, isSet, isUnresolved } from './context';
import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { FARGATE_PID_MODE, UNSUPPORTED_TASK_PROPERTIES } from '../platform/fargate-support';

/** Fargate-TD1: no task-level parameter Fargate refuses. */
export const TaskParametersSupported = defineRule({
  id: 'Fargate-TD1',
  level: RuleLevel.ERROR,
  summary: 'Task definitions must not use task parameters Fargate does not run',
  explanation:
    'Fargate refuses ipcMode, placementConstraints, inference accelerators, Docker volumes and host paths for bind ' +
    'mounts, and accepts only pidMode task.',
  fix: 'Remove the parameter; use bind mounts without a host path, EFS or EBS volumes instead of Docker volumes.',
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource) {
    if (!fargateTaskDefinition(resource)) return undefined;
    const p = resource.props;
    const findings: Finding[] = [];
    for (const u of UNSUPPORTED_TASK_PROPERTIES) {
      if (!isSet(p[u.property])) continue;
      findings.push({
        property: u.property,
        value: p[u.property],
        problem: `${u.property} is set, which Fargate does not support`,
        allowed: `${u.property} omitted`,
        fix: `Remove ${u.property}: ${u.hint}.`,
      });
    }
    if (p.PidMode !== undefined && !isUnresolved(p.PidMode) && p.PidMode !== FARGATE_PID_MODE) {
      findings.push({
        property: 'PidMode',
        value: p.PidMode,
        problem: `pidMode '${p.PidMode}' shares the host's process namespace, which Fargate does not have`,
        allowed: `'${FARGATE_PID_MODE}' or omitted`,
      });
    }
    asArray(p.Volumes).forEach((v, i) => {
      if (isSet(v?.DockerVolumeConfiguration)) {
        findings.push({
          property: `Volumes[${i}].DockerVolumeConfiguration`,
          value: v.DockerVolumeConfiguration,
          problem: `volume '${v.Name}' is a Docker volume`,
          allowed: 'bind mounts, EFS or EBS volumes',
          fix: 'Use a bind mount (ephemeral), an EFS volume (shared) or an EBS volume (per task).',
        });
      }
      if (isSet(v?.Host?.SourcePath)) {
        findings.push({
          property: `Volumes[${i}].Host.SourcePath`,
          value: v.Host.SourcePath,
          problem: `volume '${v.Name}' mounts a host path, and Fargate tasks have no host`,
          allowed: 'a bind mount without a source path (task ephemeral storage)',
          fix: 'Remove the host source path; the volume then lives on the task\'s ephemeral storage.',
        });
      }
    });
    return findings;
  },
});
