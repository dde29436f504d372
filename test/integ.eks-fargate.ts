// Integration app for examples/eks-fargate. `ts-node test/integ.eks-fargate.ts` synthesizes it; test/integ.test.ts keeps a
// snapshot of its templates, so any change to what the example deploys shows in review.
import { App } from 'aws-cdk-lib';
import { build } from '../examples/eks-fargate/main';

export const app = new App();
build(app);
if (require.main === module) app.synth();
