import { CommandFunction, EXIT_ERRORS, EXIT_OK, loadSource, parseOptions, quote, runCommand, UsageError } from './command';
import { discoverConfigurations, readVariableFiles } from './discover';
import { ConfigurationResult, renderJson, renderText, TextOptions } from './format';
import { renderJunit, renderSarif } from './pipeline-formats';
import { USAGE } from './usage';
import { packageVersion } from './version';
import { RULES } from '../rules/catalogue';
import { variableValueFromText } from '../terraform-json';
import { CheckOptions, checkTopology, compareFindings } from '../rules/engine';
import { acknowledgeReplacements, ALLOW_REPLACE_FLAG } from '../rules/plan-changes';
import { Severity } from '../rules/rule';

/** `azvpn check PATH... [--format text|json|sarif|junit] [--verbose] [--allow-replace ADDRESS]... [--profile best-practice]`: exit 1 when any configuration has an error. */
export const checkCommand: CommandFunction = (args, io) =>
  runCommand(io, () => {
    const options = parseOptions(args, 'check', { formats: ['text', 'json', 'sarif', 'junit'], flags: ['--verbose'], repeatable: [ALLOW_REPLACE_FLAG, PROFILE_OPTION, VAR_OPTION, VAR_FILE_OPTION] });
    const profiles = options.values.get(PROFILE_OPTION) ?? [];
    for (const profile of profiles) {
      if (profile !== 'best-practice') throw new UsageError(`invalid --profile ${quote(profile)} for azvpn check (expected best-practice)`);
    }
    if (options.help) return { stdout: USAGE, code: EXIT_OK };
    if (options.positionals.length === 0) throw new UsageError('check needs at least one PATH (a .tf.json file, a plan or state JSON file, or a directory)');
    if (options.positionals.some((p) => p === '')) throw new UsageError('check was given an empty PATH');
    const results = check(options.positionals, {
      variables: variablesOf(args),
      allowReplace: new Set(options.values.get(ALLOW_REPLACE_FLAG) ?? []),
      checkOptions: profiles.length > 0 ? { profile: 'best-practice' } : {},
    });
    const hasError = results.some((r) => r.findings.some((f) => f.severity === Severity.ERROR));
    const stdout = render(options.format, results, { verbose: options.flags.has('--verbose'), color: io.color ?? false });
    return { stdout, code: hasError ? EXIT_ERRORS : EXIT_OK };
  });

const PROFILE_OPTION = '--profile';
const VAR_OPTION = '-var';
const VAR_FILE_OPTION = '-var-file';

/**
 * The values of `-var NAME=VALUE` and `-var-file FILE`, applied in command-line order as
 * Terraform does (a later one wins). parseOptions has checked the command line already.
 */
function variablesOf(args: readonly string[]): Map<string, unknown> {
  const variables = new Map<string, unknown>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    let option: string | undefined;
    let value: string | undefined;
    if (arg === VAR_OPTION || arg === VAR_FILE_OPTION) [option, value] = [arg, args[++i]];
    else if (arg.startsWith(`${VAR_FILE_OPTION}=`)) [option, value] = [VAR_FILE_OPTION, arg.slice(VAR_FILE_OPTION.length + 1)];
    else if (arg.startsWith(`${VAR_OPTION}=`)) [option, value] = [VAR_OPTION, arg.slice(VAR_OPTION.length + 1)];
    else if (arg === '--format' || arg === ALLOW_REPLACE_FLAG || arg === PROFILE_OPTION) i++;
    if (option === undefined || value === undefined) continue;
    if (option === VAR_FILE_OPTION) {
      readVariableFiles([value], variables);
      continue;
    }
    const equals = value.indexOf('=');
    const name = value.slice(0, equals).trim();
    if (equals <= 0 || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new UsageError(`invalid -var ${quote(value)} (expected -var NAME=VALUE)`);
    variables.set(name, variableValueFromText(value.slice(equals + 1)));
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
  return discoverConfigurations(paths).map((source) => {
    // One configuration at a time, so only one configuration's JSON is held in memory.
    const { topology, locations } = loadSource(source, options.variables);
    const findings = acknowledgeReplacements(checkTopology(topology, options.checkOptions ?? {}), options.allowReplace ?? new Set()).sort(compareFindings);
    return locations === undefined ? { name: source.name, findings } : { name: source.name, findings, locations };
  });
}
