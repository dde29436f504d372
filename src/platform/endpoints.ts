/**
 * A VPC endpoint a Fargate task on platform version 1.4.0 may need when its subnets have no route to the
 * internet. The value is the service-name suffix after `com.amazonaws.REGION.`.
 */
export enum FargateEndpoint {
  /** ECR API: registry authentication and image manifests. */
  ECR_API = 'ecr.api',
  /** ECR Docker registry: the image pull itself. */
  ECR_DKR = 'ecr.dkr',
  /** The S3 gateway endpoint: ECR serves image layers from S3. */
  S3 = 's3',
  /** CloudWatch Logs: the awslogs driver, and FireLens to CloudWatch. */
  LOGS = 'logs',
  /** Secrets Manager: `secrets` and private registry credentials from Secrets Manager. */
  SECRETS_MANAGER = 'secretsmanager',
  /** Systems Manager: `secrets` from Parameter Store. */
  SSM = 'ssm',
  /** Session Manager messages: ECS Exec. */
  SSM_MESSAGES = 'ssmmessages',
  /** X-Ray: an X-Ray daemon sidecar. */
  XRAY = 'xray',
  /** KMS: only when the application itself calls KMS. */
  KMS = 'kms',
  /** Kinesis Data Firehose: FireLens output to Firehose. */
  FIREHOSE = 'kinesis-firehose',
}

/**
 * What one endpoint is for, and what breaks without it.
 */
export interface EndpointInfo {
  /** The endpoint. */
  readonly endpoint: FargateEndpoint;
  /** A gateway endpoint (free, on route tables) rather than an interface endpoint (billed per AZ-hour). */
  readonly gateway: boolean;
  /** What in a task makes it necessary. */
  readonly neededFor: string;
  /** What users see at deploy or run time when it is missing. */
  readonly symptom: string;
  /** Whether tasks fail to start without it (image and secrets), rather than losing a side function. */
  readonly blocksTaskStart: boolean;
}

/**
 * Source: FARGATE-FACTS.md, "Networking and private-link endpoints (1.4.0)".
 * @internal
 */
export const ENDPOINTS: Readonly<Record<FargateEndpoint, EndpointInfo>> = {
  [FargateEndpoint.ECR_API]: {
    endpoint: FargateEndpoint.ECR_API,
    gateway: false,
    blocksTaskStart: true,
    neededFor: 'an image in Amazon ECR (an asset or a repository)',
    symptom: 'ResourceInitializationError: unable to pull secrets or registry auth',
  },
  [FargateEndpoint.ECR_DKR]: {
    endpoint: FargateEndpoint.ECR_DKR,
    gateway: false,
    blocksTaskStart: true,
    neededFor: 'an image in Amazon ECR (an asset or a repository)',
    symptom: 'CannotPullContainerError: ... dial tcp ... i/o timeout',
  },
  [FargateEndpoint.S3]: {
    endpoint: FargateEndpoint.S3,
    gateway: true,
    blocksTaskStart: true,
    neededFor: 'an image in Amazon ECR: its layers are served from S3',
    symptom: 'CannotPullContainerError while downloading layers',
  },
  [FargateEndpoint.LOGS]: {
    endpoint: FargateEndpoint.LOGS,
    gateway: false,
    blocksTaskStart: true,
    neededFor: 'the awslogs driver, or FireLens to CloudWatch Logs',
    symptom: 'ResourceInitializationError: failed to validate logger args ... dial tcp ... i/o timeout',
  },
  [FargateEndpoint.SECRETS_MANAGER]: {
    endpoint: FargateEndpoint.SECRETS_MANAGER,
    gateway: false,
    blocksTaskStart: true,
    neededFor: 'secrets or registry credentials from Secrets Manager',
    symptom: 'ResourceInitializationError: unable to pull secrets or registry auth',
  },
  [FargateEndpoint.SSM]: {
    endpoint: FargateEndpoint.SSM,
    gateway: false,
    blocksTaskStart: true,
    neededFor: 'secrets from SSM Parameter Store',
    symptom: 'ResourceInitializationError: unable to pull secrets or registry auth',
  },
  [FargateEndpoint.SSM_MESSAGES]: {
    endpoint: FargateEndpoint.SSM_MESSAGES,
    gateway: false,
    blocksTaskStart: false,
    neededFor: 'ECS Exec',
    symptom: 'TargetNotConnectedException from aws ecs execute-command',
  },
  [FargateEndpoint.XRAY]: {
    endpoint: FargateEndpoint.XRAY,
    gateway: false,
    blocksTaskStart: false,
    neededFor: 'an X-Ray daemon sidecar',
    symptom: 'traces silently missing; the daemon logs connection timeouts',
  },
  [FargateEndpoint.KMS]: {
    endpoint: FargateEndpoint.KMS,
    gateway: false,
    blocksTaskStart: false,
    neededFor: 'an application that calls KMS itself (not needed for secrets or ephemeral storage)',
    symptom: 'KMS calls from the application time out',
  },
  [FargateEndpoint.FIREHOSE]: {
    endpoint: FargateEndpoint.FIREHOSE,
    gateway: false,
    blocksTaskStart: false,
    neededFor: 'FireLens output to Kinesis Data Firehose',
    symptom: 'the log router cannot deliver; application logs are lost',
  },
};

/** Interface endpoints are billed per endpoint per AZ-hour: about this much a month each per AZ. @internal */
export const INTERFACE_ENDPOINT_MONTHLY_USD_PER_AZ = 7;

/** The S3 bucket ECR serves image layers from in a Region (for S3 gateway endpoint policies). @internal */
export function ecrLayerBucket(region: string): string {
  return `prod-${region}-starport-layer-bucket`;
}
