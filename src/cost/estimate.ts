import { runsPerMonth } from './schedule';
import { ARM64_CPU_ARCHITECTURE, EPHEMERAL_STORAGE_DEFAULT_GIB, FARGATE_ON_DEMAND_PROVIDER, FARGATE_SPOT_PROVIDER } from '../platform/fargate-support';
import { FargateOperatingSystem } from '../platform/platform-versions';
import { podSizing } from '../platform/pod-size';
import {
  FargatePriceTable, HOURS_PER_MONTH, MINIMUM_BILLED_SECONDS, PriceDimension as P,
} from '../platform/prices';
import { CPU_UNITS_PER_VCPU, MIB_PER_GB, parseCpu, parseMemory } from '../platform/task-size-table';
import { asArray, flattenText, logicalIdOf, ResolvedResource, RuleContext } from '../rules/context';
import { allManifests, podDemands, podTemplate, selectingProfile } from '../rules/eks/facts';
import { FargateLaunch, fargateLaunches, LAUNCH_RESOURCE_TYPES, SERVICE, TaskDefinitionFacts } from '../rules/facts';

/** A monthly figure as low / expected / high; `undefined` when synth cannot know it. @internal */
export interface Range {
  readonly low: number | undefined;
  readonly expected: number | undefined;
  readonly high: number | undefined;
}

/** One priced thing. @internal */
export interface CostLine {
  readonly stack: string;
  readonly path: string;
  readonly kind: 'service' | 'job' | 'pod' | 'eks-cluster' | 'nat-gateway' | 'vpc-endpoint' | 'load-balancer' | 'public-ipv4' | 'efs' | 'logs';
  readonly description: string;
  readonly monthly: Range;
  /** For jobs: what one run costs. */
  readonly perRun?: number;
  readonly assumptions: string[];
  /** What would change the figure: facts, never findings. */
  readonly insights: string[];
}

/** What the report assumes where the template does not say. @internal */
export interface CostAssumptions {
  /** Minutes a job run lasts, by construct path prefix; `default` for any other job. */
  readonly jobRunMinutes: Readonly<Record<string, number>>;
  readonly defaultJobRunMinutes?: number;
  readonly loadBalancerCapacityUnits: number;
  readonly natGatewayGbPerMonth: number;
  readonly logsGbPerMonth: number;
  readonly efsGbPerFileSystem: number;
}

/** What the report assumes where neither the template nor the user says. @internal */
export const DEFAULT_COST_ASSUMPTIONS: CostAssumptions = {
  jobRunMinutes: {}, loadBalancerCapacityUnits: 1, natGatewayGbPerMonth: 0, logsGbPerMonth: 0, efsGbPerFileSystem: 0,
};

/** Task size, architecture and OS: what one task-hour costs. */
interface TaskShape {
  readonly vcpu: number;
  readonly gb: number;
  readonly arm64: boolean;
  readonly os: FargateOperatingSystem;
  readonly ephemeralGb: number;
}

function shapeOf(td: TaskDefinitionFacts | undefined): TaskShape | undefined {
  if (!td || td.os === undefined || td.cpuArchitecture === undefined) return undefined;
  const cpu = parseCpu(td.resource.props.Cpu);
  const memory = parseMemory(td.resource.props.Memory);
  if (cpu.kind !== 'value' || memory.kind !== 'value') return undefined;
  const size = td.resource.props.EphemeralStorage?.SizeInGiB;
  if (size !== undefined && typeof size !== 'number') return undefined;
  return {
    vcpu: cpu.value / CPU_UNITS_PER_VCPU,
    gb: memory.value / MIB_PER_GB,
    arm64: td.cpuArchitecture === ARM64_CPU_ARCHITECTURE,
    os: td.os,
    ephemeralGb: size ?? EPHEMERAL_STORAGE_DEFAULT_GIB,
  };
}

