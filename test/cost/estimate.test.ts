import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, CfnParameter, CfnResource, Duration, Stack, Stage } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { FargateCostReport, FargatePriceTable, PriceDimension } from '../../src';
import { CostAssumptions, CostLine, DEFAULT_COST_ASSUMPTIONS, estimateStack, placeTasks } from '../../src/cost/estimate';
import { runsPerMonth } from '../../src/cost/schedule';
import { RuleContext } from '../../src/rules/context';
import { l1Service, l1TaskDefinition, newStack } from '../rules/harness';

const PRICES = FargatePriceTable.usEast1();
const ASSUME: CostAssumptions = DEFAULT_COST_ASSUMPTIONS;

function estimate(stack: Stack, assumptions: Partial<CostAssumptions> = {}): CostLine[] {
  (stack.node.root as App).synth();
  return estimateStack(stack.stackName, new RuleContext(stack), PRICES, { ...ASSUME, ...assumptions });
}

function service(stack: Stack, id: string, td: Parameters<typeof l1TaskDefinition>[2], svc: Parameters<typeof l1Service>[3] = {}) {
  return l1Service(stack, id, l1TaskDefinition(stack, `${id}Td`, td), svc);
}

function only(lines: CostLine[], kind: CostLine['kind']): CostLine {
  const found = lines.filter(l => l.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('Fargate compute, against a hand calculation', () => {
  test('x86 on demand: Infracost\'s formula, to the cent', () => {
    const stack = newStack();
    service(stack, 'Api', { cpu: '1024', memory: '2048' }, { desiredCount: 2 });
    // Infracost: desired count × (vCPU × 0.04048 + GB × 0.004445) × 730 = 2 × (0.04048 + 0.00889) × 730 = 72.0802
    expect(only(estimate(stack), 'service').monthly.expected).toBeCloseTo(2 * (1 * 0.04048 + 2 * 0.004445) * 730, 6);
    expect(only(estimate(stack), 'service').monthly.expected!.toFixed(2)).toBe('72.08');
  });

  test('ARM64', () => {
    const stack = newStack();
    service(stack, 'Arm', { cpu: '1024', memory: '2048', runtimePlatform: { cpuArchitecture: 'ARM64' } });
    // 1 × (0.03238 + 2 × 0.00356) × 730 = 0.0395 × 730 = 28.835
    expect(only(estimate(stack), 'service').monthly.expected).toBeCloseTo(28.835, 6);
  });

  test('Windows, with the licence fee', () => {
    const stack = newStack();
    service(stack, 'Win', { cpu: '1024', memory: '2048', runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } });
    // 1 × ((0.09148 + 0.046) × 1 + 0.01005 × 2) × 730 = 0.15758 × 730 = 115.0334
    expect(only(estimate(stack), 'service').monthly.expected).toBeCloseTo(115.0334, 6);
  });

  test('50 GiB of ephemeral storage: 30 above the included 20', () => {
    const stack = newStack();
    service(stack, 'Disk', { ephemeralStorage: { sizeInGiB: 50 } });
    // (0.25 × 0.04048 + 0.5 × 0.004445 + 30 × 0.000111) × 730 = (0.01012 + 0.0022225 + 0.00333) × 730 = 11.440925
    const line = only(estimate(stack), 'service');
    expect(line.monthly.expected).toBeCloseTo(11.440925, 6);
    expect(line.insights).toContainEqual(expect.stringMatching(/\$2\.43 a month of it is ephemeral storage above the included 20 GB/));
  });

  test('a strategy with a base of 2 and weights 1:3 at 10 tasks: 4 on demand, 6 on Spot', () => {
    const strategy = [{ capacityProvider: 'FARGATE', base: 2, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }];
    const pascal = strategy.map(s => ({ CapacityProvider: s.capacityProvider, Base: s.base, Weight: s.weight }));
    expect(placeTasks(10, pascal)).toEqual({ onDemand: 4, spot: 6 });
    const stack = newStack();
    service(stack, 'Mixed', { cpu: '1024', memory: '2048' }, { desiredCount: 10, launchType: undefined, capacityProviderStrategy: strategy });
    // on demand 0.04048 + 2 × 0.004445 = 0.04937; Spot 0.01288871 + 2 × 0.00141527 = 0.01571925
    // (4 × 0.04937 + 6 × 0.01571925) × 730 = (0.19748 + 0.0943155) × 730 = 213.010715
    const line = only(estimate(stack), 'service');
    expect(line.monthly.expected).toBeCloseTo(213.010715, 6);
    expect(line.description).toMatch(/10 × 1 vCPU \/ 2 GB Linux x86_64 \(4 on demand, 6 on Spot\)/);
  });

  test('a scaling range: low, expected and high at the scaling target\'s bounds', () => {
    const stack = newStack();
    const svc = service(stack, 'Scaled', { cpu: '1024', memory: '2048' }, { desiredCount: 2 });
    new appscaling.CfnScalableTarget(stack, 'Target', {
      minCapacity: 1,
      maxCapacity: 6,
      scalableDimension: 'ecs:service:DesiredCount',
      serviceNamespace: 'ecs',
      resourceId: `service/c/${svc.attrName}`,
    });
    const hour = 0.04937 * 730; // 36.0401 per task-month
    const { monthly } = only(estimate(stack), 'service');
    expect([monthly.low, monthly.expected, monthly.high].map(v => v!.toFixed(4))).toEqual([hour, 2 * hour, 6 * hour].map(v => v.toFixed(4)));
  });

  test('a job on rate(1 hour) with a 5-minute run', () => {
    const stack = newStack();
    const td = l1TaskDefinition(stack, 'JobTd', { cpu: '1024', memory: '2048' });
    new scheduler.CfnSchedule(stack, 'Hourly', {
      flexibleTimeWindow: { mode: 'OFF' },
      scheduleExpression: 'rate(1 hour)',
      target: {
        arn: 'arn:aws:ecs:eu-west-1:111111111111:cluster/c',
        roleArn: 'arn:aws:iam::111111111111:role/r',
        ecsParameters: { taskDefinitionArn: td.ref, launchType: 'FARGATE', platformVersion: '1.4.0', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } } },
      },
    });
    // a run: 0.04937 × 5/60 = 0.00411417; 730 runs a month: 3.00334
    const line = only(estimate(stack, { jobRunMinutes: { 'Stack/Hourly': 5 } }), 'job');
    expect(line.perRun).toBeCloseTo(0.04937 * 5 / 60, 8);
    expect(line.monthly.expected).toBeCloseTo(0.04937 * 5 / 60 * 730, 6);
    // Three tasks a run cost three times as much.
    const schedule = stack.node.findChild('Hourly') as scheduler.CfnSchedule;
    schedule.addPropertyOverride('Target.EcsParameters.TaskCount', 3);
    expect(only(estimate(stack, { jobRunMinutes: { 'Stack/Hourly': 5 } }), 'job').monthly.expected).toBeCloseTo(3 * 0.04937 * 5 / 60 * 730, 6);
    schedule.addPropertyDeletionOverride('Target.EcsParameters.TaskCount');
    // Without a duration: per hour of run, and no monthly figure.
    const unknown = only(estimate(stack), 'job');
    expect(unknown.monthly.expected).toBeUndefined();
    expect(unknown.assumptions).toContainEqual(expect.stringMatching(/no run duration stated: \$0\.05 per hour of run/));
  });

  test('an EKS pod rounded up: 3 replicas asking 1 vCPU / 8 GiB are billed at 2 vCPU / 9 GB', () => {
    const stack = newStack();
    const cluster = new eks.CfnCluster(stack, 'Cluster', { roleArn: 'arn:aws:iam::111111111111:role/c', resourcesVpcConfig: { subnetIds: ['subnet-1'] } });
    new eks.CfnFargateProfile(stack, 'Profile', { clusterName: cluster.ref, podExecutionRoleArn: 'arn:aws:iam::111111111111:role/p', selectors: [{ namespace: 'web' }] });
    new CfnResource(stack, 'Web', {
      type: 'Custom::AWSCDK-EKS-KubernetesResource',
      properties: {
        ClusterName: cluster.ref,
        Manifest: JSON.stringify([{
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'web' },
          spec: { replicas: 3, template: { spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1', memory: '8Gi' } } }] } } },
        }]),
      },
    });
    // 3 × (2 × 0.04048 + 9 × 0.004445) × 730 = 3 × 0.120965 × 730 = 264.91335
    const lines = estimate(stack);
    expect(only(lines, 'pod').monthly.expected).toBeCloseTo(264.91335, 6);
    expect(only(lines, 'eks-cluster').monthly.expected).toBeCloseTo(0.1 * 730, 6);
  });
});

