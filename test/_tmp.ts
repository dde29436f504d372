import { App, Aspects } from 'aws-cdk-lib';
import { FargateCostReport } from '../src';
for (const ex of ['quick-start', 'scheduled-job', 'eks-fargate', 'spot-queue-worker', 'private-isolated']) {
  // eslint-disable-next-line
  const mod = require(`../examples/${ex}/main`);
  const app = new App();
  mod.build(app);
  Aspects.of(app).add(new FargateCostReport({ print: true, defaultJobRunDuration: require('aws-cdk-lib').Duration.minutes(5) }));
  app.synth();
}
