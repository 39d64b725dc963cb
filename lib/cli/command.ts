import { ConfigurationSource, discoverConfigurations, readSource } from './discover';
import { printable } from './format';
import type { SourceLocation } from './hcl';
import { Topology } from '../model/topology';
import { UnusableInputError } from '../private/errors';
import { topologyFromTerraformJson, topologyFromTerraformShow } from '../terraform-json';

/**
 * The shape every `azvpn` command has: a function of its arguments and the io that returns the
 * exit code, with one option parser, one way to load configurations, and one exit-2 contract
 * (the whole output is built first; an unusable input or command line leaves stdout empty and
 * prints exactly one line on stderr).
 */

/** Where `azvpn` writes; the process streams in bin/azvpn.js, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour the text output (bin/azvpn.js: stdout is a TTY and NO_COLOR is unset). */
  readonly color?: boolean;
}

/** One command: its arguments (after the command name) and the io in, the exit code out. */
export type CommandFunction = (args: readonly string[], io: CliIo) => number;

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_UNUSABLE = 2;

/** The command line cannot be understood; `azvpn` exits with 2 and prints the message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Quotes a user-supplied argument for a one-line message, escaping anything unprintable. */
export function quote(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return JSON.stringify(shown);
}

export interface OptionSpec {
  /** The accepted `--format` values; the first is the default. None: the command takes no --format. */
  readonly formats?: readonly string[];
  /** Boolean flags the command accepts besides --format and --help, e.g. `--verbose`. */
  readonly flags?: readonly string[];
  /** Options that take a value and may repeat, e.g. `--allow-replace ADDRESS`. */
  readonly repeatable?: readonly string[];
  /** Options that take one or more values, up to the next option: `--advertise A B`. */
  readonly variadic?: readonly string[];
}

export interface ParsedOptions {
  readonly help: boolean;
  /** The chosen `--format`; empty for a command without formats. */
  readonly format: string;
  readonly flags: ReadonlySet<string>;
  /** The values of each repeatable option, in command-line order. */
  readonly values: ReadonlyMap<string, readonly string[]>;
  /** Every value of every repeatable or variadic option, in command-line order across options. */
  readonly occurrences: ReadonlyArray<{ readonly option: string; readonly value: string }>;
  readonly positionals: string[];
}

/** `--format X`, `--format=X`, `--help`/`-h`, the command's flags, `--` and positionals; anything else is a usage error. */
export function parseOptions(args: readonly string[], command: string, spec: OptionSpec): ParsedOptions {
  const positionals: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  const occurrences: Array<{ option: string; value: string }> = [];
  const addValue = (option: string, value: string | undefined) => {
    if (value === undefined || value === '') throw new UsageError(`option ${option} needs a value`);
    values.set(option, [...(values.get(option) ?? []), value]);
    occurrences.push({ option, value });
  };
  const formats = spec.formats ?? [];
  let format = formats[0] ?? '';
  let help = false;
  let onlyPositionals = false;
  const setFormat = (value: string | undefined) => {
    if (formats.length === 0) throw new UsageError(`unknown option "--format" for azvpn ${command} (see azvpn ${command} --help)`);
    if (value === undefined) throw new UsageError(`option --format needs a value (${alternatives(formats)})`);
    if (!formats.includes(value)) throw new UsageError(`invalid --format ${quote(value)} for azvpn ${command} (expected ${alternatives(formats)})`);
    format = value;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) positionals.push(arg);
    else if (arg === '--') onlyPositionals = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--format') setFormat(args[++i]);
    else if (arg.startsWith('--format=')) setFormat(arg.slice('--format='.length));
    else if (spec.flags?.includes(arg)) flags.add(arg);
    else if (spec.repeatable?.includes(arg)) addValue(arg, args[++i]);
    else if (spec.variadic?.includes(arg)) {
      addValue(arg, args[i + 1] === undefined || args[i + 1].startsWith('-') ? undefined : args[++i]);
      while (i + 1 < args.length && !args[i + 1].startsWith('-')) addValue(arg, args[++i]);
    }
    else if ([...(spec.repeatable ?? []), ...(spec.variadic ?? [])].some((o) => arg.startsWith(`${o}=`))) addValue(arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    else throw new UsageError(`unknown option ${quote(arg)} for azvpn ${command} (see azvpn ${command} --help)`);
  }
  return { help, format, flags, values, occurrences, positionals };
}

