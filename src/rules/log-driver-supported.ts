import { isUnresolved } from './context';
import { fargateTaskDefinition, TASK_DEFINITION } from './facts';
import { defineRule, Finding, RuleLevel } from './rule';
import { FARGATE_LOG_DRIVERS } from '../platform/fargate-support';

/** Fargate-LG1: the log driver is one Fargate supports. */
export const LogDriverSupported = defineRule({
  id: 'Fargate-LG1',
  level: RuleLevel.ERROR,
  summary: 'Containers must use a log driver Fargate supports',
  explanation: `Fargate supports only ${FARGATE_LOG_DRIVERS.join(', ')}. Other drivers (json-file, syslog, fluentd, gelf, journald) are refused.`,
  fix: 'Use awslogs (ecs.LogDrivers.awsLogs), or FireLens (awsfirelens) to ship to other destinations.',
  resourceTypes: [TASK_DEFINITION],
  evaluate(resource) {
    const td = fargateTaskDefinition(resource);
    if (!td) return undefined;
    const findings: Finding[] = [];
    for (const { path, def } of td.containers) {
      const driver = def.LogConfiguration?.LogDriver;
      if (driver === undefined || isUnresolved(driver) || FARGATE_LOG_DRIVERS.includes(driver)) continue;
      findings.push({
        property: `${path}.LogConfiguration.LogDriver`,
        value: driver,
        problem: `container '${def.Name}' uses the ${driver} log driver`,
        allowed: FARGATE_LOG_DRIVERS.join(', '),
      });
    }
    return findings;
  },
});
