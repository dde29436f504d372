import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr_assets from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';

// The snapshot serializer (test/setup/serializers.ts) replaces asset hashes, so this snapshot only changes
// when the template's shape does, not when the asset's bytes do.
test('asset hashes are stripped from snapshots', () => {
  const stack = new Stack(new App(), 'Assets', { env: { account: '111111111111', region: 'eu-west-1' } });
  const td = new ecs.FargateTaskDefinition(stack, 'Td');
  td.addContainer('app', { image: ecs.ContainerImage.fromDockerImageAsset(new ecr_assets.DockerImageAsset(stack, 'Image', { directory: join(__dirname, 'fixtures', 'image') })) });
  const [taskDefinition] = Object.values(Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition')) as any[];
  const image = taskDefinition.Properties.ContainerDefinitions[0].Image;
  expect(JSON.stringify(image)).toMatch(/[0-9a-f]{64}/);
  expect(image).toMatchSnapshot();
});
