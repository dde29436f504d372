import { readFileSync } from 'fs';
import { README_MD, renderReadme, renderRulesDoc, RULES_MD } from '../../scripts/rules-doc';

test('RULES.md is generated from the rule metadata and is up to date (run `npx projen rules:doc`)', () => {
  expect(readFileSync(RULES_MD, 'utf8')).toBe(renderRulesDoc());
});

test('the README endpoint table is generated from the same data (run `npx projen rules:doc`)', () => {
  const readme = readFileSync(README_MD, 'utf8');
  expect(readme).toBe(renderReadme(readme));
});
