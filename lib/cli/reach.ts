import { CommandFunction, loadOneConfiguration, parseOptions, runCommand, UsageError } from './command';
import { ReachAnswer, ReachQueryError, TopologyReach } from '../reach';
import { ruleSource } from '../rules/catalogue';
import { explanationText } from '../report/explain-text';

/**
 * `azvpn reach PATH FROM TO`. Exit codes: 0 reachable, 1 unreachable, 3 unknown until apply,
 * 2 unusable input (including a FROM or TO that names nothing, or several things).
 */

export const EXIT_REACHABLE = 0;
export const EXIT_UNREACHABLE = 1;
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

export const reachCommand: CommandFunction = (args, io) =>
  runCommand(io, () => {
    const options = parseOptions(args, 'reach', { formats: ['text', 'json'] });
    if (options.help) return { stdout: REACH_USAGE, code: EXIT_REACHABLE };
    if (options.positionals.length !== 3) {
      throw new UsageError(`reach needs PATH FROM TO, got ${options.positionals.length} argument(s) (see azvpn reach --help)`);
    }
    const [path, from, to] = options.positionals;
    const { topology } = loadOneConfiguration(path, 'reach');
    const answer = answerOrUsageError(() => new TopologyReach(topology).reach(from, to));
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

/** A FROM or TO that names nothing, or several things, is a usage error (exit 2). */
function answerOrUsageError(ask: () => ReachAnswer): ReachAnswer {
  try {
    return ask();
  } catch (error) {
    if (error instanceof ReachQueryError) throw new UsageError(error.message);
    throw error;
  }
}
