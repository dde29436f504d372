// Integration app for examples/arm64-service. `ts-node test/integ.arm64-service.ts` synthesizes it; test/integ.test.ts keeps a
// snapshot of its templates, so any change to what the example deploys shows in review.
import { App } from 'aws-cdk-lib';
import { build } from '../examples/arm64-service/main';

export const app = new App();
build(app);
if (require.main === module) app.synth();
