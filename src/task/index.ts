export { FargateTaskOptions, SidecarProps } from './fargate-task';
