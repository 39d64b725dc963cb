/**
 * Writes RULES.md from the rule catalogue (`npm run rules-md`). test/rules-md.test.ts fails
 * when the committed RULES.md differs from what this writes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderRulesMarkdown } from '../lib/cli/rules-markdown';

export const RULES_MD = path.join(__dirname, '..', 'RULES.md');

function main(): void {
  const markdown = renderRulesMarkdown();
  const current = fs.existsSync(RULES_MD) ? fs.readFileSync(RULES_MD, 'utf-8') : undefined;
  if (current === markdown) {
    process.stdout.write('RULES.md is up to date\n');
    return;
  }
  fs.writeFileSync(RULES_MD, markdown);
  process.stdout.write(`wrote ${path.relative(process.cwd(), RULES_MD) || 'RULES.md'}\n`);
}

if (require.main === module) main();
