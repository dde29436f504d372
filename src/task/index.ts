export { FargateTaskConstruct, FargateTaskOptions, SidecarProps } from './fargate-task';
