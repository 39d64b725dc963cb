import { CommandFunction, loadConfigurations, parseOptions, runCommand, UsageError } from './command';
import { TopologyReach } from '../reach';
import { buildSummary, renderSummaryMarkdown } from '../report/summary';

export const SUMMARY_USAGE = `Usage: azvpn summary PATH [--format markdown|json]

What the configuration will build: gateways (SKU, mode, ASN, BGP peer addresses), tunnels
(type, BGP or static, IPsec/IKE policy), the address plan by owner, the reachability matrix,
and the checklists of "Configure and validate VNet or VPN connections" for the scenarios the
topology contains. PATH is a .tf.json file, a directory of them, or a directory holding cdktf
stacks (each cdk.tf.json below it is summarised on its own).
  --format markdown   GitHub-flavoured Markdown (default)
  --format json       {"configurations":[{"name","gateways","tunnels","addressPlan","matrix","scenarios"}]}

Exit codes: 0 done, 2 unusable input or command line.
`;

export const summaryCommand: CommandFunction = (args, io) =>
  runCommand(io, () => {
    const options = parseOptions(args, 'summary', { formats: ['markdown', 'json'] });
    if (options.help) return { stdout: SUMMARY_USAGE, code: 0 };
    if (options.positionals.length !== 1) throw new UsageError(`summary needs exactly one PATH, got ${options.positionals.length} (see azvpn summary --help)`);
    const parts = loadConfigurations(options.positionals[0]).map(({ name, topology }) => {
      const reach = new TopologyReach(topology);
      return { reach, summary: buildSummary(name, reach) };
    });
    if (options.format === 'json') {
      return { stdout: `${JSON.stringify({ configurations: parts.map((p) => p.summary) }, null, 2)}\n`, code: 0 };
    }
    return { stdout: parts.map((p) => renderSummaryMarkdown(p.summary, p.reach)).join('\n'), code: 0 };
  });