describe('what the tasks share', () => {
  test('an isolated VPC\'s interface endpoints in 3 AZs; the S3 gateway endpoint is free', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 3, natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const services = [
      ec2.InterfaceVpcEndpointAwsService.ECR, ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER, ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    ];
    for (const s of services) {
      vpc.addInterfaceEndpoint(s.shortName, { service: s });
    }
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const lines = estimate(stack);
    const endpoints = lines.filter(l => l.kind === 'vpc-endpoint');
    // 3 endpoints × 3 AZs × 0.01 × 730 = 65.70
    expect(endpoints.map(e => e.monthly.expected)).toEqual([21.9, 21.9, 21.9].map(v => expect.closeTo(v, 6)));
    expect(endpoints.reduce((t, e) => t + e.monthly.expected!, 0)).toBeCloseTo(3 * 3 * 0.01 * 730, 6);
    expect(lines.filter(l => l.kind === 'nat-gateway')).toEqual([]);
    expect(endpoints[0].insights).toContainEqual(expect.stringMatching(/the interface endpoints cost \$65\.70 a month together; a NAT gateway costs \$32\.85/));
  });

  test('NAT gateways, their addresses, an internet-facing ALB with its nodes\' addresses', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 2 });
    new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
    const lines = estimate(stack, { loadBalancerCapacityUnits: 2, natGatewayGbPerMonth: 100 });
    expect(lines.filter(l => l.kind === 'nat-gateway').map(l => l.monthly.expected)).toEqual([0.045 * 730 + 100 * 0.045, 0.045 * 730 + 100 * 0.045].map(v => expect.closeTo(v, 6)));
    expect(only(lines, 'load-balancer').monthly.expected).toBeCloseTo((0.0225 + 2 * 0.008) * 730, 6);
    expect(lines.filter(l => l.kind === 'public-ipv4').map(l => l.monthly.expected)).toEqual([2 * 0.005 * 730, 2 * 0.005 * 730].map(v => expect.closeTo(v, 6)));
  });
});

