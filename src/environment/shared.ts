import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge, ACKNOWLEDGEMENTS } from '../acknowledgements';
import * as defaults from '../defaults';
import { propsError } from '../errors';
import { ManagedPolicyRole } from '../iam/managed-policy-role';

/**
 * How tasks in a created VPC reach the internet and AWS services.
 */
export enum EnvironmentEgress {
  /**
   * Tasks run in private subnets with a NAT gateway route. Private-link endpoints are optional and only
   * keep traffic off the NAT gateway.
   */
  NAT = 'NAT',

  /**
   * Tasks run in isolated subnets with no route to the internet. Since platform version 1.4.0 every
   * image pull, secret and log line then goes through VPC endpoints, which the environment's workloads
   * must have (aws-cdk issue 7529).
   */
  ISOLATED = 'ISOLATED',
}

/**
 * What an environment is for. It sets the defaults of everything the environment and its workloads create;
 * a prop given explicitly always wins.
 */
export enum EnvironmentPurpose {
  /**
   * Production: data is kept and the environment survives mistakes. The key, log groups, access-log buckets and
   * EFS file systems are retained when removed from the stack (`RemovalPolicy.RETAIN`); load balancers have
   * deletion protection; each Application Load Balancer gets an AWS WAF web ACL; a created VPC has a NAT gateway
   * per Availability Zone; Container Insights is `ENHANCED`; logs are kept for a year. This is what the
   * compliance packs (AwsSolutions, NIST 800-53 R5, HIPAA, Control Tower) are checked against.
   */
  PRODUCTION = 'PRODUCTION',

  /**
   * A test or preview environment that `cdk destroy` removes completely and that costs less. Compared with
   * PRODUCTION: the key (with the shortest pending window, 7 days), log groups, access-log buckets (emptied on
   * deletion by aws-cdk-lib's auto-delete custom resource) and EFS file systems are deleted with the stack
   * (`RemovalPolicy.DESTROY`); load balancers have no deletion protection; no web ACL is created; a created VPC
   * has one NAT gateway; Container Insights is `ENABLED`, not `ENHANCED`; logs are kept for a week. It does not
   * pass the compliance packs, and is not meant to.
   */
  THROWAWAY = 'THROWAWAY',
}

/**
 * How an environment creates its VPC, when it is not given one.
 */
export interface EnvironmentVpcProps {
  /**
   * For a created VPC: its IPv4 CIDR block. Ignored with `vpc`.
   * @default '10.0.0.0/16'
   */
  readonly vpcCidr?: string;

  /**
   * For a created VPC: how many Availability Zones to use.
   * @default 2
   */
  readonly maxAzs?: number;

  /**
   * For a created VPC with NAT: how many NAT gateways. One per AZ survives an AZ outage; one in total costs less.
   * @default - one per Availability Zone; one in a throwaway environment
   */
  readonly natGateways?: number;
}

/**
 * The environment key: rotated, usable by CloudWatch Logs for this account's log groups, grants only for AWS services.
 * Shared by `FargateEnvironment` and `FargateKubernetesEnvironment`.
 * @internal
 */
export function createEnvironmentKey(scope: Construct, description: string, removalPolicy: RemovalPolicy, purpose: EnvironmentPurpose): kms.Key {
  const key = new kms.Key(scope, 'Key', {
    description,
    enableKeyRotation: true,
    removalPolicy,
    pendingWindow: purpose === EnvironmentPurpose.THROWAWAY ? defaults.THROWAWAY_KEY_PENDING_WINDOW : undefined,
  });
  // CloudWatch Logs encrypts with the key on behalf of this account's log groups only.
  const stack = Stack.of(scope);
  key.addToResourcePolicy(new iam.PolicyStatement({
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.${stack.urlSuffix}`)],
    resources: ['*'],
    conditions: {
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*` },
    },
  }));
  // Control Tower CT.KMS.PR.3: only AWS services (Fargate, CloudWatch Logs, EKS) may create grants on the key.
  key.addToResourcePolicy(new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    actions: ['kms:CreateGrant'],
    principals: [new iam.AnyPrincipal()],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
  return key;
}

/** How to create an environment's VPC. @internal */
export interface EnvironmentVpcOptions {
  readonly cidr: string;
  readonly egress: EnvironmentEgress;
  readonly purpose: EnvironmentPurpose;
  readonly maxAzs?: number;
  readonly natGateways?: number;
}

/**
 * An environment's VPC: private subnets (with NAT, or isolated), public subnets that assign no public IPs, the
 * default security group closed. Shared by `FargateEnvironment` and `FargateKubernetesEnvironment`.
 * @internal
 */
export function createEnvironmentVpc(scope: Construct, props: EnvironmentVpcOptions): ec2.Vpc {
  const maxAzs = props.maxAzs ?? 2;
  if (!Token.isUnresolved(maxAzs) && (!Number.isInteger(maxAzs) || maxAzs < 1)) {
    throw propsError(scope, 'InvalidMaxAzs', `${scope.node.path}: \`maxAzs\` must be a whole number of at least 1, got ${maxAzs}. ` +
      'Fix: use 2 or more for a service that survives the loss of an Availability Zone.');
  }
  const isolated = props.egress === EnvironmentEgress.ISOLATED;
  if (isolated && props.natGateways !== undefined && props.natGateways > 0) {
    throw propsError(scope, 'NatGatewaysWhenIsolated', `${scope.node.path}: \`natGateways\` is ${props.natGateways} but \`egress\` is ISOLATED, ` +
      'which has no NAT gateway. Fix: drop `natGateways`, or use EnvironmentEgress.NAT.');
  }
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    ipAddresses: ec2.IpAddresses.cidr(props.cidr),
    maxAzs,
    natGateways: isolated ? 0 : props.natGateways ?? (props.purpose === EnvironmentPurpose.THROWAWAY ? 1 : undefined),
    restrictDefaultSecurityGroup: true,
    subnetConfiguration: isolated
      ? [{ name: 'Tasks', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 20 }]
      : [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Tasks', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
  });
  for (const subnet of vpc.publicSubnets) acknowledge(subnet, ACKNOWLEDGEMENTS.natSubnetInternetRoute);
  const provider = Stack.of(scope).node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
  if (provider) acknowledge(provider, ACKNOWLEDGEMENTS.restrictDefaultSecurityGroupLambda);
  return vpc;
}

/** A log group encrypted with the environment's key. @internal */
export function createEnvironmentLogGroup(
  scope: Construct, id: string, key: kms.IKey, retention: logs.RetentionDays, removalPolicy: RemovalPolicy, logGroupName?: string,
): logs.LogGroup {
  return new logs.LogGroup(scope, id, { logGroupName, encryptionKey: key, retention, removalPolicy });
}

/** A created VPC's flow log, to an encrypted log group, with a role of its own. @internal */
export function createFlowLog(scope: Construct, vpc: ec2.Vpc, logGroup: logs.ILogGroup): ec2.FlowLog {
  const role = new ManagedPolicyRole(scope, 'FlowLogRole', { assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com') });
  return vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup, role) });
}
