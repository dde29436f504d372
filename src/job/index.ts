export * from './fargate-job';
