import { Template } from 'aws-cdk-lib/assertions';
import { EfsVolume, FargateWorkload } from '../../src';
import { environmentStack, IMAGE } from '../workload/fixtures';

// One snapshot per representative storage configuration; `npm run test:update` rewrites them.
describe('storage snapshots', () => {
  test('an EFS volume shared by a writer and a read-only reader', () => {
    const { stack, env } = environmentStack();
    const volume = new EfsVolume(stack, 'Data', { environment: env });
    new FargateWorkload(stack, 'Writer', { environment: env, image: IMAGE }).addVolume(volume, { containerPath: '/var/lib/app' });
    new FargateWorkload(stack, 'Reader', { environment: env, image: IMAGE }).addVolume(volume, { containerPath: '/srv/data', readOnly: true });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });

  test('a per-task EBS volume', () => {
    const { stack, env } = environmentStack();
    new FargateWorkload(stack, 'Scratch', { environment: env, image: IMAGE }).addEbsVolume({ containerPath: '/scratch', sizeGiB: 500 });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});
