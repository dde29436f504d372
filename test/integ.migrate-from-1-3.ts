// Integration app for examples/migrate-from-1-3. `ts-node test/integ.migrate-from-1-3.ts` synthesizes it; test/integ.test.ts keeps a
// snapshot of its templates, so any change to what the example deploys shows in review.
import { App } from 'aws-cdk-lib';
import { build } from '../examples/migrate-from-1-3/main';

export const app = new App();
build(app);
if (require.main === module) app.synth();
