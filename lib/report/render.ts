import { Diagram, EdgeKind, NodeKind } from './diagram';
import { capLength, escapeControls } from '../private/text';

/**
 * Mermaid and Graphviz DOT renderings of a {@link Diagram}. The Mermaid text renders on GitHub
 * as it is: node ids are generated (`n1`, `n2`, …, never a reserved word such as `end`), every
 * label is quoted, and quotes, `#`, `<`, `>`, `|` and backticks in names become Mermaid entity
 * codes. In both languages a label is cut to `MAX_LABEL_LENGTH` characters with an ellipsis, and
 * control characters show as escapes (`\x1b`).
 */

const MERMAID_SHAPE: Record<NodeKind, [string, string]> = {
  vnet: ['[', ']'],
  gateway: ['{{', '}}'],
  site: ['[/', '/]'],
  p2s: ['([', '])'],
};

const MERMAID_LINK: Record<EdgeKind, string> = {
  placement: '---',
  peering: '<-->',
  'transit-peering': '<-->',
  'bgp-tunnel': '<==>',
  'static-tunnel': '<-.->',
  broken: '-.-',
  p2s: '-.-',
};

export function renderMermaid(d: Diagram): string {
  const out = ['flowchart LR'];
  for (const n of d.nodes) {
    const [open, close] = MERMAID_SHAPE[n.kind];
    out.push(`  ${n.id}${open}"${n.lines.map(mermaidText).join('<br/>')}"${close}`);
  }
  for (const e of d.edges) {
    const link = MERMAID_LINK[e.kind];
    out.push(e.label ? `  ${e.from} ${link}|"${mermaidText(e.label)}"| ${e.to}` : `  ${e.from} ${link} ${e.to}`);
  }
  const byKind = new Map<NodeKind, string[]>();
  for (const n of d.nodes) {
    const ids = byKind.get(n.kind);
    if (ids) ids.push(n.id);
    else byKind.set(n.kind, [n.id]);
  }
  out.push(
    '  classDef vnet fill:#e8f1fb,stroke:#2f6db5,color:#10243e',
    '  classDef gateway fill:#fff4d6,stroke:#b58400,color:#3d2c00',
    '  classDef site fill:#eaf6ea,stroke:#2e7d32,color:#0f2a10',
    '  classDef p2s fill:#f3e8fb,stroke:#7b3fb5,color:#2a1240',
  );
  for (const [kind, ids] of byKind) out.push(`  class ${ids.join(',')} ${kind}`);
  return `${out.join('\n')}\n`;
}

function mermaidText(text: string): string {
  return escapeControls(capLength(text))
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#60;')
    .replace(/>/g, '#62;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;');
}

const DOT_NODE: Record<NodeKind, string> = {
  vnet: 'shape=box, style="rounded,filled", fillcolor="#e8f1fb", color="#2f6db5"',
  gateway: 'shape=hexagon, style=filled, fillcolor="#fff4d6", color="#b58400"',
  site: 'shape=house, style=filled, fillcolor="#eaf6ea", color="#2e7d32"',
  p2s: 'shape=ellipse, style=filled, fillcolor="#f3e8fb", color="#7b3fb5"',
};

const DOT_EDGE: Record<EdgeKind, string> = {
  placement: 'penwidth=2, color="#b58400"',
  peering: 'dir=both',
  'transit-peering': 'dir=both, color="#2f6db5", penwidth=2',
  'bgp-tunnel': 'dir=both, penwidth=2.5',
  'static-tunnel': 'dir=both, style=dashed',
  broken: 'style=dotted, color="#b00020"',
  p2s: 'style=dashed, color="#7b3fb5"',
};

export function renderDot(d: Diagram): string {
  const out = [
    'graph topology {',
    '  graph [rankdir=LR, fontname="Helvetica"];',
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const n of d.nodes) out.push(`  ${n.id} [label="${n.lines.map(dotText).join('\\n')}", ${DOT_NODE[n.kind]}];`);
  for (const e of d.edges) {
    const label = e.label ? `label="${dotText(e.label)}", ` : '';
    out.push(`  ${e.from} -- ${e.to} [${label}${DOT_EDGE[e.kind]}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

function dotText(text: string): string {
  return escapeControls(capLength(text)).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
