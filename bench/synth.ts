// Benchmark, `npm run bench [-- runs sizes...]`: synth cost of the library against the same infrastructure
// hand-written with plain aws-cdk-lib, at N = 10, 50 and 200 workloads, plus FargatePlatformChecks alone.
// Timing runs alternate the two ways in one process, so machine noise hits both alike; peak memory comes from
// one child process per way and size. Writes docs/benchmarks.md. Not a test: nothing here asserts a time.
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { App, ArnFormat, Aspects, CfnResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { collectGarbage, measureChecksOverhead } from './checks-overhead';
import { CapacityStrategy, EfsVolume, FargateCostReport, FargateEnvironment, FargatePlatformChecks, FargateWorkload, WorkloadLoadBalancer } from '../src';
import { StackChecks } from '../src/checks/engine';

const ENV = { account: '111111111111', region: 'eu-west-1' };
const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');
/** Workloads per stack: about 45 resources each keeps a stack near 450, under CloudFormation's 500. */
const PER_STACK = 10;
const args = process.argv.slice(2).filter(a => !a.startsWith('--'));
const RUNS = Number(args[0] ?? 11);
const SIZES = args.length > 1 ? args.slice(1).map(Number) : [10, 50, 200];
/** The checks-alone app synthesizes in a fraction of the time, so it gets more runs for a steadier median. */
const CHECKS_RUNS = Math.max(RUNS, 15);
/** The size each run's process warms up at before it is timed. */
const WARM_UP_N = 10;
/** Below this many workloads, a run's process times more than one rotation of the three apps. */
const SMALL_APP_WORKLOADS = 30;

/**
 * The library app, the hand-written app, the hand-written app under FargatePlatformChecks (the checks alone), and the
 * hand-written app under the checks with FargateCostReport beside them (what the cost estimate adds to the checks).
 */
type Way = 'library' | 'hand-written' | 'checked' | 'costed';
const WAYS: Way[] = ['library', 'hand-written', 'checked', 'costed'];

/** The library way: one environment, N workloads (EFS, 50 GiB, FARGATE + FARGATE_SPOT, ALB), with the checks. */
function libraryApp(app: App, n: number): void {
  const envStack = new Stack(app, 'Environment', { env: ENV });
  const environment = new FargateEnvironment(envStack, 'Env');
  for (let s = 0; s * PER_STACK < n; s++) {
    const stack = new Stack(app, `Workloads${s}`, { env: ENV });
    for (let i = s * PER_STACK; i < Math.min(n, (s + 1) * PER_STACK); i++) {
      const volume = new EfsVolume(stack, `Data${i}`, { environment });
      const workload = new FargateWorkload(stack, `Svc${i}`, {
        environment,
        image: IMAGE,
        ephemeralStorageGiB: 50,
        capacity: CapacityStrategy.mixed({ onDemandBase: 1 }),
        loadBalancer: WorkloadLoadBalancer.http(),
      });
      workload.addVolume(volume, { containerPath: '/data' });
    }
  }
  Aspects.of(app).add(new FargatePlatformChecks());
}

/** An iam.Role whose grants go into a customer managed policy, as NIST 800-53's IAMNoInlinePolicy asks. */
class RoleWithManagedPolicy extends iam.Role {
  private policy?: iam.ManagedPolicy;
  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.policy ??= new iam.ManagedPolicy(this, 'Policy', { roles: [this] });
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }
}

/**
 * The same infrastructure in plain aws-cdk-lib, resource for resource as the library makes it (`npm run bench`
 * prints any difference in resource types): what a careful team would write by hand to pass the same checks.
 */
