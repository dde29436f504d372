export * from './efs-volume';
export { EbsVolumeOptions } from './ebs-volume';
