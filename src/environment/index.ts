export { EnvironmentEgress, EnvironmentPurpose, EnvironmentVpcProps } from './shared';
export * from './fargate-environment';
