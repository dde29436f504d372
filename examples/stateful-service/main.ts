// A stateful workload on EFS. A writer keeps its data on an encrypted, backed-up file system; a reader
// mounts the same directory read-only. Each mounts through an access point of its own that owns the
// files as the container's user (1000:1000), over TLS with IAM authorization; the file-system policy
// grants the writer ClientMount and ClientWrite, the reader ClientMount only, and refuses anything without TLS.
// Copy this file into your app; import from 'cdk-fargate-platform' instead of '../../src'.
import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EfsVolume, FargateEnvironment, FargatePlatformChecks, FargateWorkload } from '../../src';


export function build(app: App): Stack {
  const stack = new Stack(app, 'StatefulService', { env: { region: 'eu-west-1' } });
  const environment = new FargateEnvironment(stack, 'Env');
  const image = ecs.ContainerImage.fromAsset(path.join(__dirname, '..', 'quick-start', 'app'));

  const data = new EfsVolume(stack, 'Data', { environment });

  // One writer: a single task, so two copies never write the same files.
  const writer = new FargateWorkload(stack, 'Writer', { environment, image, desiredCount: 1, scaling: { maxCapacity: 1 } });
  writer.addVolume(data, { containerPath: '/var/lib/app' });

  const reader = new FargateWorkload(stack, 'Reader', { environment, image });
  reader.addVolume(data, { containerPath: '/srv/data', readOnly: true });
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  Aspects.of(app).add(new FargatePlatformChecks());
  app.synth();
}
