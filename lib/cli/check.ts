import * as path from 'path';
import { AppSource, groupApps } from './app-manifest';
import { CommandFunction, EXIT_ERRORS, EXIT_OK, loadContent, LoadedSource, loadSource, ParsedOptions, parseOptions, quote, runCommand, UsageError } from './command';
import { ConfigurationSource, discoverConfigurations, readSource, readVariableFiles } from './discover';
import { ConfigurationResult, renderJson, renderText, TextOptions } from './format';
import { renderJunit, renderSarif } from './pipeline-formats';
import { USAGE } from './usage';
import { packageVersion } from './version';
import { findingsByStack } from '../report/stacks';
import { RULES } from '../rules/catalogue';
import { CheckOptions, checkTopology, compareFindings } from '../rules/engine';
import { acknowledgeReplacements, ALLOW_REPLACE_FLAG } from '../rules/plan-changes';
import { Finding, Severity } from '../rules/rule';
import { Topology } from '../model/topology';
import { mergedConfiguration, topologyFromStacks, variableValueFromText, withReplacementsSince } from '../terraform-json';

/** `azvpn check PATH... [--format text|json|sarif|junit] [--verbose] [--allow-replace ADDRESS]... [--profile best-practice] [--previous OLD]`: exit 1 when any configuration has an error. */
export const checkCommand: CommandFunction = (args, io) =>
  runCommand(io, () => {
    const options = parseOptions(args, 'check', { formats: ['text', 'json', 'sarif', 'junit'], flags: ['--verbose'], repeatable: [ALLOW_REPLACE_FLAG, PROFILE_OPTION, PREVIOUS_OPTION, VAR_OPTION, VAR_FILE_OPTION] });
    const profiles = options.values.get(PROFILE_OPTION) ?? [];
    for (const profile of profiles) {
      if (profile !== 'best-practice') throw new UsageError(`invalid --profile ${quote(profile)} for azvpn check (expected best-practice)`);
    }
    if (options.help) return { stdout: USAGE, code: EXIT_OK };
    if (options.positionals.length === 0) throw new UsageError('check needs at least one PATH (a .tf.json file, a plan or state JSON file, or a directory)');
    if (options.positionals.some((p) => p === '')) throw new UsageError('check was given an empty PATH');
    const previous = options.values.get(PREVIOUS_OPTION) ?? [];
    if (previous.length > 1) throw new UsageError(`${PREVIOUS_OPTION} is given ${previous.length} times; give the previous configuration (a file or an output directory) once`);
    if (previous.some((p) => p === undefined || p === '')) throw new UsageError(`${PREVIOUS_OPTION} needs a PATH`);
    const results = check(options.positionals, {
      variables: variablesOf(options),
      allowReplace: new Set(options.values.get(ALLOW_REPLACE_FLAG) ?? []),
      ...(previous.length === 1 ? { previous: previous[0] } : {}),
      checkOptions: profiles.length > 0 ? { profile: 'best-practice' } : {},
    });
    const hasError = results.some((r) => r.findings.some((f) => f.severity === Severity.ERROR));
    const stdout = render(options.format, results, { verbose: options.flags.has('--verbose'), color: io.color ?? false });
    return { stdout, code: hasError ? EXIT_ERRORS : EXIT_OK };
  });

const PROFILE_OPTION = '--profile';
const PREVIOUS_OPTION = '--previous';
const VAR_OPTION = '-var';
const VAR_FILE_OPTION = '-var-file';

/**
 * The values of `-var NAME=VALUE` and `-var-file FILE`, applied in command-line order as
 * Terraform does (a later one wins).
 */
