import { AppSource, groupApps } from './app-manifest';
import { CommandFunction, EXIT_ERRORS, EXIT_OK, parseOptions, quote, runCommand, topologyOf, UsageError } from './command';
import { ConfigurationSource, discoverConfigurations, readSource } from './discover';
import { ConfigurationResult, renderJson, renderText, TextOptions } from './format';
import { renderJunit, renderSarif } from './pipeline-formats';
import { USAGE } from './usage';
import { packageVersion } from './version';
import { findingsByStack } from '../report/stacks';
import { topologyFromStacks } from '../terraform-json';
import { RULES } from '../rules/catalogue';
import { CheckOptions, checkTopology, compareFindings } from '../rules/engine';
import { acknowledgeReplacements, ALLOW_REPLACE_FLAG } from '../rules/plan-changes';
import { Severity } from '../rules/rule';

/** `azvpn check PATH... [--format text|json|sarif|junit] [--verbose] [--allow-replace ADDRESS]... [--profile best-practice]`: exit 1 when any configuration has an error. */
export const checkCommand: CommandFunction = (args, io) =>
  runCommand(io, () => {
    const options = parseOptions(args, 'check', { formats: ['text', 'json', 'sarif', 'junit'], flags: ['--verbose'], repeatable: [ALLOW_REPLACE_FLAG, PROFILE_OPTION] });
    const profiles = options.values.get(PROFILE_OPTION) ?? [];
    for (const profile of profiles) {
      if (profile !== 'best-practice') throw new UsageError(`invalid --profile ${quote(profile)} for azvpn check (expected best-practice)`);
    }
    if (options.help) return { stdout: USAGE, code: EXIT_OK };
    if (options.positionals.length === 0) throw new UsageError('check needs at least one PATH (a .tf.json file, a plan or state JSON file, or a directory)');
    if (options.positionals.some((p) => p === '')) throw new UsageError('check was given an empty PATH');
    const results = check(options.positionals, {
      allowReplace: new Set(options.values.get(ALLOW_REPLACE_FLAG) ?? []),
      checkOptions: profiles.length > 0 ? { profile: 'best-practice' } : {},
    });
    const hasError = results.some((r) => r.findings.some((f) => f.severity === Severity.ERROR));
    const stdout = render(options.format, results, { verbose: options.flags.has('--verbose'), color: io.color ?? false });
    return { stdout, code: hasError ? EXIT_ERRORS : EXIT_OK };
  });

const PROFILE_OPTION = '--profile';

export interface CheckRunOptions {
  /** Addresses whose replacement in a plan is deliberate (`--allow-replace`): reported as info, not error. */
  readonly allowReplace?: ReadonlySet<string>;
  /** The rule engine's options: the best-practice profile (`--profile best-practice`). */
  readonly checkOptions?: CheckOptions;
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
  return groupApps(discoverConfigurations(paths)).flatMap((source) => {
    // One configuration (or one app's stacks) at a time, so only its JSON is held in memory.
    if (isApp(source)) return checkApp(source, options);
    const topology = topologyOf(source);
    const findings = acknowledgeReplacements(checkTopology(topology, options.checkOptions ?? {}), options.allowReplace ?? new Set()).sort(compareFindings);
    return [{ name: source.name, findings }];
  });
}

function isApp(source: ConfigurationSource | AppSource): source is AppSource {
  return 'stacks' in source;
}

/**
 * The stacks of one cdktf app checked as one model (cross-stack references followed), each
 * stack's findings reported under its own cdk.tf.json; another stack's resources are named
 * `stack <name>: <address>`.
 */
function checkApp(app: AppSource, options: CheckRunOptions): ConfigurationResult[] {
  const stacks = app.stacks.map(({ name, source }) => {
    const content = readSource(source);
    return { name, files: content.kind === 'configuration' ? content.files : [] };
  });
  const all = acknowledgeReplacements(checkTopology(topologyFromStacks(stacks), options.checkOptions ?? {}), options.allowReplace ?? new Set());
  const byStack = findingsByStack(all, stacks.map((s) => s.name));
  return app.stacks.map(({ name, source }) => ({ name: source.name, findings: (byStack.get(name) ?? []).sort(compareFindings) }));
}