/** What one task costs an hour, on demand or on Spot. @internal */
export function taskHour(shape: TaskShape, spot: boolean, prices: FargatePriceTable): number {
  const p = (d: P) => prices.price(d);
  let compute: number;
  if (shape.os === FargateOperatingSystem.WINDOWS) {
    compute = shape.vcpu * (p(P.WINDOWS_VCPU_HOUR) + p(P.WINDOWS_LICENCE_VCPU_HOUR)) + shape.gb * p(P.WINDOWS_GB_HOUR);
  } else if (spot) {
    compute = shape.arm64
      ? shape.vcpu * p(P.SPOT_ARM64_VCPU_HOUR) + shape.gb * p(P.SPOT_ARM64_GB_HOUR)
      : shape.vcpu * p(P.SPOT_X86_VCPU_HOUR) + shape.gb * p(P.SPOT_X86_GB_HOUR);
  } else {
    compute = shape.arm64
      ? shape.vcpu * p(P.LINUX_ARM64_VCPU_HOUR) + shape.gb * p(P.LINUX_ARM64_GB_HOUR)
      : shape.vcpu * p(P.LINUX_X86_VCPU_HOUR) + shape.gb * p(P.LINUX_X86_GB_HOUR);
  }
  return compute + Math.max(0, shape.ephemeralGb - EPHEMERAL_STORAGE_DEFAULT_GIB) * p(P.EPHEMERAL_STORAGE_GB_HOUR);
}

/** A strategy's items, or `undefined` when tokens hide them. */
function strategyItems(strategy: unknown): Array<{ provider: string; base: number; weight: number }> | undefined {
  if (!Array.isArray(strategy) || strategy.length === 0) return undefined;
  const items = strategy.map(s => ({ provider: s?.CapacityProvider, base: s?.Base ?? 0, weight: s?.Weight ?? 0 }));
  if (items.some(i => typeof i.provider !== 'string' || typeof i.base !== 'number' || typeof i.weight !== 'number')) return undefined;
  return items;
}

/**
 * How ECS places `tasks` tasks with a capacity provider strategy: the base first, on its provider; then the rest in the
 * ratio of the weights, each further task where it leaves the smallest count per weight. Returns the on-demand and Spot counts. @internal
 */
export function placeTasks(tasks: number, strategy: unknown): { onDemand: number; spot: number } | undefined {
  const items = strategyItems(strategy);
  if (!items) return undefined;
  const counts = items.map(i => Math.min(i.base, tasks));
  let left = tasks - counts.reduce((a, b) => a + b, 0);
  // The base is met at most once; what remains goes by weight.
  left = Math.max(0, left);
  const weighted = items.map((i, n) => ({ ...i, n })).filter(i => i.weight > 0);
  const byWeight = items.map(() => 0);
  // Weighted round robin: the next task goes where it leaves the smallest count per weight (the larger weight on a tie).
  const after = (i: { n: number; weight: number }) => (byWeight[i.n] + 1) / i.weight;
  for (let k = 0; k < left && weighted.length > 0; k++) {
    const next = weighted.reduce((best, i) => (after(i) < after(best) || (after(i) === after(best) && i.weight > best.weight) ? i : best));
    byWeight[next.n]++;
  }
  const placed = items.map((_, n) => counts[n] + byWeight[n]);
  const spot = items.reduce((t, i, n) => t + (i.provider === FARGATE_SPOT_PROVIDER ? placed[n] : 0), 0);
  return { onDemand: placed.reduce((a, b) => a + b, 0) - spot, spot };
}

function dollars(n: number): string {
  return `$${n.toFixed(2)}`;
}

/** The scaling bounds of a service: its scalable target's min and max. */
function scalingBounds(service: ResolvedResource, ctx: RuleContext): { min: unknown; max: unknown } | undefined {
  const id = ctx.logicalId(service.node);
  const mentions = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.some(mentions);
    if (v && typeof v === 'object') return logicalIdOf(v) === id || Object.values(v).some(mentions);
    return false;
  };
  const target = ctx.ofType('AWS::ApplicationAutoScaling::ScalableTarget')
    .find(t => t.props.ScalableDimension === 'ecs:service:DesiredCount' && mentions(t.props.ResourceId));
  return target && { min: target.props.MinCapacity, max: target.props.MaxCapacity };
}

