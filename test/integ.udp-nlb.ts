// Integration app for examples/udp-nlb. `ts-node test/integ.udp-nlb.ts` synthesizes it; test/integ.test.ts keeps a
// snapshot of its templates, so any change to what the example deploys shows in review.
import { App } from 'aws-cdk-lib';
import { build } from '../examples/udp-nlb/main';

export const app = new App();
build(app);
if (require.main === module) app.synth();
