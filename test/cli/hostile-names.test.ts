import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import { mergedExample, writeExample } from './example';
import { VpnTopology } from '../../lib/constructs/vpn-topology';
import { azvpn, removeScratch, scratch } from './support';
import { fuzz } from '../support/fuzz';

/**
 * Names from a configuration reach terminals, CI logs, Mermaid, DOT and Markdown. Whatever a name
 * holds, every command's output keeps its grammar and no raw control character gets through.
 */

let dir: string;
beforeAll(() => {
  dir = scratch();
});
afterAll(() => removeScratch(dir));

const HOSTILE_PIECES = [
  '"', "'", '`', '|', '[', ']', '{', '}', '(', ')', '<', '>', '#', ';', '\\', '-->', '---', '==>', '%%', '&amp;',
  '\n', '\r\n', '\t', '\u0000', '\u0007', '\u001b[2J', '\u001b]0;pwned\u0007', '\u009b31m', '\u0085', '\u2028', '\u2029',
  '\u200f', '\u202e', '\u2066', '\ufeff', 'end', 'subgraph', 'graph', 'é', '🙂',
];
const hostileName = fc.oneof(
  fc.array(fc.constantFrom(...HOSTILE_PIECES), { minLength: 1, maxLength: 8 }).map((p) => `vnet${p.join('x')}`),
  fc.constantFrom('x'.repeat(20_000), `${'\u001b'.repeat(5_000)}tail`, `long${'|'.repeat(17_000)}`),
);

// Raw characters no output may contain: C0 but newline and tab, DEL, C1, separators, bidi controls, BOM.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

const MERMAID_LINE = [
  /^flowchart LR$/,
  /^ {2}n\d+(\["[^"]*"\]|\{\{"[^"]*"\}\}|\[\/"[^"]*"\/\]|\(\["[^"]*"\]\))$/,
  /^ {2}n\d+ (---|<-->|<==>|<-\.->|-\.-)(\|"[^"|]*"\|)? n\d+$/,
  /^ {2}classDef \w+ [^\s]+$/,
  /^ {2}class n\d+(,n\d+)* \w+$/,
];

const hasDot = spawnSync('dot', ['-V']).status === 0;

function withHostileNames(name: string): string {
  const target = `${dir}/case`;
  removeScratch(target);
  return writeExample(target, (files) => {
    files['hub.tf.json'].resource.azurerm_virtual_network.hub.name = name;
    files['hub.tf.json'].resource.azurerm_virtual_network_gateway.hub.name = `gw${name}`;
    files['spokes.tf.json'].resource.azurerm_virtual_network.spoke1.name = `spoke${name}`;
    files['sites.tf.json'].resource.azurerm_local_network_gateway.site_a.name = `site${name}`;
    files['sites.tf.json'].resource.azurerm_virtual_network_gateway_connection.site_a.name = `conn${name}`;
  });
}

/** Cells of a Markdown table row: split on `|` not escaped by a backslash. */
function cells(row: string): number {
  return row.split(/(?<!\\)\|/).length;
}

function assertTables(markdown: string): void {
  let header: number | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    if (header === undefined) header = cells(line);
    else expect([line.slice(0, 60), cells(line)]).toEqual([line.slice(0, 60), header]);
  }
}

describe('GIVEN names holding quotes, brackets, arrows, pipes, line breaks, escape sequences, bidi marks, NUL and 20k characters', () => {
  test('WHEN every command renders the configuration THEN no raw control character is written and each format keeps its grammar', () => {
    let dotRuns = 0;
    fc.assert(
      fc.property(hostileName, (name) => {
        const config = withHostileNames(name);
        const outputs = [
          azvpn('check', config),
          azvpn('check', config, '--format', 'json', '--verbose'),
          azvpn('summary', config),
          azvpn('summary', config, '--format', 'json'),
          azvpn('graph', config),
          azvpn('graph', config, '--format', 'dot'),
          azvpn('reach', config, 'azurerm_virtual_network.spoke1', 'azurerm_local_network_gateway.site_a'),
          azvpn('reach', config, 'azurerm_virtual_network.spoke1', 'azurerm_local_network_gateway.site_a', '--format', 'json'),
        ];
        for (const o of outputs) {
          expect(o.stdout).not.toMatch(RAW_CONTROL);
          expect(o.stderr).not.toMatch(RAW_CONTROL);
        }
        const [, checkJson, summary, summaryJson, mermaid, dot, , reachJson] = outputs;
        for (const o of [checkJson, summaryJson, reachJson]) expect(() => JSON.parse(o.stdout)).not.toThrow();
        assertTables(summary.stdout);
        for (const line of mermaid.stdout.trimEnd().split('\n')) expect([line.slice(0, 80), MERMAID_LINE.some((re) => re.test(line))]).toEqual([line.slice(0, 80), true]);
        for (const line of dot.stdout.split('\n')) expect(line.length).toBeLessThan(16_384);
        if (hasDot && dotRuns < 6) {
          dotRuns++;
          const rendered = spawnSync('dot', ['-Tsvg'], { input: dot.stdout, encoding: 'utf-8', timeout: 20_000 });
          expect([rendered.status, rendered.stderr]).toEqual([0, '']);
          expect(rendered.stdout).toContain('<svg');
        }
      }),
      fuzz(20),
    );
    if (!hasDot) console.warn('dot (graphviz) is not installed: the DOT output was checked for line length only');
  });
});

describe('GIVEN the same names WHEN rendered through the library API (no CLI in between)', () => {
  test('THEN Mermaid, DOT and Markdown escape them by their own grammars', () => {
    fc.assert(
      fc.property(hostileName, (name) => {
        const config = mergedExample();
        config.resource.azurerm_virtual_network.hub.name = name;
        config.resource.azurerm_local_network_gateway.site_a.name = `site${name}`;
        const topology = VpnTopology.fromTerraformObject(config);
        const mermaid = topology.toMermaid();
        const dot = topology.toDot();
        const markdown = topology.toMarkdown();
        for (const text of [mermaid, dot, markdown]) expect(text).not.toMatch(RAW_CONTROL);
        for (const line of mermaid.trimEnd().split('\n')) expect([line.slice(0, 80), MERMAID_LINE.some((re) => re.test(line))]).toEqual([line.slice(0, 80), true]);
        assertTables(markdown);
      }),
      fuzz(40),
    );
  });
});
