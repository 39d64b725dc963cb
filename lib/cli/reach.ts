import { quote, UsageError } from './args';
import { discoverConfigurations, readConfiguration } from './discover';
import { printable } from './format';
import { topologyFromTerraformJson } from '../terraform-json';
import { Topology } from '../model/topology';
import { UnusableInputError } from '../private/errors';
import { ReachQueryError, TopologyReach } from '../reach';
import { ruleSource } from '../rules/catalogue';
import { explanationText } from '../report/explain-text';

/**
 * `azvpn reach PATH FROM TO`, and what `summary` and `graph` share with it: option parsing,
 * loading configurations through the CLI's discovery, and the exit-2 contract (nothing on
 * stdout, one line on stderr).
 *
 * Exit codes of `reach`: 0 reachable, 1 unreachable, 3 unknown until apply, 2 unusable input
 * (including a FROM or TO that names nothing, or several things).
 */

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export type CommandFunction = (args: readonly string[], io: CommandIo) => number;

export const EXIT_REACHABLE = 0;
export const EXIT_UNREACHABLE = 1;
export const EXIT_UNUSABLE = 2;
export const EXIT_UNKNOWN = 3;

export const REACH_USAGE = `Usage: azvpn reach PATH FROM TO [--format text|json]

Prints the path from FROM to TO, each hop with the reason it carries the traffic, or the
first reason there is none (with the rule id). FROM and TO name a VNet, a site (local network
gateway), a subnet, a gateway (its VNet), "p2s" (the point-to-site client pool), by Azure name,
Terraform address or construct path, or an IP address or prefix.
PATH must hold exactly one configuration (a .tf.json file, a directory of them, or a cdktf stack).

Exit codes: 0 reachable, 1 unreachable, 3 unknown until apply (a value is a variable or computed),
2 unusable input or command line.
`;

export interface ParsedOptions {
  readonly help: boolean;
  readonly format?: string;
  readonly positionals: string[];
}

/** `--format X`, `--format=X`, `--help`, `--` and positionals; anything else is a usage error. */
export function parseOptions(args: readonly string[], command: string, formats: readonly string[]): ParsedOptions {
  const positionals: string[] = [];
  let format: string | undefined;
  let help = false;
  let onlyPositionals = false;
  const setFormat = (value: string | undefined) => {
    if (value === undefined) throw new UsageError(`option --format needs a value (${formats.join(' or ')})`);
    if (!formats.includes(value)) throw new UsageError(`invalid --format ${quote(value)} for azvpn ${command} (expected ${formats.join(' or ')})`);
    format = value;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) positionals.push(arg);
    else if (arg === '--') onlyPositionals = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--format') setFormat(args[++i]);
    else if (arg.startsWith('--format=')) setFormat(arg.slice('--format='.length));
    else throw new UsageError(`unknown option ${quote(arg)} for azvpn ${command} (see azvpn ${command} --help)`);
  }
  return { help, format, positionals };
}

export interface LoadedConfiguration {
  readonly name: string;
  readonly topology: Topology;
}

/** Every configuration under PATH, through the CLI's discovery and the Terraform JSON adapter. */
export function loadConfigurations(path: string): LoadedConfiguration[] {
  if (path === '') throw new UsageError('PATH is empty');
  return discoverConfigurations([path]).map((source) => ({ name: source.name, topology: topologyFromTerraformJson(readConfiguration(source)) }));
}

/** The single configuration under PATH; several (a cdktf.out with many stacks) is a usage error naming them. */
export function loadOneConfiguration(path: string, command: string): LoadedConfiguration {
  const sources = discoverConfigurations([path]);
  if (sources.length > 1) {
    const names = sources.map((s) => s.name);
    throw new UsageError(`${quote(path)} holds ${sources.length} configurations (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); azvpn ${command} needs one: name its directory or file`);
  }
  return { name: sources[0].name, topology: topologyFromTerraformJson(readConfiguration(sources[0])) };
}

/**
 * Runs a command body that builds its whole output first: any failure becomes exit 2 with one
 * line on stderr and nothing on stdout.
 */
export function runCommand(io: CommandIo, body: () => { stdout: string; code: number }): number {
  let outcome: { stdout: string; code: number };
  try {
    outcome = body();
  } catch (error) {
    io.stderr(`azvpn: ${oneLine(describe(error))}\n`);
    return EXIT_UNUSABLE;
  }
  io.stdout(outcome.stdout);
  return outcome.code;
}

function describe(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (error instanceof UnusableInputError) return `${error.file}: ${error.problem}`;
  if (error instanceof ReachQueryError) return error.message;
  if (error instanceof RangeError && /string length|call stack/i.test(error.message)) {
    return `internal error: the configuration is too large or too deeply nested (${error.message})`;
  }
  // Our own message's line breaks are layout; a name inside it is escaped by oneLine().
  const detail = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s*\n\s*/g, ' ');
  return `internal error: ${detail.length > 300 ? `${detail.slice(0, 300)}…` : detail} (please report this)`;
}

function oneLine(text: string): string {
  return printable(text).replace(/\s+/g, ' ').trim();
}

export const reachCommand: CommandFunction = (args, io) =>
  runCommand(io, () => {
    const options = parseOptions(args, 'reach', ['text', 'json']);
    if (options.help) return { stdout: REACH_USAGE, code: EXIT_REACHABLE };
    if (options.positionals.length !== 3) {
      throw new UsageError(`reach needs PATH FROM TO, got ${options.positionals.length} argument(s) (see azvpn reach --help)`);
    }
    const [path, from, to] = options.positionals;
    const { topology } = loadOneConfiguration(path, 'reach');
    const answer = new TopologyReach(topology).reach(from, to);
    const code = answer.status === 'reachable' ? EXIT_REACHABLE : answer.status === 'unknown' ? EXIT_UNKNOWN : EXIT_UNREACHABLE;
    if (options.format === 'json') {
      const document = {
        from: answer.from,
        to: answer.to,
        status: answer.status,
        reason: answer.reason,
        rule: answer.rule ?? null,
        source: ruleSource(answer.rule) ?? null,
        hops: answer.hops.map((h) => ({ from: h.from, to: h.to, via: h.via, reason: h.reason, rule: h.rule ?? null })),
        notes: answer.notes,
      };
      return { stdout: `${JSON.stringify(document, null, 2)}\n`, code };
    }
    return { stdout: explanationText(answer.from, answer.to, answer.status, answer.reason, answer.hops, answer.notes), code };
  });