/** The cost of `tasks` tasks of a launch running a whole month, split as its strategy places them. */
function monthlyFor(tasks: number | undefined, shape: TaskShape, strategy: unknown, prices: FargatePriceTable): number | undefined {
  if (tasks === undefined) return undefined;
  const placed = placeTasks(tasks, strategy) ?? { onDemand: tasks, spot: 0 };
  return (placed.onDemand * taskHour(shape, false, prices) + placed.spot * taskHour(shape, true, prices)) * HOURS_PER_MONTH;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function describeShape(shape: TaskShape): string {
  const arch = shape.os === FargateOperatingSystem.WINDOWS ? 'Windows' : shape.arm64 ? 'Linux ARM64' : 'Linux x86_64';
  const storage = shape.ephemeralGb > EPHEMERAL_STORAGE_DEFAULT_GIB ? `, ${shape.ephemeralGb} GB ephemeral storage` : '';
  return `${shape.vcpu} vCPU / ${shape.gb} GB ${arch}${storage}`;
}

/** What would change a Fargate line's figure: facts. */
function insights(shape: TaskShape, strategy: unknown, tasks: number | undefined, prices: FargatePriceTable): string[] {
  const out: string[] = [];
  if (tasks === undefined || tasks === 0) return out;
  const now = monthlyFor(tasks, shape, strategy, prices)!;
  if (shape.os === FargateOperatingSystem.LINUX && !shape.arm64) {
    const arm = monthlyFor(tasks, { ...shape, arm64: true }, strategy, prices)!;
    out.push(`on ARM64 (Graviton) the same tasks cost ${dollars(arm)} a month, ${dollars(now - arm)} less, if the image is built for arm64`);
  }
  const placed = placeTasks(tasks, strategy) ?? { onDemand: tasks, spot: 0 };
  if (shape.os === FargateOperatingSystem.LINUX && placed.spot === 0) {
    const items = strategyItems(strategy);
    const base = Math.min(tasks, items ? items.reduce((t, i) => t + i.base, 0) : 0) || 1;
    const baseThenSpot = [
      { CapacityProvider: FARGATE_ON_DEMAND_PROVIDER, Base: base, Weight: 0 }, { CapacityProvider: FARGATE_SPOT_PROVIDER, Weight: 1 },
    ];
    const spotShare = monthlyFor(tasks, shape, baseThenSpot, prices)!;
    if (spotShare < now) out.push(`if it tolerates interruption, ${base} on demand and the rest on FARGATE_SPOT cost ${dollars(spotShare)} a month`);
  }
  if (shape.ephemeralGb > EPHEMERAL_STORAGE_DEFAULT_GIB) {
    const storage = tasks * (shape.ephemeralGb - EPHEMERAL_STORAGE_DEFAULT_GIB) * prices.price(P.EPHEMERAL_STORAGE_GB_HOUR) * HOURS_PER_MONTH;
    out.push(`${dollars(storage)} a month of it is ephemeral storage above the included ${EPHEMERAL_STORAGE_DEFAULT_GIB} GB`);
  }
  return out;
}

/** A line whose task size, architecture or OS a token hides. */
function unknownLine(stack: string, path: string, kind: CostLine['kind'], what: string, assumptions: string[]): CostLine {
  return {
    stack,
    path,
    kind,
    description: `${what} (task size, architecture or OS unknown at synth)`,
    monthly: { low: undefined, expected: undefined, high: undefined },
    assumptions: [...assumptions, 'a token hides the task size'],
    insights: [],
  };
}

function serviceLine(stack: string, resource: ResolvedResource, launch: FargateLaunch, ctx: RuleContext, prices: FargatePriceTable): CostLine {
  const shape = shapeOf(launch.taskDefinition);
  const path = resource.node.node.path;
  const assumptions: string[] = [];
  const desiredRaw = resource.props.DesiredCount;
  const bounds = scalingBounds(resource, ctx);
  let desired = desiredRaw === undefined ? 1 : num(desiredRaw);
  let low = desired;
  let high = desired;
  if (bounds) {
    low = num(bounds.min);
    high = num(bounds.max);
    if (desired === undefined || desiredRaw === undefined) desired = low;
    if (desired !== undefined && low !== undefined && high !== undefined) desired = Math.min(Math.max(desired, low), high);
    assumptions.push(`runs between its scaling bounds, ${bounds.min ?? '?'} and ${bounds.max ?? '?'} tasks, all month; expected at the desired count`);
  } else if (desiredRaw === undefined) {
    assumptions.push('DesiredCount is omitted: 1 task');
  }
  if (!shape) return unknownLine(stack, path, 'service', 'ECS service', assumptions);
  const strategy = launch.strategyInEffect;
  if (placeTasks(1, strategy) === undefined) assumptions.push('the capacity provider strategy is unknown: priced on demand');
  const monthly = {
    low: monthlyFor(low, shape, strategy, prices),
    expected: monthlyFor(desired, shape, strategy, prices),
    high: monthlyFor(high, shape, strategy, prices),
  };
  const placed = desired === undefined ? undefined : placeTasks(desired, strategy);
  const split = placed && placed.spot > 0 ? ` (${placed.onDemand} on demand, ${placed.spot} on Spot)` : '';
  return {
    stack,
    path,
    kind: 'service',
    description: `ECS service: ${desired ?? '?'} × ${describeShape(shape)}${split}`,
    monthly,
    assumptions,
    insights: insights(shape, strategy, desired, prices),
  };
}

/** The schedules and rules that start a resource (a state machine), with their runs a month. */
function triggersOf(target: ResolvedResource, ctx: RuleContext): Array<{ runs: number | undefined; expression: unknown }> {
  const out: Array<{ runs: number | undefined; expression: unknown }> = [];
  for (const s of ctx.ofType('AWS::Scheduler::Schedule')) {
    if (ctx.logicalId(target.node) === logicalIdOf(s.props.Target?.Arn)) {
      out.push({ runs: runsPerMonth(s.props.ScheduleExpression), expression: s.props.ScheduleExpression });
    }
  }
  for (const r of ctx.ofType('AWS::Events::Rule')) {
    if (asArray(r.props.Targets).some(t => logicalIdOf(t?.Arn) === ctx.logicalId(target.node))) {
      out.push({ runs: r.props.ScheduleExpression ? runsPerMonth(r.props.ScheduleExpression) : undefined, expression: r.props.ScheduleExpression ?? 'an event pattern' });
    }
  }
  return out;
}

function jobLine(
  stack: string, resource: ResolvedResource, launch: FargateLaunch, ctx: RuleContext, prices: FargatePriceTable, a: CostAssumptions,
): CostLine | undefined {
  const shape = shapeOf(launch.taskDefinition);
  const path = resource.node.node.path;
  const triggers = resource.type === 'AWS::StepFunctions::StateMachine'
    ? triggersOf(resource, ctx)
    : [{ runs: resource.props.ScheduleExpression ? runsPerMonth(resource.props.ScheduleExpression) : undefined, expression: resource.props.ScheduleExpression ?? 'an event pattern' }];
  const key = Object.keys(a.jobRunMinutes).filter(k => path === k || path.startsWith(`${k}/`)).sort((x, y) => y.length - x.length)[0];
  const minutes = key !== undefined ? a.jobRunMinutes[key] : a.defaultJobRunMinutes;
  const assumptions: string[] = [];
  const taskCount = launch.taskCount === undefined ? 1 : num(launch.taskCount);
  if (!shape) return unknownLine(stack, path, 'job', 'job', assumptions);
  if (taskCount === undefined) return unknownLine(stack, path, 'job', 'job (TaskCount unknown at synth)', assumptions);
  if (taskCount > 1) assumptions.push(`each run starts ${taskCount} tasks`);
  const placed = placeTasks(taskCount, launch.strategyInEffect) ?? { onDemand: taskCount, spot: 0 };
  const hourly = placed.onDemand * taskHour(shape, false, prices) + placed.spot * taskHour(shape, true, prices);
  let perRun: number | undefined;
  if (minutes !== undefined) {
    const billedHours = Math.max(minutes * 60, MINIMUM_BILLED_SECONDS) / 3600;
    perRun = hourly * billedHours;
    assumptions.push(`each run lasts ${minutes} minutes (billed per second, at least a minute)`);
  } else {
    assumptions.push(`no run duration stated: ${dollars(hourly)} per hour of run; give jobRunDurations to price it`);
  }
  const known = triggers.filter(t => t.runs !== undefined);
  const runs = known.length === triggers.length && triggers.length > 0 ? known.reduce((t, x) => t + x.runs!, 0) : undefined;
  if (runs !== undefined) assumptions.push(`${Math.round(runs * 100) / 100} runs a month from ${triggers.map(t => t.expression).join(' and ')}`);
  else assumptions.push(`runs a month unknown (${triggers.map(t => (typeof t.expression === 'string' ? t.expression : 'a token')).join(', ') || 'no trigger in the stack'}): priced per run`);
  const monthly = perRun !== undefined && runs !== undefined ? perRun * runs : undefined;
  const split = placed.spot > 0 ? ' on Spot' : '';
  return {
    stack,
    path,
    kind: 'job',
    description: `job: ${describeShape(shape)}${split}, ${launch.kind}`,
    monthly: { low: monthly, expected: monthly, high: monthly },
    perRun,
    assumptions,
    insights: shape.os === FargateOperatingSystem.LINUX && placed.spot === 0 && perRun !== undefined
      ? [`on FARGATE_SPOT a run costs ${dollars(taskHour(shape, true, prices) * Math.max(minutes! * 60, MINIMUM_BILLED_SECONDS) / 3600)} instead of ${dollars(perRun)}`]
      : [],
  };
}

function podLines(stack: string, ctx: RuleContext, prices: FargatePriceTable): CostLine[] {
  const out: CostLine[] = [];
  for (const manifest of allManifests(ctx)) {
    for (const o of manifest.objects ?? []) {
      const pod = podTemplate(o);
      if (!pod || !['Deployment', 'StatefulSet', 'ReplicaSet', 'Pod'].includes(pod.kind)) continue;
      const profile = selectingProfile(manifest.cluster, pod.namespace, pod.labels, ctx);
      if (!profile) continue;
      const replicasRaw = pod.kind === 'Pod' ? 1 : o.object.spec?.replicas ?? 1;
      const replicas = typeof replicasRaw === 'number' ? replicasRaw : undefined;
      const demands = podDemands(pod);
      const sizing = demands && podSizing(demands.containers, demands.initContainers);
      const shape: TaskShape | undefined = sizing?.kind === 'size' ? {
        vcpu: sizing.cpu / CPU_UNITS_PER_VCPU,
        gb: sizing.memoryMiB / MIB_PER_GB,
        arm64: false,
        os: FargateOperatingSystem.LINUX,
        ephemeralGb: sizing.ephemeralStorageGiB,
      } : undefined;
      const monthly = shape && replicas !== undefined ? replicas * taskHour(shape, false, prices) * HOURS_PER_MONTH : undefined;
      out.push({
        stack,
        path: `${manifest.resource.node.node.path} (${pod.kind} ${pod.namespace}/${pod.name})`,
        kind: 'pod',
        description: shape ? `EKS pods: ${replicas ?? '?'} × ${describeShape(shape)} (the size Fargate bills, rounded up)` : 'EKS pods (size unknown at synth)',
        monthly: { low: monthly, expected: monthly, high: monthly },
        assumptions: ['pods run all month at their replica count (a HorizontalPodAutoscaler is not read)'],
        insights: [],
      });
    }
  }
  return out;
}

function sharedLines(stack: string, ctx: RuleContext, prices: FargatePriceTable, a: CostAssumptions): CostLine[] {
  const out: CostLine[] = [];
  const fixed = (path: string, kind: CostLine['kind'], description: string, monthly: number | undefined, assumptions: string[] = []) =>
    out.push({ stack, path, kind, description, monthly: { low: monthly, expected: monthly, high: monthly }, assumptions, insights: [] });
  const p = (d: P) => prices.price(d);
  for (const cluster of [...ctx.nodesOfType('AWS::EKS::Cluster'), ...ctx.nodesOfType('Custom::AWSCDK-EKS-Cluster')]) {
    fixed(cluster.node.path, 'eks-cluster', 'EKS cluster control plane', p(P.EKS_CLUSTER_HOUR) * HOURS_PER_MONTH,
      ['its Kubernetes version in standard support']);
  }
  for (const nat of ctx.nodesOfType('AWS::EC2::NatGateway')) {
    fixed(nat.node.path, 'nat-gateway', 'NAT gateway', (p(P.NAT_GATEWAY_HOUR) * HOURS_PER_MONTH) + a.natGatewayGbPerMonth * p(P.NAT_GATEWAY_GB),
      [`${a.natGatewayGbPerMonth} GB processed a month (${dollars(p(P.NAT_GATEWAY_GB))} per GB)`]);
  }
  for (const e of ctx.ofType('AWS::EC2::VPCEndpoint')) {
    if (e.props.VpcEndpointType !== 'Interface') continue;
    const azs = Array.isArray(e.props.SubnetIds) ? e.props.SubnetIds.length : undefined;
    const name = flattenText(e.props.ServiceName)?.split('.').slice(3).join('.') || 'endpoint';
    fixed(e.node.node.path, 'vpc-endpoint', `interface endpoint ${name} in ${azs ?? '?'} AZs`,
      azs === undefined ? undefined : azs * p(P.INTERFACE_ENDPOINT_AZ_HOUR) * HOURS_PER_MONTH, ['data processed not priced (0.01 per GB)']);
  }
  for (const lb of ctx.ofType('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
    const type = lb.props.Type ?? 'application';
    if (type !== 'application' && type !== 'network') continue;
    const [hour, unit] = type === 'application' ? [P.ALB_HOUR, P.ALB_LCU_HOUR] : [P.NLB_HOUR, P.NLB_NLCU_HOUR];
    fixed(lb.node.node.path, 'load-balancer', `${type === 'application' ? 'Application' : 'Network'} Load Balancer`,
      (p(hour) + a.loadBalancerCapacityUnits * p(unit)) * HOURS_PER_MONTH, [`${a.loadBalancerCapacityUnits} capacity unit(s) on average`]);
    if (lb.props.Scheme !== 'internal') {
      const subnets = Array.isArray(lb.props.Subnets) ? lb.props.Subnets : lb.props.SubnetMappings;
      const nodes = Array.isArray(subnets) ? subnets.length : undefined;
      fixed(lb.node.node.path, 'public-ipv4', `public IPv4 addresses of an internet-facing load balancer (${nodes ?? '?'} nodes)`,
        nodes === undefined ? undefined : nodes * p(P.PUBLIC_IPV4_HOUR) * HOURS_PER_MONTH, ['one address per subnet (AZ)']);
    }
  }
  const eips = ctx.nodesOfType('AWS::EC2::EIP');
  if (eips.length > 0) fixed(eips[0].node.path, 'public-ipv4', `${eips.length} Elastic IP address(es)`, eips.length * p(P.PUBLIC_IPV4_HOUR) * HOURS_PER_MONTH);
  for (const fs of ctx.nodesOfType('AWS::EFS::FileSystem')) {
    fixed(fs.node.path, 'efs', 'EFS file system (Standard)', a.efsGbPerFileSystem * p(P.EFS_STANDARD_GB_MONTH),
      [`${a.efsGbPerFileSystem} GB stored (${dollars(p(P.EFS_STANDARD_GB_MONTH))} per GB-month)`]);
  }
  const groups = ctx.nodesOfType('AWS::Logs::LogGroup');
  if (groups.length > 0) {
    fixed(`${stack} (${groups.length} log groups)`, 'logs', 'CloudWatch Logs ingestion', a.logsGbPerMonth * p(P.LOGS_INGESTED_GB),
      [`${a.logsGbPerMonth} GB ingested a month across the stack (${dollars(p(P.LOGS_INGESTED_GB))} per GB)`]);
  }
  // Endpoints against NAT, per stack: a fact for whoever chooses between them.
  const endpoints = out.filter(l => l.kind === 'vpc-endpoint').reduce((t, l) => t + (l.monthly.expected ?? 0), 0);
  const nats = out.filter(l => l.kind === 'nat-gateway');
  if (endpoints > 0) {
    const nat = p(P.NAT_GATEWAY_HOUR) * HOURS_PER_MONTH;
    const insight = `the interface endpoints cost ${dollars(endpoints)} a month together; a NAT gateway costs ${dollars(nat)} a month before data ` +
      `(${dollars(p(P.NAT_GATEWAY_GB))} per GB through it against ${dollars(p(P.INTERFACE_ENDPOINT_GB))} through an endpoint)`;
    (nats[0] ?? out.find(l => l.kind === 'vpc-endpoint')!).insights.push(insight);
  }
  return out;
}

/**
 * Everything a stack will cost a month, line by line. Reads the same L1 the rules read.
 * @internal
 */
export function estimateStack(stackName: string, ctx: RuleContext, prices: FargatePriceTable, a: CostAssumptions): CostLine[] {
  const lines: CostLine[] = [];
  for (const type of LAUNCH_RESOURCE_TYPES) {
    for (const resource of ctx.ofType(type)) {
      for (const launch of fargateLaunches(resource, ctx)) {
        if (type === SERVICE) {lines.push(serviceLine(stackName, resource, launch, ctx, prices));} else if (type === 'AWS::Scheduler::Schedule' || type === 'AWS::Events::Rule' || type === 'AWS::StepFunctions::StateMachine') {
          const line = jobLine(stackName, resource, launch, ctx, prices, a);
          if (line) lines.push(line);
        }
      }
    }
  }
  lines.push(...podLines(stackName, ctx, prices), ...sharedLines(stackName, ctx, prices, a));
  return lines;
}

/** The sum of lines' ranges; a part that is unknown leaves the sum without it (the report says which). @internal */
export function total(lines: readonly CostLine[]): Range {
  const sum = (k: keyof Range) => lines.reduce((t, l) => t + (l.monthly[k] ?? 0), 0);
  return { low: sum('low'), expected: sum('expected'), high: sum('high') };
}

