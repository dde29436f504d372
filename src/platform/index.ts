export * from './platform-versions';
export * from './features';
export { TaskSizeRange } from './task-size-table';
export * from './task-size';
export { FargateEndpoint, EndpointInfo } from './endpoints';
export { FargatePodSize, FargatePodRequests, PodContainerResources } from './pod-size';
export { PriceDimension, PriceFigure, FargatePriceTable, FargatePriceTableProps } from './prices';
