import { FARGATE_PROFILE_TYPES, profileFacts } from './facts';
import { asArray, logicalIdOf, subnetRoutes } from '../context';
import { defineRule, RuleLevel } from '../rule';

const INTERNET_GATEWAY = 'AWS::EC2::InternetGateway';

/** Fargate-EK1: profile subnets are private. */
export const ProfileSubnetsPrivate = defineRule({
  id: 'Fargate-EK1',
  level: RuleLevel.ERROR,
  summary: 'An EKS Fargate profile uses private subnets only',
  explanation: 'EKS reads each subnet\'s route table: a subnet with a route to an internet gateway is refused ("… provided in Fargate ' +
    'Profile is not a private subnet"), whatever the subnet is called, and the stack fails at deploy. Fargate pods get no public IP.',
  fix: 'Give the profile subnets whose route tables send internet traffic through a NAT gateway, or none at all (isolated subnets with VPC endpoints).',
  resourceTypes: FARGATE_PROFILE_TYPES,
  evaluate(resource, ctx) {
    const profile = profileFacts(resource, ctx);
    if (!Array.isArray(profile.subnets)) return undefined;
    const gateways = ctx.cached('eksInternetGateways', () => new Set(ctx.ofType(INTERNET_GATEWAY).map(g => ctx.logicalId(g.node))));
    return asArray(profile.subnets).flatMap((subnet, i) => {
      const igw = (subnetRoutes(subnet, ctx) ?? []).find(r => {
        const gw = r.props.GatewayId;
        return (typeof gw === 'string' && gw.startsWith('igw-')) || gateways.has(logicalIdOf(gw) ?? '');
      });
      return igw ? [{
        property: `${profile.subnetsPath}[${i}]`,
        value: subnet,
        problem: `subnet ${logicalIdOf(subnet)} routes to an internet gateway (route ${ctx.logicalId(igw.node)})`,
        allowed: 'subnets without a route to an internet gateway',
      }] : [];
    });
  },
});
