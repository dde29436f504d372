export { FargateCostReport, FargateCostReportProps } from './fargate-cost-report';
