import { escapeControls } from '../private/text';
import { isKnown, isUnknown, Maybe, MaybeList } from '../model/unknown';
import { activeActiveOf, gatewayAsnOf, gatewayBgpOf, vpnTypeOf } from '../azure/defaults';
import { showList } from '../reach/engine';
import { TopologyReach } from '../reach/index';
import { GatewayNode } from '../reach/network';
import { bgpPeerAddresses, BgpPeerAddresses, ChecklistStatus, describePolicy, ScenarioChecklist, scenarioChecklists } from './scenarios';
import { Endpoint, ReachStatus } from '../reach/types';
import { AZURE_DEFAULT_ASN } from '../azure/asn';

/**
 * "What will be built": gateways, tunnels, the address plan, who reaches whom, and the seed
 * article's checklists for the scenarios the topology contains. Plain data (the JSON output),
 * rendered to Markdown by {@link renderSummaryMarkdown}.
 */

export interface GatewaySummary {
  readonly name: string;
  readonly address: string;
  readonly vnet: string;
  readonly sku: string;
  readonly vpnType: string;
  readonly mode: string;
  readonly bgp: string;
  readonly asn: string;
  readonly bgpPeerAddresses: BgpPeerAddresses[];
  readonly p2s?: { readonly pool: string; readonly addressSpace: string; readonly protocols: string; readonly authentication: string };
  readonly forcedTunnelling: string[];
  /** Connections of this gateway that lead somewhere the configuration doesn't name. */
  readonly unresolvedConnections: string[];
}

export interface TunnelSummary {
  readonly type: 'site-to-site' | 'VNet-to-VNet';
  readonly connections: string[];
  readonly from: string;
  readonly to: string;
  /** `BGP`, `static`, or `unknown (…)`. */
  readonly routing: string;
  /** Why the routing isn't what a flag suggests (BGP asked but not effective), when so. */
  readonly routingNote?: string;
  readonly ipsecPolicy: string;
  readonly trafficSelectors?: string;
}

export interface AddressPlanEntry {
  readonly owner: string;
  readonly kind: 'VNet' | 'subnet' | 'site' | 'P2S pool';
  readonly address: string;
  readonly prefixes: string;
  readonly note?: string;
}

export interface MatrixRow {
  readonly from: string;
  readonly reachable: string[];
  readonly unknown: Array<{ readonly to: string; readonly reason: string }>;
}

export interface TopologySummary {
  readonly name: string;
  readonly gateways: GatewaySummary[];
  readonly tunnels: TunnelSummary[];
  readonly addressPlan: AddressPlanEntry[];
  readonly matrix: { readonly endpoints: string[]; readonly rows: MatrixRow[] };
  readonly scenarios: ScenarioChecklist[];
}

