import * as fs from 'fs';
import * as path from 'path';
import { renderRulesMarkdown } from '../lib/cli/rules-markdown';
import { LEFT_OUT, RULES } from '../lib/rules/catalogue';
import { Severity } from '../lib/rules/rule';

const RULES_MD = path.join(__dirname, '..', 'RULES.md');

test('GIVEN the committed RULES.md WHEN compared with the catalogue THEN it is up to date (otherwise run `npm run rules-md`)', () => {
  const committed = fs.readFileSync(RULES_MD, 'utf-8');
  const rendered = renderRulesMarkdown();
  if (committed !== rendered) {
    throw new Error('RULES.md is stale: it does not match lib/rules/catalogue.ts. Run `npm run rules-md` and commit RULES.md.');
  }
});

test('GIVEN the catalogue WHEN RULES.md is rendered THEN every rule id and left-out id appears with its count', () => {
  const rendered = renderRulesMarkdown();
  expect(rendered).toContain(`${RULES.length} ${RULES.length === 1 ? 'rule is' : 'rules are'} checked`);
  for (const rule of RULES) expect(rendered).toContain(`| \`${rule.id}\` | ${rule.severity} |`);
  for (const left of LEFT_OUT) expect(rendered).toContain(`| \`${left.id}\` |`);
  expect(rendered).toContain('Do not edit: run `npm run rules-md`');
});

test('GIVEN a rule whose summary holds a pipe and an Azure error WHEN rendered THEN the table cell is escaped and the code shown', () => {
  const rendered = renderRulesMarkdown(
    [{ id: 'gw.example', severity: Severity.ERROR, summary: 'a | b', source: 'https://learn.microsoft.com/azure/vpn-gateway/x#y', azureError: 'SomeAzureError' }],
    [{ id: 'gw.other', reason: 'needs runtime state' }],
  );
  expect(rendered).toContain('| `gw.example` | error | a \\| b | `SomeAzureError` | [learn: x#y](https://learn.microsoft.com/azure/vpn-gateway/x#y) |');
  expect(rendered).toContain('1 rule is checked');
  expect(rendered).toContain('| `gw.other` | needs runtime state |');
});
