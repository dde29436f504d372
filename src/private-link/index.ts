export * from './private-link-endpoints';
