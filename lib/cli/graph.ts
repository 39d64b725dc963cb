import { CommandFunction, loadOneConfiguration, parseOptions, runCommand, UsageError } from './command';
import { RoutingNetwork } from '../reach';
import { buildDiagram } from '../report/diagram';
import { renderDot, renderMermaid } from '../report/render';

export const GRAPH_USAGE = `Usage: azvpn graph PATH [--format mermaid|dot]

Draws VNets, gateways, sites and P2S pools; peerings (marking gateway transit), and tunnels
(marking BGP or static). PATH must hold exactly one configuration.
  --format mermaid   a Mermaid flowchart; GitHub renders it inside a \`\`\`mermaid block (default)
  --format dot       Graphviz DOT: azvpn graph PATH --format dot | dot -Tsvg > topology.svg

Exit codes: 0 done, 2 unusable input or command line.
`;

export const graphCommand: CommandFunction = (args, io) =>
  runCommand(io, () => {
    const options = parseOptions(args, 'graph', { formats: ['mermaid', 'dot'] });
    if (options.help) return { stdout: GRAPH_USAGE, code: 0 };
    if (options.positionals.length !== 1) throw new UsageError(`graph needs exactly one PATH, got ${options.positionals.length} (see azvpn graph --help)`);
    const { topology } = loadOneConfiguration(options.positionals[0], 'graph');
    const diagram = buildDiagram(new RoutingNetwork(topology));
    return { stdout: options.format === 'dot' ? renderDot(diagram) : renderMermaid(diagram), code: 0 };
  });
