import { CoreDnsOnFargate } from './coredns-on-fargate';
import { FargateLoggingConfig } from './fargate-logging-config';
import { PodExecutionRoleSourceArn, PodExecutionRoleValid } from './pod-execution-role';
import { PodsFargateCompatible } from './pods-fargate-compatible';
import { ProfileLabelsValid } from './profile-labels-valid';
import { ProfileQuotas } from './profile-quotas';
import { ProfileSubnetsPrivate } from './profile-subnets-private';
import { ProfilesChained } from './profiles-chained';
import { FargateRule } from '../rule';

/** The rules for Fargate under EKS, in the order RULES.md lists them. @internal */
export const EKS_RULES: readonly FargateRule[] = [
  ProfileSubnetsPrivate,
  ProfilesChained,
  ProfileQuotas,
  ProfileLabelsValid,
  PodExecutionRoleValid,
  PodExecutionRoleSourceArn,
  PodsFargateCompatible,
  CoreDnsOnFargate,
  FargateLoggingConfig,
];
