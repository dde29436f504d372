// Integration app for examples/spot-queue-worker. `ts-node test/integ.spot-queue-worker.ts` synthesizes it; test/integ.test.ts keeps a
// snapshot of its templates, so any change to what the example deploys shows in review.
import { App } from 'aws-cdk-lib';
import { build } from '../examples/spot-queue-worker/main';

export const app = new App();
build(app);
if (require.main === module) app.synth();