function handWrittenApp(app: App, n: number): void {
  const envStack = new Stack(app, 'Environment', { env: ENV });
  const key = new kms.Key(envStack, 'Key', { enableKeyRotation: true });
  const vpc = new ec2.Vpc(envStack, 'Vpc', { maxAzs: 2, restrictDefaultSecurityGroup: true });
  const flowLogs = new logs.LogGroup(envStack, 'FlowLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
  const flowLogRole = new RoleWithManagedPolicy(envStack, 'FlowLogRole', { assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com') });
  vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs, flowLogRole) });
  const cluster = new ecs.Cluster(envStack, 'Cluster', {
    vpc,
    enableFargateCapacityProviders: true,
    containerInsightsV2: ecs.ContainerInsights.ENHANCED,
    managedStorageConfiguration: { fargateEphemeralStorageKmsKey: key },
  });
  const logGroup = (scope: Stack, id: string, logGroupName?: string) =>
    new logs.LogGroup(scope, id, { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN, logGroupName });
  const logsBucket = (scope: Stack, id: string, props: s3.BucketProps) => new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ id: 'Retention', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    ...props,
  });
  // One access-log bucket for every load balancer, each under its own prefix, with ELB delivery granted once.
  const serverAccessLogs = logsBucket(envStack, 'AlbLogsLogs', { objectOwnership: s3.ObjectOwnership.OBJECT_WRITER });
  const accessLogs = logsBucket(envStack, 'AlbLogs', { serverAccessLogsBucket: serverAccessLogs });
  const objects = accessLogs.arnForObjects(`*/AWSLogs/${ENV.account}/*`);
  const logDelivery = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
  accessLogs.addToResourcePolicy(new iam.PolicyStatement({
    actions: ['s3:PutObject'], principals: [new iam.AccountPrincipal(RegionInfo.get(ENV.region).elbv2Account!)], resources: [objects],
  }));
  accessLogs.addToResourcePolicy(new iam.PolicyStatement({
    actions: ['s3:PutObject'], principals: [logDelivery], resources: [objects], conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
  }));
  accessLogs.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:GetBucketAcl'], principals: [logDelivery], resources: [accessLogs.bucketArn] }));
  for (let s = 0; s * PER_STACK < n; s++) {
    const stack = new Stack(app, `Workloads${s}`, { env: ENV });
    for (let i = s * PER_STACK; i < Math.min(n, (s + 1) * PER_STACK); i++) {
      const fileSystem = new efs.FileSystem(stack, `Data${i}`, {
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        encrypted: true,
        kmsKey: key,
        enableAutomaticBackups: true,
        removalPolicy: RemovalPolicy.RETAIN,
        lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS,
        outOfInfrequentAccessPolicy: efs.OutOfInfrequentAccessPolicy.AFTER_1_ACCESS,
        throughputMode: efs.ThroughputMode.ELASTIC,
        allowAnonymousAccess: true, // the policy below denies plain-text access and grants the task role
      });
      fileSystem.addToResourcePolicy(new iam.PolicyStatement({
        effect: iam.Effect.DENY, actions: ['*'], principals: [new iam.AnyPrincipal()], conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }));
      const accessPoint = fileSystem.addAccessPoint(`Ap${i}`, {
        path: '/data', posixUser: { uid: '1000', gid: '1000' }, createAcl: { ownerUid: '1000', ownerGid: '1000', permissions: '750' },
      });
      const tasks = new iam.ServicePrincipal('ecs-tasks.amazonaws.com');
      const td = new ecs.FargateTaskDefinition(stack, `Task${i}`, {
        taskRole: new RoleWithManagedPolicy(stack, `TaskRole${i}`, { assumedBy: tasks }),
        executionRole: new RoleWithManagedPolicy(stack, `ExecutionRole${i}`, { assumedBy: tasks }),
        cpu: 256,
        memoryLimitMiB: 512,
        ephemeralStorageGiB: 50,
        runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
      });
      td.addVolume({
        name: 'data',
        efsVolumeConfiguration: {
          fileSystemId: fileSystem.fileSystemId,
          transitEncryption: 'ENABLED',
          authorizationConfig: { accessPointId: accessPoint.accessPointId, iam: 'ENABLED' },
        },
      });
      const container = td.addContainer('app', {
        image: IMAGE,
        portMappings: [{ containerPort: 8080 }],
        logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app', logGroup: logGroup(stack, `Logs${i}`) }),
        readonlyRootFilesystem: true,
        user: '1000:1000',
        memoryLimitMiB: 512,
        stopTimeout: Duration.seconds(120),
      });
      container.addMountPoints({ sourceVolume: 'data', containerPath: '/data', readOnly: false });
      const service = new ecs.FargateService(stack, `Service${i}`, {
        cluster,
        taskDefinition: td,
        platformVersion: ecs.FargatePlatformVersion.VERSION1_4,
        desiredCount: 2,
        minHealthyPercent: 100,
        maxHealthyPercent: 200,
        circuitBreaker: { enable: true, rollback: true },
        capacityProviderStrategies: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }],
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        assignPublicIp: false,
        propagateTags: ecs.PropagatedTagSource.SERVICE,
        enableECSManagedTags: true,
        healthCheckGracePeriod: Duration.seconds(60),
      });
      fileSystem.connections.allowDefaultPortFrom(service);
      fileSystem.addToResourcePolicy(new iam.PolicyStatement({
        principals: [td.taskRole],
        actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        resources: ['*'],
        conditions: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
      }));
      service.node.addDependency(fileSystem.mountTargetsAvailable);
      const scaling = service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 8 });
      scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 70 });
      scaling.scaleOnMemoryUtilization('Memory', { targetUtilizationPercent: 80 });
      const alb = new elbv2.ApplicationLoadBalancer(stack, `Alb${i}`, {
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        internetFacing: false,
        dropInvalidHeaderFields: true,
        deletionProtection: true,
      });
      alb.setAttribute('access_logs.s3.enabled', 'true');
      alb.setAttribute('access_logs.s3.bucket', accessLogs.bucketName);
      alb.setAttribute('access_logs.s3.prefix', `${stack.node.id}/Svc${i}`);
      (alb.node.defaultChild as CfnResource).addResourceDependency(accessLogs.policy!.node.defaultChild as CfnResource);
      const listener = alb.addListener('Http', { port: 80, open: false });
      alb.connections.allowFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(80), 'Clients');
      listener.addTargets('Targets', {
        port: 8080,
        targets: [service],
        deregistrationDelay: Duration.seconds(30),
        healthCheck: { path: '/', interval: Duration.seconds(15), healthyThresholdCount: 2, unhealthyThresholdCount: 3, healthyHttpCodes: '200-399' },
      });
      const metric = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name });
      const acl = new wafv2.CfnWebACL(stack, `Acl${i}`, {
        scope: 'REGIONAL',
        defaultAction: { allow: {} },
        visibilityConfig: metric(`acl${i}`),
        rules: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'].map((name, priority) => ({
          name, priority, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } }, overrideAction: { none: {} }, visibilityConfig: metric(name),
        })),
      });
      new wafv2.CfnWebACLAssociation(stack, `AclAssoc${i}`, { resourceArn: alb.loadBalancerArn, webAclArn: acl.attrArn });
      const wafLogs = logGroup(stack, `AclLogs${i}`, `aws-waf-logs-acl${i}`);
      new wafv2.CfnLoggingConfiguration(stack, `AclLogging${i}`, {
        resourceArn: acl.attrArn,
        logDestinationConfigs: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: wafLogs.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      });
    }
  }
}

