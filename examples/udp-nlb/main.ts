// A UDP service behind a Network Load Balancer (UDP behind an NLB needs platform version 1.4.0, rule
// Fargate-PV3). The NLB has a security group that admits only the listed clients; the tasks admit only
// the NLB. UDP targets are health-checked over TCP on the same port, so the server answers both.
// Copy this file into your app; import from 'cdk-fargate-platform' instead of '../../src'.
import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { FargateEnvironment, FargatePlatformChecks, FargateWorkload, NetworkProtocol, WorkloadLoadBalancer } from '../../src';

export function build(app: App): void {
  const stack = new Stack(app, 'UdpNlb', { env: { region: 'eu-west-1' } });
  const environment = new FargateEnvironment(stack, 'Env');
  new FargateWorkload(stack, 'Echo', {
    environment,
    image: ecs.ContainerImage.fromAsset(path.join(__dirname, 'app')),
    containerPort: 5300,
    loadBalancer: WorkloadLoadBalancer.network({
      protocol: NetworkProtocol.UDP,
      port: 5300,
      internetFacing: true,
      // Replace with your clients' ranges.
      allowedClients: [ec2.Peer.ipv4('198.51.100.0/24')],
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
}
