import { HOURS_PER_MONTH } from '../platform/prices';

const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** A cron field with its names (MON, JAN) as the numbers EventBridge gives them. */
function numbered(field: string, names: string[]): string {
  return field.replace(/[A-Z]{3}/gi, n => String(names.indexOf(n.toUpperCase()) + 1));
}

const MINUTES_PER_UNIT: Record<string, number> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };

/** How many values a cron field takes in a range of `size` values starting at `first`; `undefined` when it cannot be read. */
function fieldCount(field: string, size: number, first: number): number | undefined {
  if (field === '*' || field === '?') return size;
  let total = 0;
  for (const part of field.split(',')) {
    const step = /^(\*|\d+)(?:-(\d+))?\/(\d+)$/.exec(part);
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (step) {
      const start = step[1] === '*' ? first : Number(step[1]);
      const end = step[2] !== undefined ? Number(step[2]) : first + size - 1;
      total += Math.floor((end - start) / Number(step[3])) + 1;
    } else if (range) {
      total += Number(range[2]) - Number(range[1]) + 1;
    } else if (/^\d+$/.test(part)) {
      total += 1;
    } else {
      return undefined;
    }
  }
  return total;
}

/**
 * How many times a month an EventBridge schedule expression fires (a month of 730 hours); `undefined` for a one-time
 * `at(...)` schedule, a token, or an expression this cannot read.
 * @internal
 */
export function runsPerMonth(expression: unknown): number | undefined {
  if (typeof expression !== 'string') return undefined;
  const rate = /^rate\(\s*(\d+)\s+(minutes?|hours?|days?)\s*\)$/.exec(expression.trim());
  if (rate) return (HOURS_PER_MONTH * 60) / (Number(rate[1]) * MINUTES_PER_UNIT[rate[2]]);
  const cron = /^cron\(\s*(.+?)\s*\)$/.exec(expression.trim());
  if (!cron) return undefined;
  const fields = cron[1].split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [minute, hour, dom, month, dow] = fields;
  const minutes = fieldCount(minute, 60, 0);
  const hours = fieldCount(hour, 24, 0);
  const months = fieldCount(numbered(month, MONTH_NAMES), 12, 1);
  let days: number | undefined;
  if (dom === '?' || dom === '*' && dow !== '?' && dow !== '*') {
    // By day of the week: MON#1 and 5L are once a month; otherwise so many days of each week.
    if (/[#L]/.test(dow)) {days = dow.split(',').length;} else {
      const perWeek = fieldCount(numbered(dow, DAY_NAMES), 7, 1);
      days = perWeek === undefined ? undefined : perWeek * DAYS_PER_MONTH / 7;
    }
  } else if (/[LW]/.test(dom)) {
    days = dom.split(',').length;
  } else {
    const n = fieldCount(dom, 31, 1);
    days = dom === '*' ? DAYS_PER_MONTH : n;
  }
  if (minutes === undefined || hours === undefined || months === undefined || days === undefined) return undefined;
  return minutes * hours * days * (months / 12);
}
