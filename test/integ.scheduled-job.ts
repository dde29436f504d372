// Integration app for examples/scheduled-job. `ts-node test/integ.scheduled-job.ts` synthesizes it; test/integ.test.ts keeps a
// snapshot of its templates, so any change to what the example deploys shows in review.
import { App } from 'aws-cdk-lib';
import { build } from '../examples/scheduled-job/main';

export const app = new App();
build(app);
if (require.main === module) app.synth();
