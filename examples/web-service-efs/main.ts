// An HTTPS web service behind a public Application Load Balancer, keeping user uploads on EFS. It runs on
// FARGATE and FARGATE_SPOT with one on-demand task as a base, in a cluster with Container Insights enhanced.
//
// Give a certificate with `cdk synth -c certificateArn=arn:aws:acm:...`. Without one the load balancer
// listens on plain HTTP (port 80): fine to try the template, not for real traffic. The HTTP-only
// findings this draws are acknowledged below, only in that case, and say so.
// Copy this file into your app; import from 'cdk-fargate-platform' instead of '../../src'.
import * as path from 'path';
import { App, Aspects, Stack, Validations } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { CapacityStrategy, EfsVolume, FargateEnvironment, FargatePlatformChecks, FargateWorkload, WorkloadLoadBalancer } from '../../src';

export function build(app: App): void {
  const stack = new Stack(app, 'WebServiceEfs', { env: { region: 'eu-west-1' } });
  const certificateArn: string | undefined = app.node.tryGetContext('certificateArn');
  const environment = new FargateEnvironment(stack, 'Env');
  const uploads = new EfsVolume(stack, 'Uploads', { environment });

  const web = new FargateWorkload(stack, 'Web', {
    environment,
    image: ecs.ContainerImage.fromAsset(path.join(__dirname, '..', 'quick-start', 'app')),
    capacity: CapacityStrategy.mixed({ onDemandBase: 1 }),
    loadBalancer: WorkloadLoadBalancer.http({
      internetFacing: true,
      certificate: certificateArn ? elbv2.ListenerCertificate.fromArn(certificateArn) : undefined,
    }),
  });
  web.addVolume(uploads, { containerPath: '/var/uploads' });

  if (!certificateArn) {
    Validations.of(web.http!.listener).acknowledge(...HTTP_ONLY);
  }
}

/** What a public HTTP-only listener draws; acknowledged only when no certificate was given. */
const HTTP_ONLY = [
  'NIST.800.53.R5-ALBHttpToHttpsRedirection', 'NIST.800.53.R5-ELBv2ACMCertificateRequired',
  'HIPAA.Security-ALBHttpToHttpsRedirection', 'HIPAA.Security-ELBv2ACMCertificateRequired',
  'cdk-validator-cfnguard::alb_http_to_https_redirection_check',
].map(id => ({
  id,
  reason: 'web-service-efs without -c certificateArn: the listener is plain HTTP so the template can be tried without a domain. ' +
    'Give a certificate for real traffic; the listener then serves HTTPS and port 80 only redirects.',
}));

if (require.main === module) {
  const app = new App();
  build(app);
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
}
