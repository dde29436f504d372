export * from './platform';
export { RuleLevel, RuleInfo, FargateRuleCatalog } from './rules';
export * from './checks/engine';
export * from './checks/fargate-platform-checks';
export * from './checks/fargate-platform-pack';
export * from './environment';
export * from './workload';
export * from './private-link';
export * from './storage';
