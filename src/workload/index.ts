export * from './capacity-strategy';
export * from './ephemeral-storage';
export * from './fargate-workload';
export * from './runtime';
export * from './workload-load-balancer';
export * from './workload-logging';
export * from './workload-scaling';
