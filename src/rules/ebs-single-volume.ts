import { asArray } from './context';
import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, RuleLevel } from './rule';
import { MAX_EBS_VOLUMES_PER_TASK } from '../platform/fargate-support';

/** The names of the volumes configured at launch, from a task definition's resolved `Volumes`. @internal */
export function configuredAtLaunchVolumes(volumes: unknown): string[] {
  return asArray(volumes).filter(v => v?.ConfiguredAtLaunch === true).map(v => v.Name);
}

/** Fargate-EB1: at most one volume configured at launch (an EBS volume) per task definition. */
export const EbsSingleVolume = defineRule({
  id: 'Fargate-EB1',
  level: RuleLevel.ERROR,
  summary: `A Fargate task definition may have at most ${MAX_EBS_VOLUMES_PER_TASK} volume configured at launch`,
  explanation:
    `A volume with configuredAtLaunch is an EBS volume the service or RunTask attaches; Fargate attaches ${MAX_EBS_VOLUMES_PER_TASK} per task, ` +
    'and registering a task definition with more fails.',
  fix: 'Keep one configuredAtLaunch volume; share data between containers through that volume, or use EFS for more.',
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource) {
    if (!fargateTaskDefinition(resource)) return undefined;
    const atLaunch = configuredAtLaunchVolumes(resource.props.Volumes);
    if (atLaunch.length <= MAX_EBS_VOLUMES_PER_TASK) return [];
    return [{
      property: 'Volumes',
      value: atLaunch,
      problem: `${atLaunch.length} volumes are configured at launch`,
      allowed: `at most ${MAX_EBS_VOLUMES_PER_TASK}`,
    }];
  },
});
