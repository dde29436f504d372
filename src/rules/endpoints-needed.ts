import { asArray, RuleContext } from './context';
import { TaskDefinitionFacts } from './facts';
import { FargateEndpoint } from '../platform/endpoints';
import { AWSLOGS_DRIVER, FIRELENS_DRIVER } from '../platform/fargate-support';

/** An endpoint a task needs, and the property that makes it needed. @internal */
export interface EndpointNeed {
  readonly endpoint: FargateEndpoint;
  readonly property: string;
}

const SECRETS_MANAGER_TYPE = 'AWS::SecretsManager::Secret';
const SSM_PARAMETER_TYPE = 'AWS::SSM::Parameter';

/** Where a secret's `ValueFrom` comes from: Secrets Manager, Parameter Store, or unknown (a token). */
function secretSource(valueFrom: unknown, ctx: RuleContext): FargateEndpoint | undefined {
  const target = ctx.deref(valueFrom);
  if (target?.type === SECRETS_MANAGER_TYPE) return FargateEndpoint.SECRETS_MANAGER;
  if (target?.type === SSM_PARAMETER_TYPE) return FargateEndpoint.SSM;
  const text = JSON.stringify(valueFrom ?? '');
  if (text.includes(':secretsmanager:')) return FargateEndpoint.SECRETS_MANAGER;
  if (text.includes(':ssm:') || text.includes('parameter/')) return FargateEndpoint.SSM;
  // A bare parameter name (not an ARN) is a Parameter Store name.
  if (typeof valueFrom === 'string' && !valueFrom.startsWith('arn:')) return FargateEndpoint.SSM;
  return undefined;
}

/**
 * The VPC endpoints a task needs when its subnets have no route to the internet, derived from its
 * CloudFormation properties (so it works for any app). One list serves the endpoint-coverage rule and
 * the constructs that create endpoints.
 * @internal
 */
export function endpointsNeeded(td: TaskDefinitionFacts, ctx: RuleContext, execEnabled: boolean): EndpointNeed[] {
  const needs: EndpointNeed[] = [];
  const add = (endpoint: FargateEndpoint, property: string) => {
    if (!needs.some(n => n.endpoint === endpoint)) needs.push({ endpoint, property });
  };
  for (const { path, def } of td.containers) {
    const image = JSON.stringify(def.Image ?? '');
    if (image.includes('.dkr.ecr.')) {
      for (const e of [FargateEndpoint.ECR_API, FargateEndpoint.ECR_DKR, FargateEndpoint.S3]) add(e, `${path}.Image`);
    }
    if (image.includes('xray')) add(FargateEndpoint.XRAY, `${path}.Image`);
    const log = def.LogConfiguration;
    if (log?.LogDriver === AWSLOGS_DRIVER) add(FargateEndpoint.LOGS, `${path}.LogConfiguration`);
    if (log?.LogDriver === FIRELENS_DRIVER) {
      const output = String(log.Options?.Name ?? '');
      if (output.includes('cloudwatch')) add(FargateEndpoint.LOGS, `${path}.LogConfiguration.Options.Name`);
      if (output.includes('firehose')) add(FargateEndpoint.FIREHOSE, `${path}.LogConfiguration.Options.Name`);
    }
    [...asArray(def.Secrets).map((s, i) => [s, `${path}.Secrets[${i}]`] as const),
      ...asArray(log?.SecretOptions).map((s, i) => [s, `${path}.LogConfiguration.SecretOptions[${i}]`] as const)]
      .forEach(([s, property]) => {
        const source = secretSource(s?.ValueFrom, ctx);
        if (source) add(source, property);
      });
    if (def.RepositoryCredentials?.CredentialsParameter !== undefined) {
      add(FargateEndpoint.SECRETS_MANAGER, `${path}.RepositoryCredentials`);
    }
  }
  if (execEnabled) add(FargateEndpoint.SSM_MESSAGES, 'EnableExecuteCommand');
  return needs;
}