export function build(way: Way, n: number, outdir: string): App {
  const app = new App({ outdir });
  (way === 'library' ? libraryApp : handWrittenApp)(app, n);
  if (way === 'checked' || way === 'costed') Aspects.of(app).add(new FargatePlatformChecks());
  if (way === 'costed') Aspects.of(app).add(new FargateCostReport());
  return app;
}

interface Sample { ms: number; checksMs: number; reportMs: number; bytes: number; resources: number; stacks: number; types: Record<string, number> }

/**
 * Time spent inside the checks, to read beside the wall-clock ratio, which this machine's noise moves by a few
 * percent: the stack passes (StackChecks) and the aspect's visits, added up per synth.
 */
let checksMs = 0;
let reportMs = 0;
function timeInside<T extends object>(proto: T, method: string, add: (ms: number) => void): void {
  const original = (proto as any)[method];
  (proto as any)[method] = function (this: unknown, ...callArgs: unknown[]) {
    const start = process.hrtime.bigint();
    try {
      return original.apply(this, callArgs);
    } finally {
      add(Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
}
timeInside(StackChecks.prototype, 'run', ms => checksMs += ms);
timeInside(FargatePlatformChecks.prototype, 'visit', ms => checksMs += ms);
// The report's work: estimating every stack, then writing and (when asked) printing it.
timeInside(FargateCostReport.prototype, 'estimate', ms => reportMs += ms);
timeInside(FargateCostReport.prototype, 'write', ms => reportMs += ms);

function synthOnce(way: Way, n: number): Sample {
  collectGarbage();
  const outdir = mkdtempSync(join(tmpdir(), `bench-${way}-`));
  checksMs = 0;
  reportMs = 0;
  const start = process.hrtime.bigint();
  build(way, n, outdir).synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const inChecks = checksMs;
  const inReport = reportMs;
  let bytes = 0;
  let resources = 0;
  let stacks = 0;
  const types: Record<string, number> = {};
  for (const f of readdirSync(outdir).filter(x => x.endsWith('.template.json'))) {
    bytes += statSync(join(outdir, f)).size;
    const found = Object.values<{ Type: string }>(JSON.parse(readFileSync(join(outdir, f), 'utf8')).Resources ?? {});
    for (const r of found) types[r.Type] = (types[r.Type] ?? 0) + 1;
    resources += found.length;
    stacks++;
  }
  rmSync(outdir, { recursive: true, force: true });
  return { ms, checksMs: inChecks, reportMs: inReport, bytes, resources, stacks, types };
}

/**
 * One run: a child process warms up (both apps, the library's with the checks, at N = 10, so the code is compiled
 * and optimized), then synthesizes the three ways at N in an order rotated by the run number, so none
 * always goes first or last. A fresh process per run: aws-cdk-lib keeps every token it ever made, so one
 * process synthesizing dozens of apps grows by hundreds of MiB, and its garbage collections, not the apps,
 * would come to decide the times.
 */
function runInChild(n: number, run: number): Array<Record<Way, Sample>> {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--run', String(n), String(run)], { encoding: 'utf8', maxBuffer: 2 ** 26 });
  return out.trim().split('\n').filter(line => line.startsWith('{')).map(line => JSON.parse(line));
}

function childRun(n: number, run: number): void {
  for (const way of ['library', 'hand-written'] as Way[]) synthOnce(way, WARM_UP_N);
  for (let rotation = 0; rotation < rotationsAt(n); rotation++) {
    const samples = {} as Record<Way, Sample>;
    for (let i = 0; i < WAYS.length; i++) {
      const way = WAYS[(i + run + rotation) % WAYS.length];
      samples[way] = synthOnce(way, n);
    }
    console.log(JSON.stringify(samples));
  }
}

/** Small apps synthesize in half a second, where noise weighs most: their processes time several rotations. */
function rotationsAt(n: number): number {
  return Math.max(1, Math.round(SMALL_APP_WORKLOADS / n));
}

/** Peak resident memory of one synth, in a child process of its own. */
function peakMemoryMiB(way: Way, n: number): number {
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, '--child', way, String(n)], {
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, 'tsconfig.json') }, encoding: 'utf8',
  });
  return Number(out.trim().split('\n').pop());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `Type: library / hand-written` for every resource type the two apps do not make equally often. */
