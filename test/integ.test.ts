import { readdirSync } from 'fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

// One committed snapshot per example (test/integ.<example>.ts), asset hashes stripped by test/setup/serializers.ts.
// No deployment is possible here; the snapshots are what review sees change. `npm run test:update` rewrites them.
const integs = readdirSync(__dirname).filter(f => /^integ\..+\.ts$/.test(f) && !f.endsWith('.test.ts')).sort();

test('every example has an integ app', () => {
  const examples = readdirSync(`${__dirname}/../examples`, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort();
  expect(integs.map(f => f.replace(/^integ\.|\.ts$/g, ''))).toEqual(examples);
});

test.each(integs)('%s', file => {
  // Examples are found on disk, so they are loaded by path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const app: App = require(`./${file}`).app;
  const templates = Object.fromEntries(app.node.children
    .filter((c: any) => c.templateFile !== undefined)
    .map((stack: any) => [stack.stackName, Template.fromStack(stack).toJSON()]));
  expect(Object.keys(templates).length).toBeGreaterThan(0);
  expect(templates).toMatchSnapshot();
});
