import { awscdk, javascript, JsonFile } from 'projen';

/** The CDK CLI version the README names and the tests run. */
const CDK_CLI_VERSION = '2.1148.1';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-fargate-platform',
  description:
    'AWS CDK constructs and synth-time checks for Fargate platform version 1.4.0: ' +
    'services, EFS, ephemeral storage, Spot, Container Insights and private-link endpoints done right.',
  author: 'cdk-fargate-platform contributors',
  authorAddress: 'maintainers@cdk-fargate-platform.dev',
  repositoryUrl: 'https://github.com/cdk-fargate-platform/cdk-fargate-platform.git',
  keywords: ['cdk', 'aws-cdk', 'ecs', 'fargate', 'cdk-nag', 'efs', 'platform-version'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdkVersion: '2.276.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  // cdk-nag is a jsii library, so it is a peer like aws-cdk-lib: the user's app owns the one copy.
  peerDeps: ['cdk-nag@^3.0.2'],
  // The command line reads YAML templates with the position of every node (jsii needs plain npm dependencies bundled).
  bundledDeps: ['yaml@^2.9.1'],
  bin: { 'cdk-fargate-platform': 'lib/cli/main.js' },
  // The CDK CLI that reads aws-cdk-lib 2.276's cloud assembly: the tests run it on real apps, as users do.
  // The kubectl layer the EKS example and tests apply manifests with (users bring the one for their Kubernetes version);
  // the SARIF 2.1.0 schema and its Jest matcher (which needs tslib without declaring it).
  devDeps: ['@cdklabs/cdk-validator-cfnguard@^0.0.62', 'ts-node', `aws-cdk@${CDK_CLI_VERSION}`, '@aws-cdk/lambda-layer-kubectl-v34@^2.2.2', '@microsoft/jest-sarif@1.0.0-beta.0', 'tslib'],
  // jsii, aws-cdk-lib 2.276 and the CDK CLI need Node.js 20 or later.
  minNodeVersion: '20.0.0',
  workflowNodeVersion: 'lts/*',
  // CI installs exactly the lock file (`npm ci`), as users' CI does: a broken lock file fails our build first.
  buildWorkflowOptions: { mutableInstall: false },
  // The test task lints without rewriting files; `npx projen eslint:fix` fixes.
  eslintOptions: { dirs: ['src'], commandOptions: { fix: false } },

  // Only the JavaScript package can be built on our CI; the other targets stay configured
  // for the release pipeline and out of the test command.
  publishToPypi: { distName: 'cdk-fargate-platform', module: 'cdk_fargate_platform' },
  publishToMaven: {
    javaPackage: 'io.github.cdkfargateplatform',
    mavenGroupId: 'io.github.cdk-fargate-platform',
    mavenArtifactId: 'cdk-fargate-platform',
  },
  publishToNuget: { dotNetNamespace: 'CdkFargatePlatform', packageId: 'CdkFargatePlatform' },
  publishToGo: { moduleName: 'github.com/cdk-fargate-platform/cdk-fargate-platform-go' },

  jestOptions: {
    // A test run never rewrites a snapshot: a changed template must fail. `npm run test:update` rewrites.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      snapshotSerializers: ['<rootDir>/test/setup/serializers.ts'],
      collectCoverage: false,
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/examples/'],
      // The built-in CloudFormation template rules print to stderr for the invalid templates the rule tests build.
      setupFiles: ['<rootDir>/test/setup/env.ts'],
    },
  },
  gitignore: ['cdk.out/', '*.cpuprofile', '/bench/out/', '/.rosetta/', '.jsii.tabl.json'],
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/scripts/', '/bench/', '/docs/', '/.ci/', '/.rosetta/', '/rosetta/'] },
});

// One tsconfig for everything that is not the library itself: examples, scripts, the benchmark and tests.
// `typecheck` runs it in the test task, so an example that no longer compiles fails CI.
new JsonFile(project, 'tsconfig.tools.json', {
  obj: {
    extends: './tsconfig.json',
    compilerOptions: { rootDir: '.', noEmit: true, noUnusedLocals: true },
    include: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
  },
});
// eslint's project service reads the nearest tsconfig.json; give each tools folder one.
for (const dir of ['examples', 'scripts', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../tsconfig.tools.json', compilerOptions: { rootDir: '..' }, include: ['**/*.ts', '../src/**/*.ts'] },
  });
}
const typecheck = project.addTask('typecheck', {
  description: 'Type-check the library, tests, examples, scripts and benchmark',
  exec: 'tsc --noEmit -p tsconfig.tools.json',
});
project.testTask.prependSpawn(typecheck);