export function buildSummary(name: string, reach: TopologyReach): TopologySummary {
  const net = reach.network;
  const matrix = reach.matrix();
  // Rows follow Terraform addresses: the adapter gives the model's lists in address order.
  const gateways = net.gateways.map(gatewaySummary);
  const tunnels: TunnelSummary[] = [];
  for (const g of net.gateways) {
    for (const t of g.tunnels) {
      const c = t.connection;
      tunnels.push({
        type: 'site-to-site',
        connections: [c.address],
        from: g.label,
        to: t.site.label,
        routing: routingOf(t.bgp),
        routingNote: c.bgpEnabled === true && t.bgp.state === 'no' ? t.bgp.why : undefined,
        ipsecPolicy: describePolicy(c.ipsecPolicy),
        trafficSelectors: t.selectors ? `${t.selectors.origin}: ${t.selectors.pairs.map((p) => `${showList(p.local)} ↔ ${showList(p.remote)}`).join('; ')}` : undefined,
      });
    }
  }
  for (const l of net.links) {
    const asked = l.forward.bgpEnabled === true || l.reverse?.bgpEnabled === true;
    tunnels.push({
      type: 'VNet-to-VNet',
      connections: [l.forward.address, ...(l.reverse ? [l.reverse.address] : [])],
      from: l.a.label,
      to: l.b.label,
      routing: l.up.state === 'no' ? `not up: ${l.up.why}` : routingOf(l.bgp),
      routingNote: asked && l.bgp.state === 'no' ? l.bgp.why : undefined,
      ipsecPolicy: describePolicy(l.forward.ipsecPolicy),
    });
  }
  const addressPlan: AddressPlanEntry[] = [];
  const kindOrder: Record<Endpoint['kind'], number> = { vnet: 0, site: 1, p2s: 2 };
  const endpoints = net.endpoints.slice().sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind]);
  for (const e of endpoints) {
    if (e.kind === 'vnet') {
      addressPlan.push({ owner: e.label, kind: 'VNet', address: e.address, prefixes: plan(e.prefixes, e.external) });
      const v = net.lookup.virtualNetwork(e.address);
      for (const s of v?.subnets ?? []) {
        const sub = net.lookup.subnet(s);
        if (!sub) continue;
        addressPlan.push({ owner: `${e.label} / ${isKnown(sub.name) ? sub.name : sub.address}`, kind: 'subnet', address: sub.address, prefixes: plan(sub.addressPrefixes, false) });
      }
    } else if (e.kind === 'site') {
      const l = net.lookup.localGateway(e.address);
      const bgp = l?.bgpSettings !== undefined;
      addressPlan.push({
        owner: e.label,
        kind: 'site',
        address: e.address,
        prefixes: plan(e.prefixes, e.external),
        note: bgp ? 'BGP: the networks behind it are learned over BGP; address_space holds static routes only' : 'static routes',
      });
    } else {
      addressPlan.push({ owner: e.label, kind: 'P2S pool', address: e.address, prefixes: plan(e.prefixes, false) });
    }
  }
  const rows: MatrixRow[] = matrix.endpoints.map((x) => ({
    from: x.label,
    reachable: matrix.reachableFrom(x).map((e) => e.label),
    unknown: matrix.unknownFrom(x).map((u) => ({ to: u.endpoint.label, reason: u.verdict.reason })),
  }));
  return {
    name,
    gateways,
    tunnels,
    addressPlan,
    matrix: { endpoints: matrix.endpoints.map((e) => e.label), rows },
    scenarios: scenarioChecklists(net, matrix),
  };
}

function gatewaySummary(g: GatewayNode): GatewaySummary {
  const gw = g.gateway;
  const aa = activeActiveOf(gw);
  const bgp = gatewayBgpOf(gw);
  const asn = gatewayAsnOf(gw);
  const p2s = gw.p2s;
  return {
    name: g.label,
    address: gw.address,
    vnet: g.hub?.label ?? `unknown (${g.hubUnknown})`,
    sku: value(gw.sku, 'not set'),
    vpnType: value(vpnTypeOf(gw), 'RouteBased'),
    mode: isKnown(aa) ? (aa ? 'active-active' : 'active-standby') : `unknown (${aa.reason})`,
    bgp: isKnown(bgp) ? (bgp ? 'enabled' : 'disabled') : `unknown (${bgp.reason})`,
    asn: gw.bgpSettings?.asn === undefined ? `${AZURE_DEFAULT_ASN} (Azure default)` : value(asn, ''),
    bgpPeerAddresses: bgp === false ? [] : bgpPeerAddresses(gw),
    p2s:
      p2s && g.p2s
        ? {
            pool: g.p2s.label,
            addressSpace: plan(p2s.addressSpace, false),
            protocols: p2s.protocols ? showList(p2s.protocols) : 'not set (Azure default)',
            authentication: p2s.authTypes ? showList(p2s.authTypes) : p2s.rootCertificates.length > 0 ? '[Certificate]' : 'not set',
          }
        : undefined,
    forcedTunnelling: [
      ...g.forcedTunnelSites.map((s) => `site ${s.label} lists 0.0.0.0/0: Internet-bound traffic of ${g.hub?.label ?? 'the VNet'} and its transit spokes goes to ${s.label}`),
      ...(g.defaultSite !== undefined ? [`default site ${g.defaultSite} (default_local_network_gateway_id)`] : []),
    ],
    unresolvedConnections: g.unresolved,
  };
}