function resourceTypeDifferences(samples: Record<Way, Sample>): string[] {
  const lib = samples.library.types;
  const hand = samples['hand-written'].types;
  return [...new Set([...Object.keys(lib), ...Object.keys(hand)])].sort()
    .filter(t => lib[t] !== hand[t])
    .map(t => `\`${t}\` ${lib[t] ?? 0} / ${hand[t] ?? 0}`);
}

function main(): void {
  const rows: string[][] = [];
  const perWorkload: Record<number, number> = {};
  const checksRatio: Record<number, number> = {};
  let last: Record<Way, Sample> | undefined;
  for (const n of SIZES) {
    const times: Record<Way, number[]> = { 'library': [], 'hand-written': [], 'checked': [], 'costed': [] };
    const libraryRatios: number[] = [];
    const checksRatios: number[] = [];
    const inChecks: number[] = [];
    const reportRatios: number[] = [];
    const inReport: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      for (const samples of runInChild(n, r)) {
        for (const way of WAYS) times[way].push(samples[way].ms);
        // Ratios within a run: the three apps ran side by side in one process, so a slow spell of the machine
        // weighs on all three, where it would skew one median against another.
        libraryRatios.push(samples.library.ms / samples['hand-written'].ms);
        checksRatios.push(samples.checked.ms / samples['hand-written'].ms);
        inChecks.push(samples.checked.checksMs / samples.checked.ms);
        reportRatios.push(samples.costed.ms / samples.checked.ms);
        // What the report adds: its own time and the checks' in the same synth, less the checks' time without it.
        inReport.push((samples.costed.reportMs + samples.costed.checksMs - samples.checked.checksMs) / samples.checked.ms);
        last = samples;
      }
    }
    const lib = median(times.library);
    const hand = median(times['hand-written']);
    const checked = median(times.checked);
    const libraryRatio = median(libraryRatios);
    perWorkload[n] = lib / n;
    checksRatio[n] = median(checksRatios);
    const memory = { 'library': peakMemoryMiB('library', n), 'hand-written': peakMemoryMiB('hand-written', n) };
    const diff = last!.library.resources - last!['hand-written'].resources;
    rows.push([
      String(n), `${last!.library.stacks}`, `${lib.toFixed(0)}`, `${hand.toFixed(0)}`, `**${libraryRatio.toFixed(2)}**`,
      `${(lib / n).toFixed(1)}`, `${checked.toFixed(0)}`, `**${checksRatio[n].toFixed(3)}**`, `${(median(inChecks) * 100).toFixed(1)} %`,
      `**${median(reportRatios).toFixed(3)}**`, `${(median(inReport) * 100).toFixed(1)} %`,
      `${memory.library} / ${memory['hand-written']}`,
      `${(last!.library.bytes / 1024).toFixed(0)} / ${(last!['hand-written'].bytes / 1024).toFixed(0)}`,
      `${last!.library.resources} / ${last!['hand-written'].resources} (${diff >= 0 ? '+' : ''}${diff})`,
    ]);
    console.log(`N=${n}: library ${lib.toFixed(0)} ms, hand-written ${hand.toFixed(0)} ms, ratio ${libraryRatio.toFixed(2)}; ` +
      `hand-written with checks ${checked.toFixed(0)} ms, ratio ${checksRatio[n].toFixed(3)}; with the cost report ratio ` +
      `${median(reportRatios).toFixed(3)}, adding ${(median(inReport) * 100).toFixed(1)} %`);
  }
  const typeDiff = resourceTypeDifferences(last!);
  const servicesOnly = measureChecksOverhead({ runs: CHECKS_RUNS });
  const header = ['N', 'stacks', 'library ms', 'hand-written ms', 'library / hand-written', 'library ms/workload',
    'hand-written + checks ms', 'checks ratio', 'time inside the checks', 'cost report ratio', 'time the report adds', 'peak RSS MiB (lib / hand)', 'template KiB (lib / hand)', 'resources (lib / hand, diff)'];
  const table = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map(r => `| ${r.join(' | ')} |`)].join('\n');
  const flat = SIZES.length > 1 ? (perWorkload[SIZES[SIZES.length - 1]] / perWorkload[SIZES[0]]).toFixed(2) : 'n/a';
  const doc = `# Benchmarks

Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'},
${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${RUNS} runs per size (medians), each in a fresh process
that warms up first, then times the four apps in rotated order (${rotationsAt(SIZES[0])} rotations at N = ${SIZES[0]}), each after a full garbage collection. This machine is
shared and noisy: read the ratios, which compare runs made side by side, not the absolute times.

The library app is one \`FargateEnvironment\` and N \`FargateWorkload\`s, each with an \`EfsVolume\`, 50 GiB of ephemeral
storage, FARGATE + FARGATE_SPOT and an ALB (with WAF and access logs), under \`FargatePlatformChecks\`. The hand-written
app builds the same resources in plain aws-cdk-lib, configured alike (the EFS policy, access point and backups, one
access-log bucket for every ALB with its own server-access-log bucket, the WAF web ACL with its managed rule groups and
its log group), without checks. Workloads are ${PER_STACK} to a stack. Resource types that differ, at
N = ${SIZES[SIZES.length - 1]}: ${typeDiff.length === 0 ? 'none' : typeDiff.join('; ')}.

${table}

- Times are medians over the runs. Ratios are the median of each run's own ratio (the apps of one run ran side by
  side in one process, so the machine's slow spells weigh on both sides of it).
- Library against hand-written (target at most 1.10 at N = 50): the \`library / hand-written\` column.
- Per-workload time at N = ${SIZES[SIZES.length - 1]} over N = ${SIZES[0]}: **${flat}** (target at most 1.2).
- The checks alone (target at most 1.05): the \`checks ratio\` column, the hand-written app synthesized with
  \`FargatePlatformChecks\` over the same app without, in the same runs. \`time inside the checks\` is the share of
  those synths spent in the checks themselves (their stack passes and the aspect's visits, timed inside the process):
  the same cost without the machine's noise, which moves the wall-clock ratios by a few percent either way.
- The cost estimate (target at most 1.02 at N = 50): the \`cost report ratio\` column, the hand-written app under the
  checks with \`FargateCostReport\` beside them over the same app under the checks alone, and \`time the report adds\`:
  the time inside the report and the checks in the first, less the time inside the checks in the second, over the
  second's synth time. The report reads each stack through the checks' rule context, so what it adds is its own
  arithmetic, not a second resolution of the resources.
- The worst case for the checks, an app of nothing but Fargate services (${servicesOnly.services} services with their VPCs and
  clusters, \`npm run bench:checks\`, ${servicesOnly.runs} alternating runs): ${servicesOnly.plain.toFixed(0)} ms without, ${servicesOnly.checked.toFixed(0)} ms
  with, ratio ${servicesOnly.ratio.toFixed(3)}. Most of it (two thirds in a CPU profile) is aws-cdk-lib resolving
  the tokens of every task definition and service once more, so the rules see what CloudFormation will see.
`;
  writeFileSync(join(__dirname, '..', 'docs', 'benchmarks.md'), doc);
  console.log(`\n${table}\n\nper-workload N=${SIZES[SIZES.length - 1]}/N=${SIZES[0]}: ${flat}; services-only checks ratio ${servicesOnly.ratio.toFixed(3)}`);
}

if (process.argv.includes('--run')) {
  const [n, run] = process.argv.slice(process.argv.indexOf('--run') + 1).map(Number);
  childRun(n, run);
} else if (process.argv.includes('--child')) {
  const [way, n] = process.argv.slice(process.argv.indexOf('--child') + 1);
  synthOnce(way as Way, Number(n));
  console.log(Math.round(process.resourceUsage().maxRSS / 1024));
} else if (require.main === module) {
  main();
}
