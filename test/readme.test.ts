import { readFileSync } from 'fs';
import { join } from 'path';

test('the README quick start is examples/quick-start/main.ts, with the package import', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = /<!-- quick-start:begin -->\n```ts fixture=imports\n([\s\S]*?)```\n<!-- quick-start:end -->/.exec(readme)?.[1];
  const example = readFileSync(join(__dirname, '..', 'examples', 'quick-start', 'main.ts'), 'utf8');
  expect(block).toBe(example.replace("from '../../src'", "from 'cdk-fargate-platform'"));
  expect(example.trimEnd().split('\n').length).toBeLessThanOrEqual(24);
});
