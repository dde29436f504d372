import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import * as defaults from '../defaults';
import { FargateEnvironment } from '../environment/fargate-environment';

/**
 * A regional web ACL in front of an Application Load Balancer: allow by default, block what the AWS managed
 * rule groups in `defaults.WAF_MANAGED_RULE_GROUPS` match, and log every request to an encrypted log group.
 * @internal
 */
export function protectWithWebAcl(scope: Construct, environment: FargateEnvironment, loadBalancer: elbv2.ApplicationLoadBalancer): wafv2.CfnWebACL {
  const metric = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name.slice(0, 128) });
  const webAcl = new wafv2.CfnWebACL(scope, 'WebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: metric(`${scope.node.id}WebAcl`),
    rules: defaults.WAF_MANAGED_RULE_GROUPS.map((name, priority) => ({
      name,
      priority,
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      overrideAction: { none: {} },
      visibilityConfig: metric(name),
    })),
  });
  new wafv2.CfnWebACLAssociation(scope, 'WebAclAssociation', { resourceArn: loadBalancer.loadBalancerArn, webAclArn: webAcl.attrArn });
  // WAF writes only to log groups whose name starts with aws-waf-logs-.
  const logGroup = environment._logGroup(scope, 'WebAclLogs', undefined, `${defaults.WAF_LOG_GROUP_PREFIX}${scope.node.addr}`);
  new wafv2.CfnLoggingConfiguration(scope, 'WebAclLogging', {
    resourceArn: webAcl.attrArn,
    // The log group's ARN without the `:*` that its Arn attribute ends in.
    logDestinationConfigs: [Stack.of(scope).formatArn({
      service: 'logs', resource: 'log-group', resourceName: logGroup.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    })],
  });
  return webAcl;
}
