export * from './fargate-kubernetes-environment';
export * from './fargate-kubernetes-deployment';
