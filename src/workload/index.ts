export * from './capacity-strategy';
export * from './ephemeral-storage';
export * from './fargate-workload';
export * from './runtime';
export {
  HttpEndpoint, HttpLoadBalancerOptions, LoadBalancerOptionsBase, NetworkEndpoint, NetworkLoadBalancerOptions, NetworkProtocol, WorkloadLoadBalancer,
} from './workload-load-balancer';
export { AwsLogsLoggingOptions, FireLensLoggingOptions, WorkloadLogging } from './workload-logging';
export * from './workload-scaling';
