/**
 * EFS facts for Fargate tasks (Linux 1.4.0). Source: *EFSVolumeConfiguration*, *Using IAM to control file
 * system data access* (Amazon EFS user guide).
 */

/** NFS, which EFS mount targets listen on: the file system's security group must admit it from the tasks. @internal */
export const NFS_PORT = 2049;

/** The EFS client actions IAM authorization checks at mount time. @internal */
export const EFS_CLIENT_ACTIONS = {
  MOUNT: 'elasticfilesystem:ClientMount',
  WRITE: 'elasticfilesystem:ClientWrite',
  ROOT_ACCESS: 'elasticfilesystem:ClientRootAccess',
} as const;
