import { readFileSync } from 'fs';
import { join } from 'path';
import { FargatePriceTable } from '../../src';
import { DEFAULT_COST_ASSUMPTIONS, estimateStack } from '../../src/cost/estimate';
import { RuleContext } from '../../src/rules/context';
import { l1Service, l1TaskDefinition, newStack } from '../rules/harness';

/** Infracost's formula for an aws_ecs_service: desired count × (vCPU × 0.04048 + GB × 0.004445) × 730. */
const infracost = (tasks: number, vcpu: number, gb: number) => tasks * (vcpu * 0.04048 + gb * 0.004445) * 730;

test('docs/cost-vs-infracost.md shows what the estimator computes, beside Infracost\'s formula', () => {
  const configs: Array<[string, Record<string, any>, Record<string, any>]> = [
    ['Linux x86_64, on demand (`LaunchType: FARGATE`)', {}, {}],
    ['Linux ARM64, FARGATE base 1, the rest on FARGATE_SPOT', { runtimePlatform: { cpuArchitecture: 'ARM64' } },
      { launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 0 }, { capacityProvider: 'FARGATE_SPOT', weight: 1 }] }],
    ['Windows Server 2022 Core, on demand', { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } }, {}],
  ];
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'cost-vs-infracost.md'), 'utf8');
  const figures = configs.map(([name, td, svc]) => {
    const stack = newStack();
    l1Service(stack, 'Svc', l1TaskDefinition(stack, 'Td', { cpu: '1024', memory: '2048', ...td }), { desiredCount: 2, ...svc });
    const ours = estimateStack('S', new RuleContext(stack), FargatePriceTable.usEast1(), DEFAULT_COST_ASSUMPTIONS).find(l => l.kind === 'service')!.monthly.expected!;
    expect(doc).toContain(`| ${name} | ${ours.toFixed(2)} | ${infracost(2, 1, 2).toFixed(2)} |`);
    return ours;
  });
  // By hand: (0.0395 + 0.01030969 + 2 × 0.00113349) × 730 = 38.0159691; 2 × (0.13748 + 0.0201) × 730 = 230.0668.
  expect(figures.map(f => f.toFixed(4))).toEqual(['72.0802', '38.0160', '230.0668']);
});
