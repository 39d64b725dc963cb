/**
 * Hand-written argument parsing for `azvpn` (no dependency): the command line is small and a
 * stable public contract, so every accepted spelling is listed here.
 */

export type OutputFormat = 'text' | 'json';

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly paths: string[]; readonly format: OutputFormat; readonly verbose: boolean }
  | { readonly kind: 'rules'; readonly format: OutputFormat };

/** The command line cannot be understood; `azvpn` exits with 2 and prints the message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const FORMATS: readonly OutputFormat[] = ['text', 'json'];
const HELP_FLAGS = new Set(['--help', '-h']);

export function parseArguments(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing command (expected check, rules, summary, graph, reach, help or --version; see azvpn --help)');
  if (HELP_FLAGS.has(first) || first === 'help') return { kind: 'help' };
  if (first === '--version') return { kind: 'version' };
  switch (first) {
    case 'check':
      return parseCheck(rest);
    case 'rules':
      return parseRules(rest);
    default:
      if (first.startsWith('-')) throw new UsageError(`unknown option ${quote(first)} (see azvpn --help)`);
      throw new UsageError(`unknown command ${quote(first)} (expected check, rules, summary, graph, reach or help; see azvpn --help)`);
  }
}

interface CommonOptions {
  format: OutputFormat;
  verbose: boolean;
  help: boolean;
  positionals: string[];
}

function parseCommon(args: readonly string[], command: string, allowVerbose: boolean): CommonOptions {
  const options: CommonOptions = { format: 'text', verbose: false, help: false, positionals: [] };
  let onlyPositionals = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      options.positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
    } else if (HELP_FLAGS.has(arg)) {
      options.help = true;
    } else if (arg === '--format') {
      const value = args[i + 1];
      if (value === undefined) throw new UsageError(`option --format needs a value (text or json)`);
      options.format = parseFormat(value);
      i++;
    } else if (arg.startsWith('--format=')) {
      options.format = parseFormat(arg.slice('--format='.length));
    } else if (arg === '--verbose' && allowVerbose) {
      options.verbose = true;
    } else {
      throw new UsageError(`unknown option ${quote(arg)} for azvpn ${command} (see azvpn --help)`);
    }
  }
  return options;
}

function parseCheck(args: readonly string[]): Command {
  const options = parseCommon(args, 'check', true);
  if (options.help) return { kind: 'help' };
  if (options.positionals.length === 0) throw new UsageError('check needs at least one PATH (a .tf.json file or a directory)');
  if (options.positionals.some((p) => p === '')) throw new UsageError('check was given an empty PATH');
  return { kind: 'check', paths: options.positionals, format: options.format, verbose: options.verbose };
}

function parseRules(args: readonly string[]): Command {
  const options = parseCommon(args, 'rules', false);
  if (options.help) return { kind: 'help' };
  if (options.positionals.length > 0) throw new UsageError(`rules takes no argument, got ${quote(options.positionals[0])}`);
  return { kind: 'rules', format: options.format };
}

function parseFormat(value: string): OutputFormat {
  const format = FORMATS.find((f) => f === value);
  if (format === undefined) throw new UsageError(`invalid --format ${quote(value)} (expected text or json)`);
  return format;
}

/** Quotes a user-supplied argument for a one-line message, escaping anything unprintable. */
export function quote(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return JSON.stringify(shown);
}

export const USAGE = `azvpn — check Azure VPN topologies in Terraform JSON configurations

Usage:
  azvpn check PATH... [--format text|json] [--verbose]
  azvpn rules [--format text|json]
  azvpn summary PATH [--format markdown|json]     (see azvpn summary --help)
  azvpn graph PATH [--format mermaid|dot]         (see azvpn graph --help)
  azvpn reach PATH FROM TO [--format text|json]   (see azvpn reach --help)
  azvpn help | --help
  azvpn --version

azvpn check
  PATH is a .tf.json file or a directory. In a directory, the *.tf.json files directly in it
  form one configuration, and every cdk.tf.json below it (for example
  cdktf.out/stacks/*/cdk.tf.json) is a configuration of its own.
  --format text   findings grouped by resource, then a summary line (default)
  --format json   {"findings":[{"rule","severity","resource","path","message"}],
                   "summary":{"errors","warnings","infos"}}
  --verbose       also show info findings (checks skipped because a value is only known
                  after apply); they are always counted in the summary

azvpn rules
  Lists every rule: id, severity, summary, Azure error code and source.

Exit codes:
  0  no error (warnings and infos allowed)
  1  at least one error
  2  unusable input or command line (one line on stderr, nothing on stdout)

Rules: see RULES.md, or run azvpn rules.
`;
