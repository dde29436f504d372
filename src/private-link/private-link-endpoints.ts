import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { propsError } from '../errors';
import { ecrLayerBucket, ENDPOINTS, FargateEndpoint } from '../platform/endpoints';

/**
 * Options for `PrivateLinkEndpoints`, apart from the VPC.
 */
export interface PrivateLinkEndpointsOptions {
  /**
   * The subnets of the tasks: interface endpoints get one network interface per AZ in them, and the S3
   * gateway endpoint is added to their route tables.
   * @default - the VPC's private subnets with egress if it has any, otherwise its isolated subnets
   */
  readonly subnets?: ec2.SubnetSelection;

  /**
   * Restrict the S3 gateway endpoint to the buckets ECR serves image layers from in this Region, plus
   * `allowedS3Buckets`.
   * @default false - the endpoint allows any S3 request the caller's own permissions allow
   */
  readonly restrictS3ToEcr?: boolean;

  /**
   * More bucket names the S3 gateway endpoint allows when `restrictS3ToEcr` is on.
   * @default - none
   */
  readonly allowedS3Buckets?: string[];
}

/**
 * Props for `PrivateLinkEndpoints`.
 */
export interface PrivateLinkEndpointsProps extends PrivateLinkEndpointsOptions {
  /** The VPC the endpoints serve. */
  readonly vpc: ec2.IVpc;
}

/** One set per VPC. */
const SETS = new WeakMap<ec2.IVpc, PrivateLinkEndpoints>();

/**
 * The VPC endpoints Fargate tasks need on platform version 1.4.0 when their subnets have no route to the
 * internet, created once per VPC and only when something needs them. Interface endpoints cost about
 * 7 USD a month per AZ each, so one shared set per VPC replaces one per service.
 *
 * Interface endpoints have private DNS on and one security group that accepts TCP 443 only from
 * `clientSecurityGroup`; attach that group to every task that uses the endpoints.
 *
 * @example
 * const endpoints = PrivateLinkEndpoints.of(this, vpc);
 * endpoints.add(FargateEndpoint.LOGS);
 */
export class PrivateLinkEndpoints extends Construct {
  /**
   * The endpoints of `vpc`, created in the VPC's stack on first use and shared afterwards.
   * Props apply only when the set is created.
   */
  public static of(scope: IConstruct, vpc: ec2.IVpc, options: PrivateLinkEndpointsOptions = {}): PrivateLinkEndpoints {
    return SETS.get(vpc) ?? new PrivateLinkEndpoints(vpc.node.scope ?? Stack.of(scope), `${vpc.node.id}Endpoints`, { ...options, vpc });
  }

  /** The VPC the endpoints serve. */
  public readonly vpc: ec2.IVpc;
  /** The security group of the interface endpoints: TCP 443 from `clientSecurityGroup` only. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** Attach to every task that uses the endpoints. One group scales past the per-group rule limit. */
  public readonly clientSecurityGroup: ec2.SecurityGroup;

  private readonly subnets: ec2.SubnetSelection;
  private readonly props: PrivateLinkEndpointsProps;
  private readonly created = new Map<FargateEndpoint, ec2.IVpcEndpoint>();

  constructor(scope: Construct, id: string, props: PrivateLinkEndpointsProps) {
    super(scope, id);
    const existing = SETS.get(props.vpc);
    if (existing) {
      throw propsError(this, 'SecondPrivateLinkEndpoints', `${this.node.path}: the VPC ${props.vpc.node.path} already has a PrivateLinkEndpoints set ` +
        `(${existing.node.path}). Fix: use PrivateLinkEndpoints.of(scope, vpc), which returns the existing set.`);
    }
    SETS.set(props.vpc, this);
    this.props = props;
    this.vpc = props.vpc;
    this.subnets = props.subnets ?? {
      subnetType: props.vpc.privateSubnets.length > 0 ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED,
    };
    this.clientSecurityGroup = new ec2.SecurityGroup(this, 'ClientSecurityGroup', {
      vpc: this.vpc,
      description: `Tasks that use the VPC endpoints of ${this.node.path}`,
      allowAllOutbound: true,
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: this.vpc,
      description: `Interface VPC endpoints of ${this.node.path}: HTTPS from the endpoint clients only`,
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(this.clientSecurityGroup, ec2.Port.tcp(443), 'HTTPS from endpoint clients');
  }

  /** Adds an endpoint if it is not there yet, and returns it. */
  public add(endpoint: FargateEndpoint): ec2.IVpcEndpoint {
    const existing = this.created.get(endpoint);
    if (existing) return existing;
    const id = endpoint.split(/[.-]/).map(p => p[0].toUpperCase() + p.slice(1)).join('');
    const made = ENDPOINTS[endpoint].gateway ? this.addS3Gateway(id) : new ec2.InterfaceVpcEndpoint(this, id, {
      vpc: this.vpc,
      service: new ec2.InterfaceVpcEndpointAwsService(endpoint),
      subnets: this.subnets,
      privateDnsEnabled: true,
      securityGroups: [this.securityGroup],
      open: false,
    });
    this.created.set(endpoint, made);
    return made;
  }

  /** The endpoint, if it has been added. */
  public endpoint(endpoint: FargateEndpoint): ec2.IVpcEndpoint | undefined {
    return this.created.get(endpoint);
  }

  /** The endpoints added so far, in the order they were added. */
  public get endpoints(): FargateEndpoint[] {
    return [...this.created.keys()];
  }

  private addS3Gateway(id: string): ec2.GatewayVpcEndpoint {
    const gateway = new ec2.GatewayVpcEndpoint(this, id, {
      vpc: this.vpc,
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [this.subnets],
    });
    if (this.props.restrictS3ToEcr) {
      const stack = Stack.of(this);
      const buckets = [ecrLayerBucket(stack.region), ...this.props.allowedS3Buckets ?? []];
      gateway.addToPolicy(new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: buckets.map(b => `arn:${stack.partition}:s3:::${b}/*`),
      }));
    }
    return gateway;
  }
}
