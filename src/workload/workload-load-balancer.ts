import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';

/**
 * Settings shared by both kinds of load balancer.
 */
export interface LoadBalancerOptionsBase {
  /**
   * Whether the load balancer is reachable from the internet. An internet-facing load balancer needs
   * public subnets, which an `EnvironmentEgress.ISOLATED` environment does not have.
   * @default false
   */
  readonly internetFacing?: boolean;

  /**
   * Who may reach the listeners.
   * @default - anyone (0.0.0.0/0) when internet-facing; the environment's VPC CIDR otherwise
   */
  readonly allowedClients?: ec2.IPeer[];

  /**
   * How long a target drains before it is removed.
   * @default Duration.seconds(30)
   */
  readonly deregistrationDelay?: Duration;

  /**
   * The bucket access logs go to, under the workload's path. It must use SSE-S3 encryption (ELB does not write to
   * KMS-encrypted buckets).
   * @default - the environment's shared access-log bucket (`FargateEnvironment.enableAccessLogs`): SSE-S3, TLS only,
   * public access blocked, versioned, its own access logged, objects expired after 365 days and old versions after 30
   */
  readonly accessLogsBucket?: s3.IBucket;

  /**
   * Whether the load balancer writes access logs.
   * @default true
   */
  readonly accessLogs?: boolean;

  /**
   * Whether the load balancer can be deleted without first turning this off.
   * @default - true; false in a throwaway environment (`EnvironmentPurpose.THROWAWAY`)
   */
  readonly deletionProtection?: boolean;
}

/**
 * Options for `WorkloadLoadBalancer.http`.
 */
export interface HttpLoadBalancerOptions extends LoadBalancerOptionsBase {
  /**
   * The certificate for an HTTPS listener on 443, with HTTP on 80 redirected to it.
   * @default - with `domainName`, a certificate for it validated through DNS in `domainZone`; otherwise an HTTP
   * listener on 80 only. Compliance packs flag plain HTTP: give a domain or a certificate for anything that is not a
   * private test endpoint.
   */
  readonly certificate?: elbv2.IListenerCertificate;

  /**
   * The name clients use, in `domainZone`: the workload gets an alias record for it pointing at the load balancer,
   * and, unless `certificate` is given, a certificate for it validated through DNS in the zone (HTTPS on 443,
   * HTTP on 80 redirected).
   * @default - no name; clients use the load balancer's DNS name
   */
  readonly domainName?: string;

  /**
   * The Route 53 hosted zone `domainName` is in. Required with `domainName`.
   * @default - none
   */
  readonly domainZone?: route53.IHostedZone;

  /**
   * The TLS policy of the HTTPS listener.
   * @default elbv2.SslPolicy.RECOMMENDED_TLS
   */
  readonly sslPolicy?: elbv2.SslPolicy;

  /**
   * The path the target group's health check requests.
   * @default '/'
   */
  readonly healthCheckPath?: string;

  /**
   * The HTTP codes a healthy target answers with.
   * @default '200-399'
   */
  readonly healthyHttpCodes?: string;

  /**
   * Protect the load balancer with AWS WAF: a regional web ACL with the AWS managed common, known-bad-inputs
   * and IP-reputation rule groups, logging to a log group encrypted with the environment's key
   * (NIST 800-53 R5 ALBWAFEnabled, WAFv2LoggingEnabled). Set false where a web ACL is attached elsewhere
   * (Firewall Manager, or `webAclArn`).
   * @default - true; false in a throwaway environment (`EnvironmentPurpose.THROWAWAY`)
   */
  readonly webApplicationFirewall?: boolean;

  /**
   * An existing regional web ACL to attach instead of creating one.
   * @default - one is created unless `webApplicationFirewall` is false
   */
  readonly webAclArn?: string;
}

/**
 * The transport protocol of a Network Load Balancer listener.
 */
export enum NetworkProtocol {
  /** TCP. */
  TCP = 'TCP',
  /** UDP. Fargate needs platform version 1.4.0 for UDP behind a load balancer. */
  UDP = 'UDP',
}

/**
 * Options for `WorkloadLoadBalancer.network`.
 */
export interface NetworkLoadBalancerOptions extends LoadBalancerOptionsBase {
  /**
   * The listener and target protocol.
   * @default NetworkProtocol.TCP
   */
  readonly protocol?: NetworkProtocol;

  /**
   * The listener port.
   * @default - the workload's container port
   */
  readonly port?: number;
}

/**
 * What `WorkloadLoadBalancer.http()` built: the Application Load Balancer and everything around it.
 */
export interface HttpEndpoint {
  /** The Application Load Balancer. */
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** The listener the service's target group is behind: HTTPS on 443 with a certificate, HTTP on 80 without. */
  readonly listener: elbv2.ApplicationListener;
  /**
   * The HTTP listener on 80 that redirects to HTTPS.
   * @default - none without a certificate
   */
  readonly redirectListener?: elbv2.ApplicationListener;
  /** The target group the service registers its tasks with. */
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  /**
   * The certificate the workload created for `domainName`.
   * @default - none when a certificate was given or there is no domain
   */
  readonly certificate?: acm.ICertificate;
  /**
   * The alias record for `domainName`.
   * @default - none without a domain
   */
  readonly aliasRecord?: route53.ARecord;
  /**
   * The URL clients use: `https://domainName`, or the load balancer's DNS name.
   */
  readonly url: string;
  /**
   * The AWS WAF web ACL the workload created for the load balancer.
   * @default - none when `webApplicationFirewall` is false or `webAclArn` is given
   */
  readonly webAcl?: wafv2.CfnWebACL;
}

/**
 * What `WorkloadLoadBalancer.network()` built.
 */
export interface NetworkEndpoint {
  /** The Network Load Balancer. */
  readonly loadBalancer: elbv2.NetworkLoadBalancer;
  /** Its listener. */
  readonly listener: elbv2.NetworkListener;
  /** The target group the service registers its tasks with. */
  readonly targetGroup: elbv2.NetworkTargetGroup;
  /** The load balancer's security group, which admits the clients. */
  readonly securityGroup: ec2.ISecurityGroup;
}

/** @internal */
export enum LoadBalancerKind { NONE = 'none', HTTP = 'http', NETWORK = 'network' }

/**
 * How traffic reaches a workload: not at all (a worker), through an Application Load Balancer, or
 * through a Network Load Balancer.
 */
export class WorkloadLoadBalancer {
  /** No load balancer: a worker, or a service reached some other way. */
  public static none(): WorkloadLoadBalancer {
    return new WorkloadLoadBalancer(LoadBalancerKind.NONE, {}, {});
  }

  /** HTTP(S) through an Application Load Balancer. */
  public static http(options: HttpLoadBalancerOptions = {}): WorkloadLoadBalancer {
    return new WorkloadLoadBalancer(LoadBalancerKind.HTTP, options, {});
  }

  /** TCP or UDP through a Network Load Balancer. */
  public static network(options: NetworkLoadBalancerOptions = {}): WorkloadLoadBalancer {
    return new WorkloadLoadBalancer(LoadBalancerKind.NETWORK, {}, options);
  }

  /** @internal */
  public readonly _kind: LoadBalancerKind;
  /** @internal */
  public readonly _http: HttpLoadBalancerOptions;
  /** @internal */
  public readonly _network: NetworkLoadBalancerOptions;

  private constructor(kind: LoadBalancerKind, http: HttpLoadBalancerOptions, network: NetworkLoadBalancerOptions) {
    this._kind = kind;
    this._http = http;
    this._network = network;
  }
}
