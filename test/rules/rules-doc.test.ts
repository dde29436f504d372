import { readFileSync } from 'fs';
import { renderRulesDoc, RULES_MD } from '../../scripts/rules-doc';

test('RULES.md is generated from the rule metadata and is up to date (run `npx projen rules:doc`)', () => {
  expect(readFileSync(RULES_MD, 'utf8')).toBe(renderRulesDoc());
});
