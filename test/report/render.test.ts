import { spawnSync } from 'child_process';
import { RoutingNetwork } from '../../lib/reach';
import { buildDiagram } from '../../lib/report/diagram';
import { renderDot, renderMermaid } from '../../lib/report/render';
import { enterprise, Net } from '../reach/fixtures';

const diagramOf = (n: Net) => buildDiagram(new RoutingNetwork(n.build()));

/** Names that break naive Mermaid or DOT output: a reserved word, quotes, markup, a pipe, a backslash. */
function awkward(): Net {
  const n = new Net()
    .vnet('end', '10.0.0.0/16')
    .gateway('end', { bgp: true, asn: 65010 })
    .spoke('spoke "a" <b> #1 | x\\y', '10.1.0.0/16', 'end')
    .site('subgraph', ['192.168.1.0/24'])
    .s2s('end', 'subgraph');
  return n;
}

describe('the diagram', () => {
  test('GIVEN the enterprise configuration WHEN drawn THEN peerings mark gateway transit and tunnels mark BGP or static', () => {
    const d = buildDiagram(new RoutingNetwork(enterprise()));
    const labels = d.edges.map((e) => e.label).filter(Boolean).sort();
    expect(labels).toEqual([
      'P2S',
      'S2S, BGP',
      'S2S, BGP',
      'S2S, static',
      'VNet-to-VNet, BGP',
      'peering, gateway transit',
      'peering, gateway transit',
      'peering, gateway transit',
    ]);
    expect(d.nodes.filter((n) => n.kind === 'gateway').map((n) => n.lines)).toEqual([
      ['hub-gw', 'VpnGw2AZ active-active', 'BGP AS 65010'],
      ['hub-us-gw', 'VpnGw2AZ active-standby', 'BGP AS 65020'],
    ]);
  });

  test('GIVEN a peering without transit, a one-way peering and a one-sided VNet-to-VNet WHEN drawn THEN each is labelled for what it is', () => {
    const d = diagramOf(
      new Net()
        .vnet('hub', '10.0.0.0/16')
        .gateway('hub')
        .spoke('plain', '10.1.0.0/16', 'hub', { useRemote: false })
        .spoke('half', '10.2.0.0/16', 'hub', { oneWay: true })
        .vnet('far', '10.9.0.0/16')
        .gateway('far')
        .v2v('hub', 'far', { oneSided: true }),
    );
    expect(d.edges.map((e) => `${e.kind}: ${e.label ?? ''}`).sort()).toEqual([
      'broken: VNet-to-VNet, one connection only',
      'broken: peering, one direction only',
      'peering: peering',
      'placement: ',
      'placement: ',
    ]);
  });
});

describe('Mermaid output', () => {
  test('GIVEN awkward names WHEN rendered THEN ids are generated, every label is quoted, and quotes, markup, # and | are entity codes', () => {
    const text = renderMermaid(diagramOf(awkward()));
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    for (const line of lines.slice(1)) {
      expect(line).toMatch(/^ {2}(n\d+(\[|\{\{|\[\/|\(\[)"[^"]*"(\]|\}\}|\/\]|\]\))|n\d+ (---|<-->|<==>|<-\.->|-\.-)(\|"[^"|]*"\|)? n\d+|classDef \w+ [^ ]+|class n\d+(,n\d+)* \w+)$/);
    }
    expect(text).toContain('spoke #quot;a#quot; #60;b#62; #35;1 #124; x\\y');
    expect(text).not.toMatch(/^\s+end\b/m);
  });
});

const hasDot = spawnSync('dot', ['-V']).status === 0;
const withDot = hasDot ? test : test.skip;
if (!hasDot) {
  // Shown once per run, so a skipped DOT check is never silent (CI installs Graphviz).
  console.warn('render.test.ts: Graphviz `dot` is not on PATH; the dot -Tsvg checks are skipped (apt-get install graphviz)');
}

describe('DOT output', () => {
  test('GIVEN awkward names WHEN rendered THEN quotes and backslashes are escaped in every label', () => {
    const text = renderDot(diagramOf(awkward()));
    expect(text).toContain('label="spoke \\"a\\" <b> #1 | x\\\\y\\n10.1.0.0/16"');
    expect(text.startsWith('graph topology {')).toBe(true);
  });

  withDot.each([
    ['the enterprise configuration', () => renderDot(buildDiagram(new RoutingNetwork(enterprise())))],
    ['awkward names', () => renderDot(diagramOf(awkward()))],
  ])('GIVEN %s WHEN rendered THEN dot -Tsvg accepts it and draws an SVG', (_name, render) => {
    const result = spawnSync('dot', ['-Tsvg'], { input: render(), encoding: 'utf-8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('<svg');
  });
});
