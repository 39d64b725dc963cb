import * as fs from 'fs';
import * as path from 'path';
import { Command, parseArguments, USAGE, UsageError } from './args';
import { discoverConfigurations, readConfiguration } from './discover';
import { ConfigurationResult, printable, renderJson, renderRulesJson, renderRulesText, renderText } from './format';
import type * as GraphModule from './graph';
import type * as ReachModule from './reach';
import type * as SummaryModule from './summary';
import { topologyFromTerraformJson } from '../model/terraform-json';
import { UnusableInputError } from '../private/errors';
import { LEFT_OUT, RULES } from '../rules/catalogue';
import { checkTopology } from '../rules/engine';
import { Severity } from '../rules/rule';

/** Where `azvpn` writes; the process streams in bin/azvpn.js, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour the text output (bin/azvpn.js: stdout is a TTY and NO_COLOR is unset). */
  readonly color?: boolean;
}

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_UNUSABLE = 2;

// The reachability commands load the reachability engine only when they run, so that
// `azvpn check` starts without it.
const OWN_COMMANDS = new Map<string, (args: readonly string[], io: CliIo) => number>([
  ['summary', (args, io) => (require('./summary') as typeof SummaryModule).summaryCommand(args, io)],
  ['graph', (args, io) => (require('./graph') as typeof GraphModule).graphCommand(args, io)],
  ['reach', (args, io) => (require('./reach') as typeof ReachModule).reachCommand(args, io)],
  ['device-config', (args, io) => (require('./device-config') as typeof import('./device-config')).deviceConfigCommand(args, io)],
]);

/**
 * Runs `azvpn` with the arguments after the program name and returns the exit code:
 * 0 no error, 1 at least one error finding, 2 unusable input or command line.
 *
 * Output is built completely before anything is written, so that an exit 2 leaves stdout empty
 * and prints exactly one line on stderr. No exception escapes: an internal failure is also
 * reported on one line with exit 2.
 */
export function run(argv: readonly string[], io: CliIo): number {
  // summary, graph and reach live in their own modules and keep the same exit-2 contract.
  const own = argv.length > 0 ? OWN_COMMANDS.get(argv[0]) : undefined;
  let outcome: { stdout: string; code: number };
  try {
    if (own) return own(argv.slice(1), io);
    outcome = execute(parseArguments(argv), io.color ?? false);
  } catch (error) {
    io.stderr(`azvpn: ${oneLine(describeFailure(error))}\n`);
    return EXIT_UNUSABLE;
  }
  io.stdout(outcome.stdout);
  return outcome.code;
}

function execute(command: Command, color: boolean): { stdout: string; code: number } {
  switch (command.kind) {
    case 'help':
      return { stdout: USAGE, code: EXIT_OK };
    case 'version':
      return { stdout: `${packageVersion()}\n`, code: EXIT_OK };
    case 'rules':
      return {
        stdout: command.format === 'json' ? renderRulesJson(RULES, LEFT_OUT) : renderRulesText(RULES, LEFT_OUT, color),
        code: EXIT_OK,
      };
    case 'check': {
      const results = check(command.paths);
      const hasError = results.some((r) => r.findings.some((f) => f.severity === Severity.ERROR));
      const stdout = command.format === 'json' ? renderJson(results) : renderText(results, { verbose: command.verbose, color });
      return { stdout, code: hasError ? EXIT_ERRORS : EXIT_OK };
    }
  }
}

/** Checks every configuration; any unusable one aborts the whole run (exit 2, no partial output). */
export function check(paths: readonly string[]): ConfigurationResult[] {
  return discoverConfigurations(paths).map((source) => {
    // One configuration at a time, so only one configuration's JSON is held in memory.
    const topology = topologyFromTerraformJson(readConfiguration(source));
    return { name: source.name, findings: checkTopology(topology) };
  });
}

function describeFailure(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (error instanceof UnusableInputError) return `${error.file}: ${error.problem}`;
  if (error instanceof RangeError && /string length|call stack/i.test(error.message)) {
    return `internal error: the configuration is too large or too deeply nested to check (${error.message})`;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `internal error: ${truncate(detail, 300)} (please report this)`;
}

function oneLine(text: string): string {
  return printable(text).replace(/ {2,}/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The version in package.json, read at run time: lib/cli is two levels below the package root, compiled or not. */
function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') throw new Error('package.json has no version');
  return manifest.version;
}