// Fargate knowledge -> RULES.md. Generated from the rules' own metadata, never edited by hand.
const rulesDoc = project.addTask('rules:doc', {
  description: 'Regenerate RULES.md from the rule metadata',
  exec: 'ts-node -T --project tsconfig.tools.json scripts/rules-doc.ts',
});
project.postCompileTask.spawn(rulesDoc);

// Every README and doc-comment example must compile under jsii-rosetta, so Python, Java, .NET and Go users read
// translated code, not TypeScript passed through. Fixtures in rosetta/ give snippets their context; the snippets
// resolve this package through a link in .rosetta/node_modules, and Node's types from the project's node_modules.
const rosetta = project.addTask('docs:rosetta', {
  description: 'Compile every README and doc-comment example with jsii-rosetta; fail on any that does not compile',
  steps: [
    { exec: 'mkdir -p .rosetta/node_modules && ln -sfn ../.. .rosetta/node_modules/cdk-fargate-platform' },
    { exec: 'jsii-rosetta extract --strict --directory .rosetta' },
  ],
});
project.postCompileTask.spawn(rosetta);
const translated = project.addTask('docs:translated', {
  description: 'Generate the Python sources and README (code only) with the rosetta tablet; fail if TypeScript shows through',
  exec: 'bash scripts/check-translated-docs.sh',
});
project.postCompileTask.spawn(translated);


// The main job: synthesize every example under the checks and fail on any unacknowledged finding.
project.addTask('examples', {
  description: 'Synthesize every example under the checks; print a findings table; fail on any unacknowledged finding',
  exec: 'ts-node -T --project tsconfig.tools.json scripts/examples.ts',
});

// An AWS Price List offer file (AmazonECS) -> the props of FargatePriceTable.custom for one Region.
project.addTask('prices', {
  description: 'Turn a downloaded AWS Price List AmazonECS offer file into a price table for one Region (args: file region)',
  exec: 'ts-node -T --project tsconfig.tools.json scripts/price-list.ts',
  receiveArgs: true,
});

// A benchmark, never a timed test: synth with and without FargatePlatformChecks on a 40-service plain app.
// Both run under --expose-gc, to collect garbage before each timed synth.
const benchEnv = { TS_NODE_PROJECT: 'tsconfig.tools.json', TS_NODE_TRANSPILE_ONLY: 'true' };
project.addTask('bench:checks', {
  description: 'Measure what FargatePlatformChecks adds to synth time (args: services runs)',
  exec: 'node --expose-gc -r ts-node/register bench/checks-overhead.ts',
  env: benchEnv,
  receiveArgs: true,
});

// The command line on a 50-service template, against starting Node and loading aws-cdk-lib (needs \`npx projen compile\`).
project.addTask('bench:cli', {
  description: 'Time `cdk-fargate-platform check` on a 50-service template; writes docs/benchmarks-cli.md (args: runs)',
  exec: 'node -r ts-node/register bench/cli.ts',
  env: benchEnv,
  receiveArgs: true,
});

// The benchmark: library against hand-written aws-cdk-lib at N = 10, 50, 200; writes docs/benchmarks.md.
project.addTask('bench', {
  description: 'Synth time, memory and size of the library against hand-written aws-cdk-lib (args: runs sizes...; default 11 10 50 200)',
  exec: 'node --expose-gc -r ts-node/register bench/synth.ts',
  env: benchEnv,
  receiveArgs: true,
});

project.addTask('eslint:fix', {
  description: 'Run eslint and fix what it can',
  exec: 'eslint --ext .ts,.tsx --fix --no-error-on-unmatched-pattern src test build-tools examples scripts bench projenrc .projenrc.ts',
  env: { ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1' },
});

project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('scripts');
project.eslint?.addLintPattern('bench');
// The main command, the examples and the benchmark run only from a clone, with the dev dependencies installed.
project.eslint?.addOverride({
  files: ['scripts/**/*.ts', 'bench/**/*.ts', 'examples/**/*.ts'],
  rules: { 'import/no-extraneous-dependencies': 'off' },
});

project.synth();