function value(v: Maybe<string | number> | undefined, dflt: string): string {
  if (v === undefined) return dflt;
  return isUnknown(v) ? `unknown (${v.reason})` : String(v);
}

function plan(list: MaybeList<string>, external: boolean): string {
  if (list.items.length === 0 && !list.unknown) return external ? 'outside this configuration' : 'none';
  return list.unknown ? `${list.items.join(', ')}${list.items.length ? ', ' : ''}unknown (${list.unknown.reason})` : list.items.join(', ');
}

function routingOf(t: { state: string; why?: string }): string {
  if (t.state === 'yes') return 'BGP';
  if (t.state === 'unknown') return `unknown (${t.why})`;
  return 'static';
}

// --- Markdown ------------------------------------------------------------------------------

/** Above this many endpoints the matrix is printed as one line per source instead of a grid. */
export const GRID_LIMIT = 24;
/** Above this many subjects per scenario, all-pass subjects are folded into one line. */
const FOLD_LIMIT = 12;

const CELL: Record<ReachStatus, string> = { reachable: 'yes', unreachable: 'no', unknown: 'unknown' };
const MARK: Record<ChecklistStatus, string> = { pass: 'pass', fail: '**FAIL**', warning: '**warning**', unknown: 'unknown', info: 'info' };