/** `a or b`, `a, b or c`. */
function alternatives(values: readonly string[]): string {
  return values.length <= 2 ? values.join(' or ') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

export interface LoadedConfiguration {
  readonly name: string;
  readonly topology: Topology;
}

/** Every configuration under PATH, through the CLI's discovery and the Terraform JSON adapter. */
export function loadConfigurations(path: string): LoadedConfiguration[] {
  if (path === '') throw new UsageError('PATH is empty');
  return discoverConfigurations([path]).map((source) => ({ name: source.name, topology: topologyOf(source) }));
}

/** The single configuration under PATH; several (a cdktf.out with many stacks) is a usage error naming them. */
export function loadOneConfiguration(path: string, command: string): LoadedConfiguration {
  const sources = discoverConfigurations([path]);
  if (sources.length > 1) {
    const names = sources.map((s) => s.name);
    throw new UsageError(`${quote(path)} holds ${sources.length} configurations (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); azvpn ${command} needs one: name its directory or file`);
  }
  return { name: sources[0].name, topology: topologyOf(sources[0]) };
}

/**
 * The topology of one source: a configuration, or a plan or state (`terraform show -json`).
 * `variables` (from -var and -var-file) win over the directory's .tfvars files.
 */
export function topologyOf(source: ConfigurationSource, variables?: ReadonlyMap<string, unknown>): Topology {
  return loadSource(source, variables).topology;
}

/** A source's topology, and where its `.tf` blocks start (for file:line in findings). */
export function loadSource(source: ConfigurationSource, variables?: ReadonlyMap<string, unknown>): LoadedSource {
  return loadContent(readSource(source), variables);
}

/** A source's topology and `.tf` block lines. */
export interface LoadedSource {
  readonly topology: Topology;
  readonly locations?: ReadonlyMap<string, SourceLocation>;
}

/** The topology of what {@link readSource} read. */
export function loadContent(content: ReturnType<typeof readSource>, variables?: ReadonlyMap<string, unknown>): LoadedSource {
  if (content.kind === 'show') return { topology: topologyFromTerraformShow(content.file, content.content) };
  const merged = new Map<string, unknown>([...(content.variables ?? []), ...(variables ?? [])]);
  const topology = topologyFromTerraformJson(content.files, [], merged.size > 0 ? { variables: merged } : {});
  return content.locations === undefined ? { topology } : { topology, locations: content.locations };
}

/** What a command body produced: its output, written only when the whole body succeeded. */
export interface CommandOutcome {
  readonly stdout: string;
  readonly code: number;
  /** Notes for the reader that are not the output (placeholders left in a device file). */
  readonly stderr?: string;
}

/**
 * Runs a command body that builds its whole output first: any failure becomes exit 2 with one
 * line on stderr and nothing on stdout. No exception escapes.
 */
export function runCommand(io: CliIo, body: () => CommandOutcome): number {
  let outcome: CommandOutcome;
  try {
    outcome = body();
  } catch (error) {
    io.stderr(`azvpn: ${oneLine(describeFailure(error))}\n`);
    return EXIT_UNUSABLE;
  }
  if (outcome.stdout) io.stdout(outcome.stdout);
  if (outcome.stderr) io.stderr(outcome.stderr);
  return outcome.code;
}

/** The one line that explains why a command could not run. */
export function describeFailure(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (error instanceof UnusableInputError) return `${error.file}: ${error.problem}`;
  if (error instanceof RangeError && /string length|call stack/i.test(error.message)) {
    return `internal error: the configuration is too large or too deeply nested to read (${error.message})`;
  }
  // Our own message's line breaks are layout; a name inside it is escaped by oneLine().
  const detail = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s*\n\s*/g, ' ');
  return `internal error: ${detail.length > 300 ? `${detail.slice(0, 300)}…` : detail} (please report this)`;
}

function oneLine(text: string): string {
  return printable(text).replace(/\s+/g, ' ').trim();
}
