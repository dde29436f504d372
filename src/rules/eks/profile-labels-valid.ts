import { FARGATE_PROFILE_TYPES, profileFacts } from './facts';
import { EKS_PROFILE_LABEL_LIMITS as LIMITS } from '../../platform/eks';
import { defineRule, Finding, RuleLevel } from '../rule';

/** Fargate-EK4: selector label keys and values within the schema's lengths. */
export const ProfileLabelsValid = defineRule({
  id: 'Fargate-EK4',
  level: RuleLevel.ERROR,
  summary: 'EKS Fargate profile selector labels have valid lengths',
  explanation: `A selector label key is ${LIMITS.keyMinLength}–${LIMITS.keyMaxLength} characters and its value ` +
    `${LIMITS.valueMinLength}–${LIMITS.valueMaxLength}; CloudFormation refuses the profile otherwise.`,
  fix: 'Shorten the label, or select on another label the pods carry.',
  resourceTypes: FARGATE_PROFILE_TYPES,
  evaluate(resource, ctx) {
    const profile = profileFacts(resource, ctx);
    if (profile.selectors === undefined) return undefined;
    const out: Finding[] = [];
    for (const s of profile.selectors) {
      (s.labels ?? []).forEach(({ key, value }, i) => {
        for (const [what, text, min, max] of [['key', key, LIMITS.keyMinLength, LIMITS.keyMaxLength], ['value', value, LIMITS.valueMinLength, LIMITS.valueMaxLength]] as const) {
          if (typeof text !== 'string' || (text.length >= min && text.length <= max)) continue;
          out.push({
            property: `${s.path}.Labels[${i}]`,
            value: text,
            problem: `the label ${what} is ${text.length} characters long`,
            allowed: `a label ${what} of ${min}–${max} characters`,
          });
        }
      });
    }
    return out;
  },
});
