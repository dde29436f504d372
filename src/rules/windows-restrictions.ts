import { asArray, isSet } from './context';
import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { WINDOWS_CPU_ARCHITECTURE, WINDOWS_UNSUPPORTED_CONTAINER_PROPERTIES, WINDOWS_UNSUPPORTED_TASK_PROPERTIES } from '../platform/fargate-support';
import { FargateOperatingSystem } from '../platform/platform-versions';
import { cpuSizesFor } from '../platform/task-size-table';

/** Fargate-WN1: Windows tasks use none of the Linux-only features. */
export const WindowsRestrictions = defineRule({
  id: 'Fargate-WN1',
  level: RuleLevel.ERROR,
  summary: 'Windows tasks must not use Linux-only features',
  explanation:
    'Windows on Fargate runs x86_64 only, has no EFS volumes, and refuses linuxParameters, privileged, user, ulimits, ' +
    'readonlyRootFilesystem, pidMode, systemControls and environmentFiles. Its task sizes ' +
    `(cpu ${cpuSizesFor(FargateOperatingSystem.WINDOWS).join(', ')} only) are judged by Fargate-TS1, and Fargate Spot by Fargate-SP1.`,
  fix: 'Remove the Linux-only setting, or run the workload on Linux.',
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource) {
    const td = fargateTaskDefinition(resource);
    if (!td || td.os !== FargateOperatingSystem.WINDOWS) return undefined;
    const p = resource.props;
    const findings: Finding[] = [];
    const linuxOnly = (property: string, value: unknown, what: string) =>
      findings.push({ property, value, problem: `${what} is not available on Windows`, allowed: `${property.split('.').pop()} omitted` });
    if (td.cpuArchitecture !== undefined && td.cpuArchitecture !== WINDOWS_CPU_ARCHITECTURE) {
      findings.push({
        property: 'RuntimePlatform.CpuArchitecture',
        value: td.cpuArchitecture,
        problem: `Windows tasks run on ${WINDOWS_CPU_ARCHITECTURE} only`,
        allowed: `'${WINDOWS_CPU_ARCHITECTURE}'`,
      });
    }
    for (const prop of WINDOWS_UNSUPPORTED_TASK_PROPERTIES) if (isSet(p[prop])) linuxOnly(prop, p[prop], prop);
    asArray(p.Volumes).forEach((v, i) => {
      if (isSet(v?.EFSVolumeConfiguration)) linuxOnly(`Volumes[${i}].EFSVolumeConfiguration`, v.Name, `EFS volume '${v.Name}'`);
    });
    for (const { path, def } of td.containers) {
      for (const prop of WINDOWS_UNSUPPORTED_CONTAINER_PROPERTIES) {
        if (isSet(def[prop])) linuxOnly(`${path}.${prop}`, def[prop], `${prop} on container '${def.Name}'`);
      }
    }
    return findings;
  },
});