function variablesOf(options: ParsedOptions): Map<string, unknown> {
  const variables = new Map<string, unknown>();
  for (const { option, value } of options.occurrences) {
    if (option === VAR_FILE_OPTION) {
      readVariableFiles([value], variables);
    } else if (option === VAR_OPTION) {
      const equals = value.indexOf('=');
      const name = value.slice(0, equals).trim();
      if (equals <= 0 || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new UsageError(`invalid -var ${quote(value)} (expected -var NAME=VALUE)`);
      variables.set(name, variableValueFromText(value.slice(equals + 1)));
    }
  }
  return variables;
}

export interface CheckRunOptions {
  /** Input variables' values from -var and -var-file; they win over the .tfvars files and the defaults. */
  readonly variables?: ReadonlyMap<string, unknown>;
  /** Addresses whose replacement in a plan is deliberate (`--allow-replace`): reported as info, not error. */
  readonly allowReplace?: ReadonlySet<string>;
  /** The rule engine's options: the best-practice profile (`--profile best-practice`). */
  readonly checkOptions?: CheckOptions;
  /**
   * The previous configuration (`--previous`): a file, a directory or a cdktf output directory,
   * for `synth.replace`. Its configurations pair with the checked ones by stack (or directory) name,
   * or one with one.
   */
  readonly previous?: string;
}

function render(format: string, results: ConfigurationResult[], text: TextOptions): string {
  switch (format) {
    case 'json': return renderJson(results);
    case 'sarif': return renderSarif(results, RULES, packageVersion());
    case 'junit': return renderJunit(results);
    default: return renderText(results, text);
  }
}

/** Checks every configuration; any unusable one aborts the whole run (exit 2, no partial output). */
export function check(paths: readonly string[], options: CheckRunOptions = {}): ConfigurationResult[] {
  const sources = discoverConfigurations(paths);
  const previousOf = options.previous === undefined ? undefined : previousConfigurations(options.previous, sources);
  return groupApps(sources).flatMap((source) => {
    // One configuration (or one app's stacks) at a time, so only its JSON is held in memory.
    if (isApp(source)) return checkApp(source, options, previousOf);
    const previous = previousOf?.(source);
    const { topology, locations } = previous === undefined ? loadSource(source, options.variables) : topologySince(source, previous, options.variables);
    const findings = findingsOf(topology, options).sort(compareFindings);
    return [locations === undefined ? { name: source.name, findings } : { name: source.name, findings, locations }];
  });
}

/** The engine's findings, with the replacements `--allow-replace` acknowledges turned into infos. */
function findingsOf(topology: Topology, options: CheckRunOptions): Finding[] {
  return acknowledgeReplacements(checkTopology(topology, options.checkOptions ?? {}), options.allowReplace ?? new Set());
}

/** A configuration's topology with what replaces since `previous`; plans and states are compared by Terraform itself. */
function topologySince(source: ConfigurationSource, previous: ConfigurationSource, variables?: ReadonlyMap<string, unknown>): LoadedSource {
  const content = readSource(source);
  const loaded = loadContent(content, variables);
  if (content.kind === 'show') return loaded;
  const current = mergedConfiguration(content.files.map((f) => f.content));
  return { ...loaded, topology: withReplacementsSince(loaded.topology, previousConfiguration(previous), current) };
}

/** The previous configuration as one document; a plan or state there is a usage error. */
function previousConfiguration(previous: ConfigurationSource): unknown {
  const before = readSource(previous);
  if (before.kind === 'show') throw new UsageError(`${PREVIOUS_OPTION} ${quote(previous.name)} is a plan or state; give the previous configuration (cdk.tf.json, *.tf.json or their directory)`);
  return mergedConfiguration(before.files.map((f) => f.content));
}

/**
 * Pairs the configurations under `--previous` with the checked ones: one with one, or by stack
 * name (the directory of a cdk.tf.json) or directory name. A configuration without a partner is
 * checked without the comparison.
 */
function previousConfigurations(previous: string, current: readonly ConfigurationSource[]): (source: ConfigurationSource) => ConfigurationSource | undefined {
  const before = discoverConfigurations([previous]);
  if (before.length === 1 && current.length === 1) return () => before[0];
  const byKey = new Map<string, ConfigurationSource>();
  for (const source of before) if (!byKey.has(pairingKey(source))) byKey.set(pairingKey(source), source);
  return (source) => byKey.get(pairingKey(source));
}

function pairingKey(source: ConfigurationSource): string {
  return path.basename(source.files.length === 1 ? path.dirname(source.files[0]) : source.name);
}

function isApp(source: ConfigurationSource | AppSource): source is AppSource {
  return 'stacks' in source;
}

/**
 * The stacks of one cdktf app checked as one model (cross-stack references followed), each
 * stack's findings reported under its own cdk.tf.json; another stack's resources are named
 * `stack <name>: <address>`.
 */
function checkApp(app: AppSource, options: CheckRunOptions, previousOf?: (source: ConfigurationSource) => ConfigurationSource | undefined): ConfigurationResult[] {
  const stacks = app.stacks.map(({ name, source }) => {
    const content = readSource(source);
    const previous = previousOf?.(source);
    return { name, files: content.kind === 'configuration' ? content.files : [], previous: previous === undefined ? undefined : previousConfiguration(previous) };
  });
  const all = findingsOf(topologyFromStacks(stacks), options);
  const byStack = findingsByStack(all, stacks.map((s) => s.name));
  return app.stacks.map(({ name, source }) => ({ name: source.name, findings: (byStack.get(name) ?? []).sort(compareFindings) }));
}
