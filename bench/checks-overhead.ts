// Benchmark: what FargatePlatformChecks adds to the synth time of a plain aws-cdk-lib app with 40 Fargate
// services. Runs alternate with and without the checks in one process, so machine noise hits both alike.
// `npm run bench:checks [-- services runs]` (default 40 services, 15 runs). Not a test: nothing here asserts a time.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FargatePlatformChecks } from '../src';

const PER_STACK = 10;

/** The plain app: stacks of 10 services each, each stack with its VPC and cluster. */
function buildApp(outdir: string, services: number, checks: boolean): App {
  const app = new App({ outdir });
  for (let s = 0; s * PER_STACK < services; s++) {
    const stack = new Stack(app, `Services${s}`, { env: { account: '111111111111', region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, enableFargateCapacityProviders: true, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
    for (let i = s * PER_STACK; i < Math.min(services, (s + 1) * PER_STACK); i++) {
      const td = new ecs.FargateTaskDefinition(stack, `Task${i}`, { cpu: 512, memoryLimitMiB: 1024, ephemeralStorageGiB: 50 });
      td.addContainer('app', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
        portMappings: [{ containerPort: 8080 }],
        logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app', logRetention: logs.RetentionDays.ONE_MONTH }),
        readonlyRootFilesystem: true,
      });
      new ecs.FargateService(stack, `Service${i}`, {
        cluster,
        taskDefinition: td,
        platformVersion: ecs.FargatePlatformVersion.VERSION1_4,
        capacityProviderStrategies: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 2 }],
      });
    }
  }
  if (checks) Aspects.of(app).add(new FargatePlatformChecks());
  return app;
}

/**
 * A full garbage collection before each timed synth, so no run pays for the garbage of the one before
 * (the bench runs with `--expose-gc`; without it, this does nothing).
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function timeOnce(services: number, checks: boolean): number {
  collectGarbage();
  const outdir = mkdtempSync(join(tmpdir(), 'bench-'));
  const start = process.hrtime.bigint();
  buildApp(outdir, services, checks).synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  rmSync(outdir, { recursive: true, force: true });
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** What the checks-alone measurement ran and found. */
export interface ChecksOverhead { services: number; runs: number; plain: number; checked: number; ratio: number }

export function measureChecksOverhead({ services = 40, runs = 15 }: { services?: number; runs?: number } = {}): ChecksOverhead {
  timeOnce(services, false); timeOnce(services, true); // warm the module cache and the JIT
  const plain: number[] = [];
  const checked: number[] = [];
  for (let r = 0; r < runs; r++) {
    // Alternate the order so neither side always runs on a warmer heap.
    const order = r % 2 === 0 ? [false, true] : [true, false];
    for (const withChecks of order) (withChecks ? checked : plain).push(timeOnce(services, withChecks));
  }
  return { services, runs, plain: median(plain), checked: median(checked), ratio: median(checked) / median(plain) };
}

if (require.main === module) {
  const r = measureChecksOverhead({ services: Number(process.argv[2] ?? 40), runs: Number(process.argv[3] ?? 15) });
  console.log(`services=${r.services} runs=${r.runs} node=${process.version}`);
  console.log(`plain aws-cdk-lib synth  median ${r.plain.toFixed(0)} ms`);
  console.log(`with FargatePlatformChecks median ${r.checked.toFixed(0)} ms`);
  console.log(`ratio ${r.ratio.toFixed(3)} (overhead ${((r.ratio - 1) * 100).toFixed(1)}%)`);
}
