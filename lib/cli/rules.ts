import { CommandFunction, EXIT_OK, parseOptions, quote, runCommand, UsageError } from './command';
import { renderRulesJson, renderRulesText } from './format';
import { USAGE } from './usage';
import { LEFT_OUT, RULES } from '../rules/catalogue';

/** `azvpn rules [--format text|json]`: the catalogue. */
export const rulesCommand: CommandFunction = (args, io) =>
  runCommand(io, () => {
    const options = parseOptions(args, 'rules', { formats: ['text', 'json'] });
    if (options.help) return { stdout: USAGE, code: EXIT_OK };
    if (options.positionals.length > 0) throw new UsageError(`rules takes no argument, got ${quote(options.positionals[0])}`);
    return { stdout: options.format === 'json' ? renderRulesJson(RULES, LEFT_OUT) : renderRulesText(RULES, LEFT_OUT, io.color ?? false), code: EXIT_OK };
  });
