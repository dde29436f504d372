import { asArray, logicalIdOf, ResolvedResource, RuleContext, subnetRoutes } from './context';
import { endpointsNeeded } from './endpoints-needed';
import { FargateLaunch, fargateLaunches, LAUNCH_RESOURCE_TYPES } from './facts';
import { defineRule, FargateRule, Finding, RuleLevel } from './rule';
import { ENDPOINTS, FargateEndpoint } from '../platform/endpoints';

const SUBNET = 'AWS::EC2::Subnet';
const VPC_ENDPOINT = 'AWS::EC2::VPCEndpoint';

/** The suffix after `com.amazonaws.REGION.` of an endpoint's service name, when it can be read. */
function serviceSuffix(name: unknown): string | undefined {
  if (typeof name === 'string') return name.split('.').slice(3).join('.') || undefined;
  const parts = (name as any)?.['Fn::Join']?.[1];
  const last = Array.isArray(parts) ? parts[parts.length - 1] : undefined;
  return typeof last === 'string' && last.startsWith('.') ? last.slice(1) : undefined;
}

/**
 * Whether the subnets of a service have a route to the internet (a default route to a NAT or internet
 * gateway), and their VPC; `undefined` when tokens or resources outside the stack hide it.
 */
function subnetEgress(subnetRefs: unknown[], ctx: RuleContext): { internet: boolean; vpc: string } | undefined {
  if (subnetRefs.length === 0) return undefined;
  // Services mostly share their subnets: work it out once per set of subnets.
  return ctx.cached(`subnetEgress:${JSON.stringify(subnetRefs)}`, () => {
    let vpc: string | undefined;
    let internet = false;
    for (const ref of subnetRefs) {
      const subnet = ctx.deref(ref);
      const vpcId = subnet?.type === SUBNET ? logicalIdOf(subnet.props.VpcId) : undefined;
      if (!vpcId || (vpc && vpc !== vpcId)) return undefined;
      vpc = vpcId;
      const routes = subnetRoutes(ref, ctx);
      if (!routes) return undefined;
      internet ||= routes.some(r => r.props.DestinationCidrBlock === '0.0.0.0/0' && (r.props.NatGatewayId !== undefined || r.props.GatewayId !== undefined));
    }
    return vpc ? { internet, vpc } : undefined;
  });
}

/** The endpoints present in a VPC, by service-name suffix. */
function endpointsIn(vpc: string, ctx: RuleContext): Set<string> {
  return new Set(ctx.ofType(VPC_ENDPOINT)
    .filter(e => logicalIdOf(e.props.VpcId) === vpc)
    .map(e => serviceSuffix(e.props.ServiceName))
    .filter((s): s is string => s !== undefined));
}

/** One endpoint a launch's tasks need and its VPC lacks. */
interface Missing {
  readonly endpoint: FargateEndpoint;
  /** The task-definition property that needs it. */
  readonly property: string;
  readonly launch: FargateLaunch;
  /** Where the launch's subnets are written. */
  readonly subnetsPath: string;
}

/** The endpoints each launch's tasks need and its VPC lacks (services and RunTask targets), worked out once for both rules. */
function missingEndpoints(resource: ResolvedResource, ctx: RuleContext, blocking: boolean): Finding[] | undefined {
  const missing = ctx.memoize('missingEndpoints', resource, () => {
    const launches = fargateLaunches(resource, ctx).filter(l => l.taskDefinition && l.networkConfigurationPath !== undefined);
    if (launches.length === 0) return undefined;
    const out: Missing[] = [];
    for (const launch of launches) {
      const config = launch.networkConfiguration as any;
      // EventBridge rule targets spell it AwsVpcConfiguration; everything else AwsvpcConfiguration.
      const key = config?.AwsVpcConfiguration !== undefined ? 'AwsVpcConfiguration' : 'AwsvpcConfiguration';
      const egress = subnetEgress(asArray(config?.[key]?.Subnets), ctx);
      if (!egress || egress.internet) continue;
      const present = endpointsIn(egress.vpc, ctx);
      for (const need of endpointsNeeded(launch.taskDefinition!, ctx, launch.execEnabled ?? false)) {
        if (!present.has(need.endpoint)) out.push({ ...need, launch, subnetsPath: `${launch.networkConfigurationPath}.${key}.Subnets` });
      }
    }
    return out;
  });
  return missing?.filter(m => ENDPOINTS[m.endpoint].blocksTaskStart === blocking).map(finding);
}

function finding(m: Missing): Finding {
  const info = ENDPOINTS[m.endpoint];
  const whose = m.launch.kind === 'ECS service' ? 'the service\'s' : `the ${m.launch.kind}'s`;
  return {
    property: m.subnetsPath,
    value: undefined,
    problem: `${whose} subnets have no route to the internet and its VPC has no ${info.gateway ? 'gateway' : 'interface'} ` +
      `endpoint com.amazonaws.REGION.${m.endpoint}, needed for ${info.neededFor} (\`${m.property}\`); without it: ${info.symptom}`,
    allowed: 'a NAT or internet gateway route, or the VPC endpoint',
    fix: `Add the ${m.endpoint} VPC endpoint (PrivateLinkEndpoints.of(scope, vpc).add(FargateEndpoint.${endpointKey(m.endpoint)})), or a NAT route.`,
  };
}

function endpointKey(endpoint: FargateEndpoint): string {
  return Object.entries(FargateEndpoint).find(([, v]) => v === endpoint)![0];
}

const EXPLANATION = 'From platform version 1.4.0 the image pull, secret retrieval and log delivery go through the task ENI. ' +
  'In subnets with no NAT or internet gateway route, each of them needs a VPC endpoint. This holds for services and for the ' +
  'tasks EventBridge, Scheduler, Pipes and Step Functions start. The check runs where the subnets, route tables and VPC ' +
  'are in the stack; tokens or imported subnets are skipped.';

/** Fargate-PL1: a service in subnets without internet egress has the endpoints its tasks need to start. */
export const EndpointCoverageBlocking: FargateRule = defineRule({
  id: 'Fargate-PL1',
  level: RuleLevel.ERROR,
  summary: 'A service or task target without internet egress needs the VPC endpoints its tasks start with',
  explanation: `${EXPLANATION} Missing ${Object.values(ENDPOINTS).filter(e => e.blocksTaskStart).map(e => e.endpoint).join(', ')} ` +
    'stops tasks from starting.',
  fix: 'Add the missing endpoints (PrivateLinkEndpoints), or give the subnets a NAT gateway route.',
  resourceTypes: LAUNCH_RESOURCE_TYPES,
  evaluate: (resource, ctx) => missingEndpoints(resource, ctx, true),
});

/** Fargate-PL2: the same for endpoints whose absence breaks a side function (Exec, X-Ray, Firehose, KMS). */
export const EndpointCoverageOptional: FargateRule = defineRule({
  id: 'Fargate-PL2',
  level: RuleLevel.WARNING,
  summary: 'A service or task target without internet egress should have the VPC endpoints its features use',
  explanation: `${EXPLANATION} Missing ${Object.values(ENDPOINTS).filter(e => !e.blocksTaskStart).map(e => e.endpoint).join(', ')} ` +
    'leaves the task running but breaks ECS Exec, tracing or log shipping.',
  fix: 'Add the missing endpoints (PrivateLinkEndpoints), or give the subnets a NAT gateway route.',
  resourceTypes: LAUNCH_RESOURCE_TYPES,
  evaluate: (resource, ctx) => missingEndpoints(resource, ctx, false),
});
