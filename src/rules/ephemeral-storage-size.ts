import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { EPHEMERAL_STORAGE_DEFAULT_GIB, EPHEMERAL_STORAGE_MAX_GIB, EPHEMERAL_STORAGE_MIN_GIB } from '../platform/fargate-support';

/**
 * The ephemeral-storage check on a plain number, shared with the constructs.
 * @internal
 */
export function ephemeralStorageFinding(sizeInGiB: unknown): Finding | undefined {
  if (typeof sizeInGiB !== 'number') return undefined;
  if (Number.isInteger(sizeInGiB) && sizeInGiB >= EPHEMERAL_STORAGE_MIN_GIB && sizeInGiB <= EPHEMERAL_STORAGE_MAX_GIB) return undefined;
  return {
    property: 'EphemeralStorage.SizeInGiB',
    value: sizeInGiB,
    problem: `ephemeral storage of ${sizeInGiB} GiB is outside what Fargate offers`,
    allowed: `a whole number from ${EPHEMERAL_STORAGE_MIN_GIB} to ${EPHEMERAL_STORAGE_MAX_GIB} GiB (omit it for the default ${EPHEMERAL_STORAGE_DEFAULT_GIB} GiB)`,
    fix: sizeInGiB > EPHEMERAL_STORAGE_MAX_GIB
      ? `Use an EFS volume (shared, persistent) or a per-task EBS volume for more than ${EPHEMERAL_STORAGE_MAX_GIB} GiB.`
      : `Omit ephemeralStorageGiB for the default ${EPHEMERAL_STORAGE_DEFAULT_GIB} GiB, or choose ${EPHEMERAL_STORAGE_MIN_GIB} to ${EPHEMERAL_STORAGE_MAX_GIB}.`,
  };
}

/** Fargate-ES1: ephemeral storage is 21–200 GiB. */
export const EphemeralStorageSize = defineRule({
  id: 'Fargate-ES1',
  level: RuleLevel.ERROR,
  summary: `Ephemeral storage must be ${EPHEMERAL_STORAGE_MIN_GIB} to ${EPHEMERAL_STORAGE_MAX_GIB} GiB`,
  explanation: `Fargate tasks get ${EPHEMERAL_STORAGE_DEFAULT_GIB} GiB by default; EphemeralStorage.SizeInGiB accepts ` +
    `${EPHEMERAL_STORAGE_MIN_GIB} to ${EPHEMERAL_STORAGE_MAX_GIB} (platform version 1.4.0).`,
  fix: `Choose ${EPHEMERAL_STORAGE_MIN_GIB} to ${EPHEMERAL_STORAGE_MAX_GIB} GiB, or omit the setting for ${EPHEMERAL_STORAGE_DEFAULT_GIB} GiB. ` +
    'For more, mount EFS or a per-task EBS volume.',
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource) {
    if (!fargateTaskDefinition(resource)) return undefined;
    const finding = ephemeralStorageFinding(resource.props.EphemeralStorage?.SizeInGiB);
    return finding ? [finding] : [];
  },
});
