import { Annotations, FeatureFlags, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { acknowledge, ACKNOWLEDGEMENTS } from '../acknowledgements';
import * as defaults from '../defaults';
import { DEFAULT_LOG_RETENTION, DEFAULT_VPC_CIDR } from '../defaults';
import { propsError } from '../errors';
import { ManagedPolicyRole } from '../iam/managed-policy-role';
import { PrivateLinkEndpoints, PrivateLinkEndpointsOptions } from '../private-link/private-link-endpoints';

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
 * Props for `FargateEnvironment`.
 */
export interface FargateEnvironmentProps {
  /**
   * What the environment is for, which sets the defaults below and those of its workloads and volumes.
   * @default EnvironmentPurpose.PRODUCTION
   */
  readonly purpose?: EnvironmentPurpose;

  /**
   * An existing cluster to run in, such as a platform team's shared cluster; the environment then runs in the
   * cluster's VPC. What is set on a cluster stays with whoever defined it, and this environment can neither set
   * nor see it: the FARGATE and FARGATE_SPOT capacity providers must be associated with it (rule Fargate-SP3
   * cannot check an imported cluster), its ephemeral-storage key and Container Insights are its own, and ECS Exec
   * sessions are logged as the cluster says. `containerInsights` and `clusterName` are refused with it.
   * @default - a cluster is created, with FARGATE and FARGATE_SPOT, Container Insights and the environment's key for
   * ephemeral storage
   */
  readonly cluster?: ecs.ICluster;

  /**
   * The VPC to run in. When given, nothing about it is changed: flow logs, subnet settings and the default
   * security group are the owner's responsibility.
   * @default - a VPC is created: flow logs to an encrypted log group, no public IPs assigned on launch,
   * the default security group closed, and task subnets as `egress` says
   */
  readonly vpc?: ec2.IVpc;

  /**
   * For a created VPC: how tasks reach the internet. Ignored with `vpc`.
   * @default EnvironmentEgress.NAT
   */
  readonly egress?: EnvironmentEgress;

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
   * For a created VPC in `EnvironmentEgress.NAT` mode: how many NAT gateways. One per AZ survives an AZ
   * outage; one in total costs less.
   * @default - one per Availability Zone; one in a throwaway environment
   */
  readonly natGateways?: number;

  /**
   * Where workloads place their tasks.
   * @default - the private subnets with egress if the VPC has any, otherwise its isolated subnets
   */
  readonly taskSubnets?: ec2.SubnetSelection;

  /**
   * Whether the environment keeps a shared set of VPC endpoints that its workloads add to, each adding
   * only what its configuration needs (ECR, logs, secrets, Exec...). Without a NAT route, tasks cannot
   * start without them; with NAT, they keep traffic off the NAT gateway.
   * @default - true for `EnvironmentEgress.ISOLATED` (or a given VPC without private subnets with egress); false otherwise
   */
  readonly privateLinkEndpoints?: boolean;

  /**
   * The security group that admits tasks to VPC endpoints someone else keeps (another app's environment, or the
   * network team's): the environment's tasks join it, and the environment creates no endpoints of its own. The
   * endpoints must include the ones its workloads need (RULES.md lists them per feature): the checks cannot see
   * endpoints outside the stack.
   * @default - the client group of the environment's own endpoints, when `privateLinkEndpoints` is on
   */
  readonly endpointClientSecurityGroup?: ec2.ISecurityGroup;

  /**
   * Options for the shared VPC endpoints.
   * @default - none
   */
  readonly privateLinkOptions?: PrivateLinkEndpointsOptions;

  /**
   * The cluster's name.
   * @default - generated by CloudFormation
   */
  readonly clusterName?: string;

  /**
   * Container Insights for the cluster. Fargate task network metrics need platform version 1.4.0.
   * @default - ecs.ContainerInsights.ENHANCED; ENABLED in a throwaway environment
   */
  readonly containerInsights?: ecs.ContainerInsights;

  /**
   * The customer-managed key that encrypts the tasks' ephemeral storage (set on the cluster as
   * `managedStorageConfiguration`), the environment's log groups and ECS Exec sessions. It must be a
   * single-Region key, not an alias. Windows tasks ignore it for ephemeral storage.
   * @default - a key is created with rotation enabled
   */
  readonly key?: kms.IKey;

  /**
   * How long the environment's log groups (VPC flow logs, ECS Exec sessions) and its workloads' keep events.
   * @default - logs.RetentionDays.ONE_YEAR; ONE_WEEK in a throwaway environment
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * What happens to the created key, log groups and access-log buckets, and to its volumes' file systems, when
   * they leave the stack.
   * @default - RemovalPolicy.RETAIN; DESTROY in a throwaway environment
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * What another app needs to run workloads in an environment it did not create.
 */
export interface FargateEnvironmentAttributes {
  /** The environment's VPC, with its subnets (`ec2.Vpc.fromLookup`, or `fromVpcAttributes`). */
  readonly vpc: ec2.IVpc;
  /** The name of the environment's cluster. */
  readonly clusterName: string;
  /** The environment's key: it encrypts the log groups this app's workloads create, and ECS Exec sessions. */
  readonly key: kms.IKey;
  /**
   * Where workloads place their tasks.
   * @default - the private subnets with egress if the VPC has any, otherwise its isolated subnets
   */
  readonly taskSubnets?: ec2.SubnetSelection;
  /**
   * The environment's `endpointClientSecurityGroup`, when it keeps VPC endpoints: the tasks join it.
   * @default - the tasks join no endpoint group (the VPC has a NAT route, or no endpoints)
   */
  readonly endpointClientSecurityGroup?: ec2.ISecurityGroup;
  /**
   * What the environment is for, which sets the defaults of what this app's workloads create.
   * @default EnvironmentPurpose.PRODUCTION
   */
  readonly purpose?: EnvironmentPurpose;
}

/**
 * What the services of one environment share: a VPC, an ECS cluster with the Fargate and Fargate Spot
 * capacity providers and Container Insights, and one customer-managed key for ephemeral storage and logs.
 *
 * @example
 * const env = new FargateEnvironment(this, 'Env');
 * new FargateWorkload(this, 'Api', { environment: env, image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx') });
 */
export class FargateEnvironment extends Construct {
  /**
   * An environment another app created, for this app's workloads: its VPC, cluster (by name), key and endpoints.
   * Nothing is created. Like any existing cluster, the cluster's capacity providers, ephemeral-storage key, Container
   * Insights and Exec logging are its owner's (see `cluster`); the imported cluster is created beside the
   * environment, as `<id>Cluster`.
   */
  public static fromEnvironmentAttributes(scope: Construct, id: string, attrs: FargateEnvironmentAttributes): FargateEnvironment {
    const cluster = ecs.Cluster.fromClusterAttributes(scope, `${id}Cluster`, { clusterName: attrs.clusterName, vpc: attrs.vpc, securityGroups: [] });
    return new FargateEnvironment(scope, id, {
      cluster,
      key: attrs.key,
      taskSubnets: attrs.taskSubnets,
      endpointClientSecurityGroup: attrs.endpointClientSecurityGroup,
      privateLinkEndpoints: false,
      purpose: attrs.purpose,
    });
  }

  /** The VPC the tasks run in. */
  public readonly vpc: ec2.IVpc;
  /** The cluster: created with FARGATE and FARGATE_SPOT associated, or the existing one given. */
  public readonly cluster: ecs.ICluster;
  /** Whether the environment created its cluster (and so configures it), or runs in an existing one. */
  public readonly ownsCluster: boolean;
  /**
   * The security group tasks join to reach the VPC endpoints: the shared set's client group, or the one an imported
   * environment was given.
   * @default - none without endpoints
   */
  public readonly endpointClientSecurityGroup?: ec2.ISecurityGroup;
  /** Encrypts ephemeral storage, the environment's log groups and ECS Exec sessions. */
  public readonly key: kms.IKey;
  /** The subnets workloads place their tasks in. */
  public readonly taskSubnets: ec2.SubnetSelection;
  /** How tasks reach AWS services: through NAT, or only through VPC endpoints. */
  public readonly egress: EnvironmentEgress;
  /**
   * The VPC's CIDR block as a literal when it is known (a created VPC), so security group rules can name
   * it; otherwise the VPC's `vpcCidrBlock` token.
   */
  public readonly vpcCidr: string;
  /** The shared VPC endpoints, when `privateLinkEndpoints` is on. */
  public readonly privateLink?: PrivateLinkEndpoints;
  /** The flow log of a created VPC. */
  public readonly flowLog?: ec2.FlowLog;
  /** Retention for log groups the environment and its workloads create, unless a workload says otherwise. */
  public readonly logRetention: logs.RetentionDays;
  /** Removal policy for the key and log groups the environment and its workloads create. */
  public readonly removalPolicy: RemovalPolicy;
  /** What the environment is for: production, or a throwaway test environment. */
  public readonly purpose: EnvironmentPurpose;

  private _execLogGroup?: logs.LogGroup;
  private _accessLogsBucket?: s3.Bucket;
  private readonly _keyServices = new Set<string>();

  constructor(scope: Construct, id: string, props: FargateEnvironmentProps = {}) {
    super(scope, id);
    this.purpose = props.purpose ?? EnvironmentPurpose.PRODUCTION;
    const throwaway = this.purpose === EnvironmentPurpose.THROWAWAY;
    this.logRetention = props.logRetention ?? (throwaway ? defaults.THROWAWAY_LOG_RETENTION : DEFAULT_LOG_RETENTION);
    this.removalPolicy = props.removalPolicy ?? (throwaway ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN);
    this.key = props.key ?? this.createKey();

    const vpcGiven = props.cluster ? this.existingClusterVpc(props) : props.vpc;
    if (vpcGiven) {
      this.vpc = vpcGiven;
      this.vpcCidr = vpcGiven.vpcCidrBlock;
      this.egress = vpcGiven.privateSubnets.length > 0 ? EnvironmentEgress.NAT : EnvironmentEgress.ISOLATED;
    } else {
      this.egress = props.egress ?? EnvironmentEgress.NAT;
      this.vpcCidr = props.vpcCidr ?? DEFAULT_VPC_CIDR;
      const vpc = this.createVpc(props, this.vpcCidr);
      this.vpc = vpc;
      const flowLogRole = new ManagedPolicyRole(this, 'FlowLogRole', { assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com') });
      this.flowLog = vpc.addFlowLog('FlowLog', {
        destination: ec2.FlowLogDestination.toCloudWatchLogs(this._logGroup(this, 'FlowLogs'), flowLogRole),
      });
    }
    this.taskSubnets = props.taskSubnets ?? {
      subnetType: this.vpc.privateSubnets.length > 0 ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED,
    };

    if (props.endpointClientSecurityGroup && props.privateLinkEndpoints) {
      throw propsError(this, 'TwoEndpointSets', `${this.node.path}: \`endpointClientSecurityGroup\` names endpoints kept elsewhere, and ` +
        '`privateLinkEndpoints` asks for a set of its own; a VPC has one set. Fix: drop one of them.');
    }
    if (!props.endpointClientSecurityGroup && (props.privateLinkEndpoints ?? this.egress === EnvironmentEgress.ISOLATED)) {
      this.privateLink = PrivateLinkEndpoints.of(this, this.vpc, { subnets: this.taskSubnets, ...props.privateLinkOptions });
    }

    this.endpointClientSecurityGroup = props.endpointClientSecurityGroup ?? this.privateLink?.clientSecurityGroup;
    this.ownsCluster = props.cluster === undefined;
    if (props.cluster) {
      this.cluster = props.cluster;
      Annotations.of(this).addInfo(`${this.node.path} runs in the existing cluster ${props.cluster.node.path}. The FARGATE and ` +
        'FARGATE_SPOT capacity providers must be associated with it for its workloads to start; its ephemeral-storage key, ' +
        'Container Insights and ECS Exec logging are set where it is defined, not by this environment.');
      return;
    }
    const containerInsights = props.containerInsights ?? (throwaway ? ecs.ContainerInsights.ENABLED : ecs.ContainerInsights.ENHANCED);
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: this.vpc,
      clusterName: props.clusterName,
      enableFargateCapacityProviders: true,
      containerInsightsV2: containerInsights,
      managedStorageConfiguration: { fargateEphemeralStorageKmsKey: this.key },
    });
    if (containerInsights === ecs.ContainerInsights.ENHANCED) {
      acknowledge(this.cluster, ACKNOWLEDGEMENTS.containerInsightsEnhanced);
    }
  }

  /**
   * The log group ECS Exec sessions are logged to, once a workload has turned Exec on.
   */
  public get execLogGroup(): logs.ILogGroup | undefined {
    return this._execLogGroup;
  }

  /**
   * Turns on ECS Exec session logging for the cluster: sessions are encrypted with the environment's key
   * and logged to an encrypted log group. Workloads with `enableExec` call this; calling it again returns
   * the same log group. In an existing cluster it does nothing and returns `undefined`: the cluster's own Exec
   * configuration applies.
   */
  public enableExecLogging(): logs.ILogGroup | undefined {
    if (!this.ownsCluster) return undefined; // the cluster's own configuration decides
    if (this._execLogGroup) return this._execLogGroup;
    this._execLogGroup = this._logGroup(this, 'ExecSessions');
    // ecs.Cluster takes Exec settings only in its constructor; the environment turns them on when the
    // first workload asks, so the cluster's L1 is completed here.
    const cfn = this.cluster.node.defaultChild as ecs.CfnCluster;
    cfn.addPropertyOverride('Configuration.ExecuteCommandConfiguration', {
      KmsKeyId: this.key.keyArn,
      Logging: 'OVERRIDE',
      LogConfiguration: {
        CloudWatchLogGroupName: this._execLogGroup.logGroupName,
        CloudWatchEncryptionEnabled: true,
      },
    });
    return this._execLogGroup;
  }

  /**
   * The bucket the workloads' load balancers write their access logs to, each under a prefix of its own,
   * once a workload has asked for it (`enableAccessLogs`).
   */
  public get accessLogsBucket(): s3.IBucket | undefined {
    return this._accessLogsBucket;
  }

  /**
   * The environment's load balancer access-log bucket, created on the first call and shared after: SSE-S3
   * (the only encryption Elastic Load Balancing delivers to), TLS only, public access blocked, versioned,
   * objects expired after 365 days and old versions after 30, its own S3 server access logs kept in a second
   * bucket. Its policy lets Elastic Load Balancing deliver logs for this account under any prefix, once for
   * every workload, so the policy does not grow with the number of load balancers. Workloads whose load
   * balancers log (the default) call this.
   */
  public enableAccessLogs(): s3.IBucket {
    if (this._accessLogsBucket) return this._accessLogsBucket;
    const stack = Stack.of(this);
    if (Token.isUnresolved(stack.region)) {
      throw propsError(this, 'AccessLogsNeedRegion', `${this.node.path}: enableAccessLogs: the stack has no region, and Elastic Load Balancing log delivery is ` +
        'granted per region. Fix: give the stack an `env` with a region.');
    }
    const common: s3.BucketProps = {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      // Kept as long as the log groups; old versions only long enough to undo a mistake.
      lifecycleRules: [{
        id: 'Retention',
        expiration: defaults.ACCESS_LOG_RETENTION,
        noncurrentVersionExpiration: defaults.ACCESS_LOG_NONCURRENT_VERSION_RETENTION,
        abortIncompleteMultipartUploadAfter: defaults.ABORT_INCOMPLETE_UPLOADS_AFTER,
      }],
      removalPolicy: this.removalPolicy,
      // A bucket with objects cannot be deleted: one that goes with the stack is emptied first.
      autoDeleteObjects: this.removalPolicy === RemovalPolicy.DESTROY,
    };
    // Without the @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy flag, aws-cdk-lib grants S3 log delivery
    // through an ACL on this bucket, which needs ObjectWriter ownership; it chooses that itself.
    const serverAccessLogs = new s3.Bucket(this, 'AccessLogsBucketLogs', common);
    const bucket = new s3.Bucket(this, 'AccessLogsBucket', {
      ...common,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: serverAccessLogs,
    });
    // The statements aws-cdk-lib's logAccessLogs writes for one load balancer, for every prefix: the
    // Region's ELB account (or, in Regions opened since 2022, its log-delivery service principal), and the
    // log-delivery service that Network Load Balancers and newer ALB features write through.
    const objects = bucket.arnForObjects(`*/${defaults.ELB_LOG_KEY_SEGMENT}/${stack.account}/*`);
    const elbAccount = RegionInfo.get(stack.region).elbv2Account;
    const logDelivery = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject'],
      principals: [elbAccount ? new iam.AccountPrincipal(elbAccount) : new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com')],
      resources: [objects],
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject'], principals: [logDelivery], resources: [objects], conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:GetBucketAcl'], principals: [logDelivery], resources: [bucket.bucketArn] }));
    for (const b of [bucket, serverAccessLogs]) acknowledge(b, ACKNOWLEDGEMENTS.accessLogBucket);
    acknowledge(serverAccessLogs, ACKNOWLEDGEMENTS.serverAccessLogTarget);
    if (!FeatureFlags.of(this).isEnabled(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY)) {
      acknowledge(serverAccessLogs, ACKNOWLEDGEMENTS.serverAccessLogAcl);
    }
    this._accessLogsBucket = bucket;
    return bucket;
  }

  /**
   * Lets an AWS service (EventBridge, say) use the environment's key for this account's resources, to write to the
   * encrypted queues and topics the environment's jobs create. Once per service; a no-op for an imported key.
   * @internal
   */
  public _allowServiceToUseKey(service: string): void {
    if (this._keyServices.has(service)) return;
    this._keyServices.add(service);
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      principals: [new iam.ServicePrincipal(service)],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
    }));
  }

  /**
   * A log group encrypted with the environment's key, with its retention and removal policy.
   * @internal
   */
  public _logGroup(scope: Construct, id: string, retention?: logs.RetentionDays, logGroupName?: string): logs.LogGroup {
    return new logs.LogGroup(scope, id, {
      logGroupName,
      encryptionKey: this.key,
      retention: retention ?? this.logRetention,
      removalPolicy: this.removalPolicy,
    });
  }

  private createKey(): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: `Fargate ephemeral storage, logs and ECS Exec for ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy: this.removalPolicy,
      pendingWindow: this.purpose === EnvironmentPurpose.THROWAWAY ? defaults.THROWAWAY_KEY_PENDING_WINDOW : undefined,
    });
    // CloudWatch Logs encrypts with the key on behalf of this account's log groups only.
    const stack = Stack.of(this);
    key.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.${stack.urlSuffix}`)],
      resources: ['*'],
      conditions: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*` },
      },
    }));
    // Control Tower CT.KMS.PR.3: only AWS services (Fargate, CloudWatch Logs) may create grants on the key.
    key.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: ['kms:CreateGrant'],
      principals: [new iam.AnyPrincipal()],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }));
    return key;
  }

  /** The VPC of an existing cluster, checked against `vpc` when both are given. */
  private existingClusterVpc(props: FargateEnvironmentProps): ec2.IVpc {
    const cluster = props.cluster!;
    for (const name of ['containerInsights', 'clusterName'] as const) {
      if (props[name] !== undefined) {
        throw propsError(this, 'ExistingClusterSetting', `${this.node.path}: \`${name}\` is a setting of the cluster, and \`cluster\` is an ` +
          'existing one that this environment does not configure. Fix: set it where the cluster is defined, or drop `cluster` to create one.');
      }
    }
    const vpc = props.vpc ?? cluster.vpc;
    if (!vpc) {
      throw propsError(this, 'ExistingClusterWithoutVpc', `${this.node.path}: the existing cluster ${cluster.node.path} carries no VPC. ` +
        'Fix: give `vpc` (the cluster\'s VPC), or import the cluster with its `vpc` attribute.');
    }
    if (props.vpc && cluster.vpc && props.vpc !== cluster.vpc) {
      throw propsError(this, 'ExistingClusterOtherVpc', `${this.node.path}: \`vpc\` (${props.vpc.node.path}) is not the VPC of the existing cluster ` +
        `(${cluster.vpc.node.path}). Fix: drop \`vpc\`; the environment runs in the cluster's VPC.`);
    }
    return vpc;
  }

  private createVpc(props: FargateEnvironmentProps, cidr: string): ec2.Vpc {
    const maxAzs = props.maxAzs ?? 2;
    if (!Token.isUnresolved(maxAzs) && (!Number.isInteger(maxAzs) || maxAzs < 1)) {
      throw propsError(this, 'InvalidMaxAzs', `${this.node.path}: \`maxAzs\` must be a whole number of at least 1, got ${maxAzs}. ` +
        'Fix: use 2 or more for a service that survives the loss of an Availability Zone.');
    }
    const isolated = this.egress === EnvironmentEgress.ISOLATED;
    if (isolated && props.natGateways !== undefined && props.natGateways > 0) {
      throw propsError(this, 'NatGatewaysWhenIsolated', `${this.node.path}: \`natGateways\` is ${props.natGateways} but \`egress\` is ISOLATED, ` +
        'which has no NAT gateway. Fix: drop `natGateways`, or use EnvironmentEgress.NAT.');
    }
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      maxAzs,
      natGateways: isolated ? 0 : props.natGateways ?? (this.purpose === EnvironmentPurpose.THROWAWAY ? 1 : undefined),
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: isolated
        ? [{ name: 'Tasks', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 20 }]
        : [
          { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
          { name: 'Tasks', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        ],
    });
    for (const subnet of vpc.publicSubnets) acknowledge(subnet, ACKNOWLEDGEMENTS.natSubnetInternetRoute);
    const provider = Stack.of(this).node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
    if (provider) acknowledge(provider, ACKNOWLEDGEMENTS.restrictDefaultSecurityGroupLambda);
    return vpc;
  }
}
