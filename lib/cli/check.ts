import { CommandFunction, EXIT_ERRORS, EXIT_OK, parseOptions, runCommand, UsageError } from './command';
import { discoverConfigurations, readConfiguration } from './discover';
import { ConfigurationResult, renderJson, renderText } from './format';
import { USAGE } from './usage';
import { CheckOptions, checkTopology } from '../rules/engine';
import { Severity } from '../rules/rule';
import { topologyFromTerraformJson } from '../terraform-json';

/** `azvpn check PATH... [--format text|json] [--verbose]`: exit 1 when any configuration has an error. */
export const checkCommand: CommandFunction = (args, io) =>
  runCommand(io, () => {
    // `--profile best-practice` is read as the one flag `--profile=best-practice`.
    const joined = args.flatMap((a, i) => (a === '--profile' ? [] : args[i - 1] === '--profile' ? [`--profile=${a}`] : [a]));
    if (args[args.length - 1] === '--profile') throw new UsageError('option --profile needs a value (best-practice)');
    const options = parseOptions(joined, 'check', { formats: ['text', 'json'], flags: ['--verbose', '--profile=best-practice'] });
    if (options.help) return { stdout: USAGE, code: EXIT_OK };
    if (options.positionals.length === 0) throw new UsageError('check needs at least one PATH (a .tf.json file or a directory)');
    if (options.positionals.some((p) => p === '')) throw new UsageError('check was given an empty PATH');
    const results = check(options.positionals, options.flags.has('--profile=best-practice') ? { profile: 'best-practice' } : {});
    const hasError = results.some((r) => r.findings.some((f) => f.severity === Severity.ERROR));
    const stdout = options.format === 'json' ? renderJson(results) : renderText(results, { verbose: options.flags.has('--verbose'), color: io.color ?? false });
    return { stdout, code: hasError ? EXIT_ERRORS : EXIT_OK };
  });

/** Checks every configuration; any unusable one aborts the whole run (exit 2, no partial output). */
export function check(paths: readonly string[], checkOptions: CheckOptions = {}): ConfigurationResult[] {
  return discoverConfigurations(paths).map((source) => {
    // One configuration at a time, so only one configuration's JSON is held in memory.
    const topology = topologyFromTerraformJson(readConfiguration(source));
    return { name: source.name, findings: checkTopology(topology, checkOptions) };
  });
}
