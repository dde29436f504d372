import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { MAX_STOP_TIMEOUT_SECONDS } from '../platform/fargate-support';

/** Fargate-CT3: stopTimeout is at most 120 s. */
export const StopTimeoutLimit = defineRule({
  id: 'Fargate-CT3',
  level: RuleLevel.ERROR,
  summary: `A container's stopTimeout must be at most ${MAX_STOP_TIMEOUT_SECONDS} seconds`,
  explanation: 'Fargate sends SIGTERM, waits stopTimeout (default 30 s, at most 120 s), then SIGKILL. Spot gives two minutes\' notice the same way.',
  fix: `Set stopTimeout to ${MAX_STOP_TIMEOUT_SECONDS} seconds or less, and make the application finish its work on SIGTERM.`,
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource) {
    const td = fargateTaskDefinition(resource);
    if (!td) return undefined;
    const findings: Finding[] = [];
    for (const { path, def } of td.containers) {
      if (typeof def.StopTimeout !== 'number' || def.StopTimeout <= MAX_STOP_TIMEOUT_SECONDS) continue;
      findings.push({
        property: `${path}.StopTimeout`,
        value: def.StopTimeout,
        problem: `container '${def.Name}' asks for ${def.StopTimeout} s to stop`,
        allowed: `0 to ${MAX_STOP_TIMEOUT_SECONDS} seconds`,
      });
    }
    return findings;
  },
});