describe('tokens give a range or unknown, never a crash or a wrong number', () => {
  test('a desired count from a parameter: unknown without scaling, the scaling bounds with it', () => {
    const stack = newStack();
    const desired = new CfnParameter(stack, 'Desired', { type: 'Number' }).valueAsNumber;
    service(stack, 'Free', { cpu: '1024', memory: '2048' }, { desiredCount: desired });
    const bounded = service(stack, 'Bounded', { cpu: '1024', memory: '2048' }, { desiredCount: desired });
    new appscaling.CfnScalableTarget(stack, 'T', { minCapacity: 2, maxCapacity: 4, scalableDimension: 'ecs:service:DesiredCount', serviceNamespace: 'ecs', resourceId: `service/c/${bounded.attrName}` });
    const [free, scaled] = estimate(stack).filter(l => l.kind === 'service');
    expect(free.monthly).toEqual({ low: undefined, expected: undefined, high: undefined });
    expect([scaled.monthly.low, scaled.monthly.expected, scaled.monthly.high]).toEqual([2, 2, 4].map(n => expect.closeTo(n * 0.04937 * 730, 6)));
  });

  test('a task size from a parameter: unknown, and said so', () => {
    const stack = newStack();
    service(stack, 'Sized', { cpu: new CfnParameter(stack, 'Cpu').valueAsString });
    const line = only(estimate(stack), 'service');
    expect(line.monthly.expected).toBeUndefined();
    expect(line.assumptions).toContain('a token hides the task size');
  });
});

test('schedule expressions: runs a month', () => {
  expect(runsPerMonth('rate(1 hour)')).toBe(730);
  expect(runsPerMonth('rate(5 minutes)')).toBe(8760);
  expect(runsPerMonth('cron(0 2 * * ? *)')).toBeCloseTo(730 / 24, 9);
  expect(runsPerMonth('cron(0 9 ? * MON-FRI *)')).toBeCloseTo(5 * 730 / 24 / 7, 9);
  expect(runsPerMonth('cron(0/15 * * * ? *)')).toBeCloseTo(4 * 730, 9);
  expect(runsPerMonth('cron(0 0 1 * ? *)')).toBe(1);
  expect(runsPerMonth('at(2026-12-01T00:00:00)')).toBeUndefined();
  expect(runsPerMonth({ Ref: 'P' })).toBeUndefined();
});

