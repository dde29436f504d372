import { App, Aspects, CfnOutput, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { FargateEnvironment, FargatePlatformChecks, FargateWorkload, WorkloadLoadBalancer } from '../../src';

/**
 * A public HTTPS service under your own name: the workload requests a certificate for `api.example.com`,
 * validates it through DNS in the hosted zone, serves HTTPS on 443 (HTTP on 80 redirects), and points an alias
 * record at its load balancer. Replace the zone's ID and name with yours.
 */
export function build(app: App): void {
  const stack = new Stack(app, 'CustomDomain', { env: { region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'example.com' });
  const api = new FargateWorkload(stack, 'Api', {
    environment: new FargateEnvironment(stack, 'Env'),
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
    loadBalancer: WorkloadLoadBalancer.http({ internetFacing: true, domainName: 'api.example.com', domainZone: zone }),
  });
  new CfnOutput(stack, 'Url', { value: api.http!.url });
}

if (require.main === module) {
  const app = new App();
  build(app);
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
}
