export * from './fargate-environment';