describe('FargateCostReport', () => {
  test('writes JSON and Markdown into the cloud assembly, prints only when asked, and never fails a synth', () => {
    const app = new App();
    const stack = new Stack(app, 'Costs');
    service(stack, 'Api', { cpu: '1024', memory: '2048' }, { desiredCount: 2 });
    service(stack, 'Bad', { cpu: '999' }); // an invalid size is the checks' business, not the report's
    const report = new FargateCostReport({ defaultJobRunDuration: Duration.minutes(5) });
    Aspects.of(app).add(report);
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const assembly = app.synth();
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    const json = JSON.parse(fs.readFileSync(path.join(assembly.directory, FargateCostReport.JSON_FILE), 'utf8'));
    expect(json.region).toBe('us-east-1');
    expect(json.lines[0].monthly.expected).toBeCloseTo(72.0802, 6);
    expect(json.total.expected).toBeCloseTo(json.lines.reduce((t: number, l: any) => t + l.monthly.expected, 0), 6);
    expect(json.priceSources).toContainEqual(expect.stringMatching(/AWS Price List, AmazonECS offer/));
    const md = fs.readFileSync(path.join(assembly.directory, FargateCostReport.MARKDOWN_FILE), 'utf8');
    expect(md).toMatch(/^# Monthly cost estimate \(USD, us-east-1, 730 hours a month\)/);
    expect(md).toMatch(/## What would change it\n\n- Costs\/Api: on ARM64 \(Graviton\) the same tasks cost \$57\.67 a month, \$14\.41 less/);
    expect(md).toMatch(/## Not priced/);
  });

  test('stacks in a nested Stage (a pipeline) are priced too, named by their construct path', () => {
    const app = new App();
    const stage = new Stage(app, 'Prod');
    service(new Stack(stage, 'Api'), 'Svc', { cpu: '1024', memory: '2048' }, { desiredCount: 2 });
    service(new Stack(app, 'Top'), 'Svc', { cpu: '1024', memory: '2048' }, { desiredCount: 1 });
    const report = new FargateCostReport();
    Aspects.of(app).add(report);
    app.synth();
    expect(report.lastReport.stacks.map((s: any) => [s.stack, s.expected.toFixed(2)])).toEqual([['Prod/Api', '72.08'], ['Top', '36.04']]);
  });

  test('printed with -c fargate-cost-report=print', () => {
    const app = new App({ context: { 'fargate-cost-report': 'print' } });
    service(new Stack(app, 'Costs'), 'Api', { cpu: '1024', memory: '2048' }, { desiredCount: 2 });
    Aspects.of(app).add(new FargateCostReport());
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    app.synth();
    expect(spy.mock.calls.map(c => String(c[0])).join('\n')).toMatch(/TOTAL\s+72\.08\s+72\.08\s+72\.08/);
    spy.mockRestore();
  });

  test('your own prices; bad figures and token durations are refused', () => {
    const mine = FargatePriceTable.custom({ region: 'eu-west-1', source: 'rate card', date: '2026-10-01', prices: { [PriceDimension.LINUX_X86_VCPU_HOUR]: 0.05 } });
    expect([mine.region, mine.price(PriceDimension.LINUX_X86_VCPU_HOUR), mine.price(PriceDimension.LINUX_X86_GB_HOUR)]).toEqual(['eu-west-1', 0.05, 0.004445]);
    expect(mine.figure(PriceDimension.LINUX_X86_VCPU_HOUR)).toEqual({ price: 0.05, source: 'rate card', date: '2026-10-01' });
    expect(() => FargatePriceTable.custom({ region: 'x', source: 's', date: 'd', prices: { NOPE: 1 } })).toThrow(/Unknown price dimension 'NOPE'/);
    expect(() => FargatePriceTable.custom({ region: 'x', source: 's', date: 'd', prices: { [PriceDimension.ALB_HOUR]: -1 } })).toThrow(/must be a number of 0 or more, got -1/);
    expect(() => new FargateCostReport({ natGatewayGbPerMonth: -5 })).toThrow(/`natGatewayGbPerMonth` must be a number of 0 or more, got -5/);
  });
});

test('an AWS Price List offer file becomes a price table (scripts/price-list.ts, on a fixture in the real format)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { priceTableFromOffer } = require('../../scripts/price-list');
  const offer = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'amazonecs-offer.json'), 'utf8'));
  const props = priceTableFromOffer(offer, 'eu-west-1');
  expect(props).toEqual({
    region: 'eu-west-1',
    source: 'AWS Price List, AmazonECS offer, version 20221101000000',
    date: '2022-11-01',
    prices: {
      LINUX_X86_VCPU_HOUR: 0.04456,
      LINUX_X86_GB_HOUR: 0.004865,
      LINUX_ARM64_VCPU_HOUR: 0.03565,
      LINUX_ARM64_GB_HOUR: 0.00389,
      EPHEMERAL_STORAGE_GB_HOUR: 0.000122,
    },
  });
  const table = FargatePriceTable.custom(props);
  expect(table.price(PriceDimension.LINUX_X86_VCPU_HOUR)).toBe(0.04456);
  // The us-east-1 SKUs of the same file give the built-in table's figures.
  const east = priceTableFromOffer(offer, 'us-east-1').prices;
  expect(Object.entries(east).every(([d, p]) => FargatePriceTable.usEast1().price(d as PriceDimension) === p)).toBe(true);
  expect(() => priceTableFromOffer(offer, 'ap-south-9')).toThrow(/No Fargate prices for Region 'ap-south-9'/);
  expect(() => priceTableFromOffer({ offerCode: 'AmazonEC2' }, 'us-east-1')).toThrow(/Not an AmazonECS offer file/);
});