export function renderSummaryMarkdown(s: TopologySummary, reach: TopologyReach): string {
  const out: string[] = [];
  out.push(`# VPN topology: ${md(s.name)}`, '');
  out.push('## Gateways', '');
  if (s.gateways.length === 0) out.push('No VPN gateway.', '');
  else {
    out.push('| Gateway | VNet | SKU | Type | Mode | BGP | ASN | BGP peer addresses | P2S |', '|---|---|---|---|---|---|---|---|---|');
    for (const g of s.gateways) {
      const peers = g.bgpPeerAddresses.length === 0 ? '—' : g.bgpPeerAddresses.map((p) => `${md(p.instance)}: ${p.addresses.map(md).join(', ')}`).join('<br>');
      const p2s = g.p2s ? `${md(g.p2s.addressSpace)}; ${md(g.p2s.protocols)}; ${md(g.p2s.authentication)}` : '—';
      out.push(`| ${md(g.name)} | ${md(g.vnet)} | ${md(g.sku)} | ${md(g.vpnType)} | ${md(g.mode)} | ${md(g.bgp)} | ${md(g.asn)} | ${peers} | ${p2s} |`);
    }
    out.push('');
    const forced = s.gateways.flatMap((g) => g.forcedTunnelling.map((f) => `${g.name}: ${f}`));
    if (forced.length > 0) out.push('Forced tunnelling:', '', ...forced.map((f) => `- ${md(f)}`), '');
    const unresolved = s.gateways.flatMap((g) => g.unresolvedConnections);
    if (unresolved.length > 0) out.push('Connections leading outside the configuration:', '', ...unresolved.map((u) => `- ${md(u)}`), '');
  }
  out.push('## Tunnels', '');
  if (s.tunnels.length === 0) out.push('No site-to-site or VNet-to-VNet connection.', '');
  else {
    out.push('| Connection | Type | From | To | Routing | IPsec/IKE policy |', '|---|---|---|---|---|---|');
    for (const t of s.tunnels) {
      const routing = [t.routing, t.routingNote, t.trafficSelectors].filter(Boolean).map((x) => md(x!)).join('<br>');
      out.push(`| ${t.connections.map(md).join('<br>')} | ${t.type} | ${md(t.from)} | ${md(t.to)} | ${routing} | ${md(t.ipsecPolicy)} |`);
    }
    out.push('');
  }
  out.push('## Address plan', '', '| Owner | Kind | Prefixes | Note |', '|---|---|---|---|');
  for (const a of s.addressPlan) out.push(`| ${md(a.owner)} | ${a.kind} | ${md(a.prefixes)} | ${md(a.note ?? '')} |`);
  out.push('');
  out.push('## Reachability', '');
  out.push(...renderMatrixMarkdown(reach), '');
  out.push('## Validation checklists', '');
  out.push('From "Configure and validate VNet or VPN connections", for the scenarios this topology contains; where the 2019 article is outdated, the item says what holds today.', '');
  if (s.scenarios.length === 0) out.push('No scenario of the article applies.', '');
  const byScenario = new Map<string, ScenarioChecklist[]>();
  for (const c of s.scenarios) byScenario.set(c.scenario, [...(byScenario.get(c.scenario) ?? []), c]);
  for (const [scenario, lists] of byScenario) {
    out.push(`### ${md(scenario)}`, '');
    const folded = lists.length > FOLD_LIMIT ? lists.filter((l) => l.items.every((i) => i.status === 'pass' || i.status === 'info')) : [];
    for (const l of lists) {
      if (folded.includes(l)) continue;
      out.push(`**${md(l.subject)}**`, '', '| Check | Status | Detail |', '|---|---|---|');
      for (const i of l.items) out.push(`| ${md(i.check)} | ${MARK[i.status]} | ${md(i.detail)}${i.rule ?? i.see ? ` (${i.rule ?? i.see})` : ''} |`);
      out.push('');
    }
    if (folded.length > 0) {
      const names = folded.map((l) => l.subject);
      out.push(`${folded.length === lists.length ? `All ${folded.length}` : `${folded.length} more`} pass every check: ${md(names.slice(0, 10).join(', '))}${names.length > 10 ? ', …' : ''}`, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The matrix as a grid (small topologies) or as one line per source (large ones). */
export function renderMatrixMarkdown(reach: TopologyReach): string[] {
  const m = reach.matrix();
  const eps = m.endpoints;
  if (eps.length === 0) return ['No VNet, site or P2S pool.'];
  const out: string[] = [];
  if (eps.length <= GRID_LIMIT) {
    out.push('Rows reach columns (yes, no, unknown).', '');
    out.push(`| from \\ to | ${eps.map((e) => md(e.label)).join(' | ')} |`, `|---|${eps.map(() => '---').join('|')}|`);
    for (const x of eps) out.push(`| **${md(x.label)}** | ${eps.map((y) => (x === y ? '—' : CELL[m.status(x, y)])).join(' | ')} |`);
  } else {
    out.push(`${eps.length} endpoints; each line lists what a source reaches.`, '');
    for (const x of eps) {
      const r = m.reachableFrom(x);
      out.push(`- **${md(x.label)}** reaches ${r.length}: ${md(shorten(r))}`);
    }
  }
  const unknowns = eps.flatMap((x) => m.unknownFrom(x).map((u) => ({ x, u })));
  if (unknowns.length > 0) {
    out.push('', 'Unknown until apply:', '');
    for (const { x, u } of unknowns.slice(0, 50)) out.push(`- ${md(x.label)} → ${md(u.endpoint.label)}: ${md(u.verdict.reason)}`);
    if (unknowns.length > 50) out.push(`- … and ${unknowns.length - 50} more (see --format json)`);
  }
  return out;
}

function shorten(es: Endpoint[]): string {
  if (es.length === 0) return 'nothing';
  const names = es.map((e) => e.label);
  return names.length > 12 ? `${names.slice(0, 12).join(', ')}, … and ${names.length - 12} more` : names.join(', ');
}

/** Escapes text for a Markdown table cell: control characters (newlines among them) as escapes, then the table's own syntax. */
function md(text: string): string {
  return escapeControls(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
