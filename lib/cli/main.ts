import type * as CheckModule from './check';
import { CliIo, CommandFunction, EXIT_OK, quote, runCommand, UsageError } from './command';
import type * as GraphModule from './graph';
import type * as ReachModule from './reach';
import type * as RulesModule from './rules';
import type * as SummaryModule from './summary';
import { USAGE } from './usage';
import { packageVersion } from './version';
import { escapeOutput } from '../private/text';

export type { CliIo } from './command';
export { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE } from './command';
export { USAGE } from './usage';

// Each command loads when it runs, so that `azvpn check` starts without the reachability engine
// and `azvpn reach` without the rule catalogue it does not need.
const COMMANDS = new Map<string, CommandFunction>([
  ['check', (args, io) => (require('./check') as typeof CheckModule).checkCommand(args, io)],
  ['rules', (args, io) => (require('./rules') as typeof RulesModule).rulesCommand(args, io)],
  ['summary', (args, io) => (require('./summary') as typeof SummaryModule).summaryCommand(args, io)],
  ['graph', (args, io) => (require('./graph') as typeof GraphModule).graphCommand(args, io)],
  ['reach', (args, io) => (require('./reach') as typeof ReachModule).reachCommand(args, io)],
  ['device-config', (args, io) => (require('./device-config') as typeof import('./device-config')).deviceConfigCommand(args, io)],
]);

/**
 * Runs `azvpn` with the arguments after the program name and returns the exit code:
 * 0 no error, 1 at least one error finding, 2 unusable input or command line (each command
 * documents its own codes). Dispatches to the command; prints help and the version itself.
 */
export function run(argv: readonly string[], unsafeIo: CliIo): number {
  const io = escapingIo(unsafeIo);
  const [first, ...rest] = argv;
  const command = first === undefined ? undefined : COMMANDS.get(first);
  if (command) return command(rest, io);
  return runCommand(io, () => {
    if (first === undefined) throw new UsageError('missing command (expected check, rules, summary, graph, reach, device-config, help or --version; see azvpn --help)');
    if (first === '--help' || first === '-h' || first === 'help') return { stdout: USAGE, code: EXIT_OK };
    if (first === '--version') return { stdout: `${packageVersion()}\n`, code: EXIT_OK };
    if (first.startsWith('-')) throw new UsageError(`unknown option ${quote(first)} (see azvpn --help)`);
    throw new UsageError(`unknown command ${quote(first)} (expected check, rules, summary, graph, reach, device-config or help; see azvpn --help)`);
  });
}

/**
 * Every byte `azvpn` writes passes here: whatever a renderer missed, no control character from a
 * configuration reaches the terminal raw (only the colours `check` paints when asked to).
 */
function escapingIo(io: CliIo): CliIo {
  return {
    stdout: (text) => io.stdout(escapeOutput(text, io.color ?? false)),
    stderr: (text) => io.stderr(escapeOutput(text)),
    color: io.color,
  };
}
