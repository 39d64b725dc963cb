import { Connection, LocalNetworkGateway, Peering, VirtualNetworkGateway } from '../model/topology';
import { isKnown, isUnknown, Maybe, MaybeList } from '../model/unknown';
import { RULES } from '../rules/catalogue';
import { checkTopology } from '../rules/engine';
import { Finding, Severity } from '../rules/rule';
import { vpnSku } from '../azure/sku-capabilities';
import { hostPrefix } from '../private/cidr';
import { activeActiveOf, gatewayAsnOf, gatewayBgpOf, vpnTypeOf } from '../azure/defaults';
import { ReachabilityMatrix } from '../reach/matrix';
import { GatewayNode, RoutingNetwork, SpokeLink, Tunnel } from '../reach/network';
import { both, Fact } from '../reach/types';
import { AZURE_DEFAULT_ASN } from '../azure/asn';
import { EXPRESS_ROUTE_GATEWAY } from '../azure/connection-types';

/**
 * The validation checklists of the Microsoft article "Configure and validate VNet or VPN
 * connections" (https://learn.microsoft.com/troubleshoot/azure/virtual-network/virtual-network-configure-vnet-connections),
 * one per scenario the topology contains. Every item that cites a catalogue rule is decided by
 * running that rule through the engine, on the resources the item is about: an error is `fail`,
 * a warning (and no error) is `warning`, a skip is `unknown`, no finding is `pass`; so a
 * checklist and `azvpn check` never disagree about a rule or its severity. Items that cite no implemented rule describe what the model
 * shows. Where the 2019 article is outdated, the item says what holds today instead of
 * repeating it.
 */

export type ChecklistStatus = 'pass' | 'fail' | 'warning' | 'unknown' | 'info';

export interface ChecklistItem {
  readonly check: string;
  readonly status: ChecklistStatus;
  readonly detail: string;
  /** The catalogue rule that decided the status, as `azvpn check` runs it. */
  readonly rule?: string;
  /**
   * A catalogue id cited as background only: the status is the reachability engine's (transit
   * needs BGP on every connection involved), which no single rule decides.
   */
  readonly see?: string;
}

export interface ScenarioChecklist {
  /** The article's scenario and configuration, e.g. "Scenario 1, configuration 1: VNet peering". */
  readonly scenario: string;
  /** What in the topology the checklist is about. */
  readonly subject: string;
  readonly items: ChecklistItem[];
}

export function scenarioChecklists(net: RoutingNetwork, matrix: ReachabilityMatrix): ScenarioChecklist[] {
  const verdicts = new RuleVerdicts(checkTopology(net.topology));
  const out: ScenarioChecklist[] = [];
  out.push(...peeringChecklists(net, verdicts));
  out.push(...vnetToVnetChecklists(net, verdicts));
  out.push(...p2sChecklists(net, matrix, verdicts));
  out.push(...multiSiteChecklists(net, verdicts));
  out.push(...transitChecklists(net, matrix, verdicts));
  out.push(...bgpChecklists(net, verdicts));
  out.push(...activeActiveChecklists(net, verdicts));
  out.push(...gatewayTypeChecklists(net));
  return out;
}

const IMPLEMENTED = new Set(RULES.map((r) => r.id));
const SKIPPED = /^skipped: /;

/** A resource an item is about: an entity, its address, or nothing (a missing half). */
type Subject = { readonly address: string } | string | undefined;

/** The rule engine's findings by rule id, to decide the items that cite a rule. */
class RuleVerdicts {
  private readonly byRule = new Map<string, Finding[]>();

  constructor(findings: readonly Finding[]) {
    for (const f of findings) {
      const list = this.byRule.get(f.rule);
      if (list) list.push(f);
      else this.byRule.set(f.rule, [f]);
    }
  }

  /** The rule's findings on the subjects, and the status they decide. */
  public decide(rule: string, subjects: readonly Subject[]): { status: 'pass' | 'fail' | 'warning' | 'unknown'; findings: Finding[] } {
    if (!IMPLEMENTED.has(rule)) throw new Error(`checklist item cites ${rule}, which the catalogue does not implement`);
    const addresses = new Set(subjects.map((x) => (typeof x === 'string' ? x : x?.address)).filter((a): a is string => a !== undefined));
    const mine = (this.byRule.get(rule) ?? []).filter((f) => addresses.has(f.resource));
    // The severity is the engine's: an item never fails on a finding the rule reports as a warning.
    const errors = mine.filter((f) => f.severity === Severity.ERROR);
    if (errors.length > 0) return { status: 'fail', findings: errors };
    const warnings = mine.filter((f) => f.severity === Severity.WARNING);
    if (warnings.length > 0) return { status: 'warning', findings: warnings };
    const skips = mine.filter((f) => SKIPPED.test(f.message));
    if (skips.length > 0) return { status: 'unknown', findings: skips };
    return { status: 'pass', findings: [] };
  }

  /**
   * An item decided by a catalogue rule. `details` describe the item per status; a status
   * without one shows the findings that decided it.
   */
  public item(check: string, rule: string, subjects: readonly Subject[], details: Partial<Record<ChecklistStatus, string>>): ChecklistItem {
    const { status, findings } = this.decide(rule, subjects);
    return { check, status, detail: details[status] ?? findingsDetail(findings, rule), rule };
  }

  /**
   * Decides an item written from the model by the rule it cites: the engine's status wins, and
   * the item keeps its detail only when that describes the same status. An `info` item stays
   * informational unless the rule fails or skips on the subjects. Items citing no implemented
   * rule (catalogue ids left out) are returned as they are.
   */
  public decided(it: ChecklistItem, subjects: readonly Subject[], alsoRules: readonly string[] = []): ChecklistItem {
    if (it.rule === undefined || !IMPLEMENTED.has(it.rule)) return it;
    // With several rules the worst verdict decides, and the item cites the rule behind it.
    const verdicts = [it.rule, ...alsoRules].map((rule) => ({ rule, ...this.decide(rule, subjects) }));
    const worst = (['fail', 'warning', 'unknown'] as const).map((status) => verdicts.find((x) => x.status === status)).find((x) => x !== undefined) ?? verdicts[0];
    const rule = worst.status === 'pass' ? it.rule : worst.rule;
    if (worst.status === it.status || (it.status === 'info' && worst.status === 'pass')) return rule === it.rule ? it : { ...it, rule };
    return { ...it, status: worst.status, detail: findingsDetail(worst.findings, rule), rule };
  }
}

function findingsDetail(findings: readonly Finding[], rule: string): string {
  if (findings.length === 0) return `no ${rule} finding`;
  const shown = findings.slice(0, 2).map((f) => `${f.resource}: ${f.message.replace(SKIPPED, '')}`);
  return findings.length > 2 ? `${shown.join('; ')}; and ${findings.length - 2} more` : shown.join('; ');
}

const S1C1 = 'Scenario 1, configuration 1: VNet peering';
const S1C2 = 'Scenario 1, configuration 2: VNet-to-VNet VPN connection';
const S2 = 'Scenario 2: Point-to-Site VPN connection';
const S3 = 'Scenario 3: Multi-Site VPN connection';
const S4C1 = 'Scenario 4, configuration 1: transit routing for Point-to-Site clients';
const S4C2 = 'Scenario 4, configuration 2: transit routing with ExpressRoute';
const S4C3 = 'Scenario 4, configuration 3: transit routing in a VNet peering (gateway transit)';
const S4C4 = 'Scenario 4, configuration 4: transit routing over VNet-to-VNet connections';
const S4C5 = 'Scenario 4, configuration 5: transit routing over site-to-site connections';
const S5 = 'Scenario 5: BGP for a VPN gateway';
const S6 = 'Scenario 6: highly available active-active VPN gateway';
const S7 = 'Scenario 7: changing the gateway type after deployment';

function item(check: string, status: ChecklistStatus, detail: string, rule?: string): ChecklistItem {
  return { check, status, detail, rule };
}

/** A reachability item: the reach engine decides it, and `see` names the catalogue id behind the semantics. */
function reachItem(check: string, t: Fact, passDetail: string, see: string): ChecklistItem {
  const { rule, ...rest } = fromTri(check, t, passDetail, see);
  return { ...rest, see: rule ?? see };
}

function fromTri(check: string, t: Fact, passDetail: string, rule?: string): ChecklistItem {
  if (t.state === 'yes') return item(check, 'pass', passDetail, rule);
  if (t.state === 'unknown') return item(check, 'unknown', t.why, rule);
  return item(check, 'fail', t.why, t.rule ?? rule);
}

/** A model value for an item's detail: the value, or "unknown" with the reason. */
function shown(value: Maybe<string> | undefined): string {
  if (value === undefined) return 'not set';
  return isKnown(value) ? value : `unknown (${value.reason})`;
}

function flag(value: Maybe<boolean> | undefined, dflt: boolean): string {
  if (value === undefined) return `${dflt} (default)`;
  return isKnown(value) ? String(value) : `unknown (${value.reason})`;
}

/** `hub [10.0.0.0/16] vs spoke [10.1.0.0/16]`: the prefixes an overlap item compares. */
function prefixesDetail(sides: Array<{ label: string; prefixes: MaybeList<string> }>): string {
  return sides.map((x) => `${x.label} [${x.prefixes.items.join(', ')}]`).join(' vs ');
}

// --- Scenario 1, configuration 1 ---------------------------------------------------------

function peeringChecklists(net: RoutingNetwork, v: RuleVerdicts): ScenarioChecklist[] {
  const out: ScenarioChecklist[] = [];
  const seen = new Set<string>();
  for (const a of net.endpoints) {
    if (a.kind !== 'vnet') continue;
    for (const b of net.peers(a)) {
      const pair = net.peering(a, b)!;
      const key = [pair.a.id, pair.b.id].join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const va = net.lookup.virtualNetwork(pair.a.address);
      const vb = net.lookup.virtualNetwork(pair.b.address);
      const la = va?.location;
      const lb = vb?.location;
      const sameRegion = isKnown(la) && isKnown(lb) ? (la === lb ? 'yes' : `no (${la}, ${lb})`) : 'not known';
      const peerings = [pair.ab, pair.ba];
      const items: ChecklistItem[] = [
        item('The peered VNets are in the same region', 'info', `same region: ${sameRegion}. Not required today: global VNet peering, with gateway transit, is supported (the 2019 article predates it)`, 'peer.global-transit'),
        v.item('The peered VNets have non-overlapping address spaces', 'peer.no-overlap', peerings, { pass: prefixesDetail([pair.a, pair.b]) }),
        v.decided(fromTri('The peering exists in both directions', pair.ab && pair.ba ? { state: 'yes' } : pair.status, `${pair.ab?.address} and ${pair.ba?.address}`, 'peer.both-sides'), peerings),
        item('Peering is not transitive', 'info', `${pair.a.label} and ${pair.b.label} reach each other through this peering only; VNets peered with just one of them are not reachable from the other`, 'peer.non-transitive'),
      ];
      for (const p of [pair.ab, pair.ba]) if (p) items.push(item(`Settings of ${p.address}`, 'info', peeringSettings(p)));
      out.push({ scenario: S1C1, subject: `${pair.a.label} ↔ ${pair.b.label}`, items });
    }
  }
  return out;
}

function peeringSettings(p: Peering): string {
  return [
    `allow_virtual_network_access = ${flag(p.allowVirtualNetworkAccess, true)}`,
    `allow_forwarded_traffic = ${flag(p.allowForwardedTraffic, false)}`,
    `allow_gateway_transit = ${flag(p.allowGatewayTransit, false)}`,
    `use_remote_gateways = ${flag(p.useRemoteGateways, false)}`,
  ].join(', ');
}

// --- Scenario 1, configuration 2 ---------------------------------------------------------

function vnetToVnetChecklists(net: RoutingNetwork, v: RuleVerdicts): ScenarioChecklist[] {
  return net.links.map((link) => {
    const c = link.forward;
    const r = link.reverse;
    const hubA = link.a.hub;
    const hubB = link.b.hub;
    const pair = [c, r];
    const items: ChecklistItem[] = [];
    items.push(
      v.item('No overlapping address spaces in the connected VNets', 'conn.no-overlap', [...pair, link.a.gateway, link.b.gateway], {
        pass: hubA && hubB ? prefixesDetail([hubA, hubB]) : 'no overlap among the known prefixes',
      }),
    );
    items.push(addressRangeItem(c, link.b));
    items.push(r ? addressRangeItem(r, link.a) : v.item(`${link.b.label}'s connection back to ${link.a.label} exists`, 'conn.v2v.pair', pair, { fail: link.up.state === 'no' ? link.up.why : 'missing' }));
    items.push(v.item('The pre-shared keys match on both connection objects', 'conn.v2v.pair', pair, sharedKeyDetails(c, r)));
    items.push(v.decided(peerGatewayItem(c, link.a, link.b), pair));
    if (r) items.push(v.decided(peerGatewayItem(r, link.b, link.a), pair));
    if (r) items.push(v.item('The same IPsec/IKE policy on both connections', 'conn.v2v.same-policy', pair, samePolicyDetails(c, r)));
    items.push(reachItem('BGP on both connections (needed for transit beyond the two VNets)', link.bgp, 'both connections run BGP', 'bgp.transit'));
    return { scenario: S1C2, subject: `${link.a.label} ↔ ${link.b.label} (${c.address}${r ? ` / ${r.address}` : ''})`, items };
  });
}

function addressRangeItem(c: Connection, peer: GatewayNode): ChecklistItem {
  const check = `${peer.hub?.label ?? peer.label}'s address range is defined accurately in ${c.address}`;
  if (!peer.hub) return item(check, 'unknown', peer.hubUnknown ?? 'the peer gateway VNet is not known');
  return item(check, 'pass', `a Resource Manager VNet-to-VNet connection takes ${peer.hub.label}'s address space [${peer.hub.prefixes.items.join(', ')}] from peer_virtual_network_gateway_id; nothing to keep in sync by hand`);
}

function peerGatewayItem(c: Connection, own: GatewayNode, peer: GatewayNode): ChecklistItem {
  const check = `${peer.label}'s public IP (VIP) is defined accurately in ${c.address}`;
  if (isKnown(c.peerGateway) && c.peerGateway === peer.gateway.address) {
    return item(check, 'pass', `peer_virtual_network_gateway_id points at ${peer.label}; Azure uses its public IP(s), so no address is copied by hand (from ${own.label})`);
  }
  if (isUnknown(c.peerGateway)) return item(check, 'unknown', `peer_virtual_network_gateway_id is not known (${c.peerGateway.reason})`);
  return item(check, 'fail', `peer_virtual_network_gateway_id of ${c.address} does not point at ${peer.label}`, 'conn.v2v.pair');
}

/** What the shared-key item says per status; the rule decides which applies. */
function sharedKeyDetails(c: Connection, r: Connection | undefined): Partial<Record<ChecklistStatus, string>> {
  if (!r) return { fail: `only ${c.address} exists` };
  if (c.sharedKey === undefined || r.sharedKey === undefined) {
    const missing = c.sharedKey === undefined ? c.address : r.address;
    return { fail: `shared_key is not set on ${missing}: Azure generates a key per connection, so the two sides won't match` };
  }
  const from = (k: Maybe<string>) => (isUnknown(k) ? (k.expression ?? k.reason) : 'a literal');
  return {
    pass: 'both connections use the same key (value not shown)',
    fail: `the shared_key values of ${c.address} and ${r.address} differ (values not shown)`,
    unknown: `${c.address} takes its key from ${from(c.sharedKey)} and ${r.address} from ${from(r.sharedKey)}; compare them after apply`,
  };
}

/** What the same-policy item says per status; the rule decides which applies (aliases and SA defaults included). */
function samePolicyDetails(c: Connection, r: Connection): Partial<Record<ChecklistStatus, string>> {
  const a = describePolicy(c.ipsecPolicy);
  const b = describePolicy(r.ipsecPolicy);
  return {
    pass: !c.ipsecPolicy && !r.ipsecPolicy ? 'both use the Azure default policy' : a === b ? `both use ${a}` : `equivalent policies: ${c.address}: ${a}; ${r.address}: ${b}`,
    fail: `${c.address}: ${a}; ${r.address}: ${b}`,
  };
}

/** "IKE AES256/SHA256/DHGroup14, IPsec GCMAES256/GCMAES256/PFS2048" or "Azure default". */
export function describePolicy(p: Connection['ipsecPolicy']): string {
  if (!p) return 'Azure default';
  const v = (x: Maybe<string | number> | undefined) => (x === undefined ? '-' : isKnown(x) ? String(x) : '?');
  const life = p.saLifetimeSeconds !== undefined ? `, SA ${v(p.saLifetimeSeconds)} s` : '';
  const size = p.saDataSizeKilobytes !== undefined ? `, ${v(p.saDataSizeKilobytes)} KB` : '';
  return `IKE ${v(p.ikeEncryption)}/${v(p.ikeIntegrity)}/${v(p.dhGroup)}, IPsec ${v(p.ipsecEncryption)}/${v(p.ipsecIntegrity)}/${v(p.pfsGroup)}${life}${size}`;
}

// --- Scenario 2 ----------------------------------------------------------------------------

function p2sChecklists(net: RoutingNetwork, matrix: ReachabilityMatrix, v: RuleVerdicts): ScenarioChecklist[] {
  const out: ScenarioChecklist[] = [];
  for (const g of net.gateways) {
    const p2s = g.gateway.p2s;
    if (!p2s || !g.p2s) continue;
    const items: ChecklistItem[] = [];
    const gw = [g.gateway];
    items.push(v.item('The gateway is route-based', 'p2s.routebased', gw, { pass: `vpn_type = ${shown(vpnTypeOf(g.gateway))}` }));
    const others: Array<{ label: string; prefixes: MaybeList<string> }> = [g.p2s];
    if (g.hub) others.push(g.hub);
    for (const s of g.spokes) others.push(s.vnet);
    for (const t of g.tunnels) if (t.bgp.state !== 'yes') others.push({ label: t.site.label, prefixes: t.localGateway.addressSpace });
    items.push(v.item('The client address pool overlaps no VNet or site it connects to', 'p2s.pool.no-overlap', gw, { pass: prefixesDetail(others) }));
    items.push(authItem(g));
    const sku = g.gateway.sku;
    if (isKnown(sku) && sku === 'Basic') {
      // Decided by the rule alone: Basic supports IKEv2 since November 2025.
      const protocols = p2s.protocols?.items ?? [];
      items.push(v.item('The tunnel types are supported by the SKU', 'p2s.protocol-sku', gw, { pass: `${protocols.length > 0 ? protocols.join(', ') : 'the default protocols'} on Basic` }));
    }
    if (activeActiveOf(g.gateway) === true) {
      const n = isKnown(g.gateway.ipConfigurations) ? g.gateway.ipConfigurations.length : undefined;
      items.push(
        n === undefined
          ? item('An active-active P2S gateway has a third IP configuration', 'unknown', 'ip_configuration blocks are not known', 'p2s.aa-third-ip')
          : item('An active-active P2S gateway has a third IP configuration', n >= 3 ? 'pass' : 'fail', `${n} ip_configuration block(s)`, 'p2s.aa-third-ip'),
      );
    }
    const reached = matrix.reachableFrom(g.p2s).map((e) => e.label);
    items.push(item('What P2S clients reach', 'info', reached.length > 0 ? reached.join(', ') : 'nothing', 'p2s.transit'));
    out.push({ scenario: S2, subject: `${g.p2s.label} on ${g.label}`, items: items.map((i) => v.decided(i, gw, i.rule === 'p2s.auth-protocol' ? AUTH_RULES : [])) });
  }
  return out;
}

/** The rules besides p2s.auth-protocol that decide whether client authentication is configured. */
const AUTH_RULES = ['p2s.entra', 'p2s.radius', 'p2s.root-certs'];

function authItem(g: GatewayNode): ChecklistItem {
  const p2s = g.gateway.p2s!;
  const check = 'Client authentication is configured';
  const types = p2s.authTypes?.items ?? (p2s.rootCertificates.length > 0 ? ['Certificate'] : []);
  if (p2s.authTypes?.unknown) return item(check, 'unknown', `vpn_auth_types is not known (${p2s.authTypes.unknown.reason})`, 'p2s.auth-protocol');
  const missing: string[] = [];
  const present: string[] = [];
  for (const t of types.length > 0 ? types : ['Certificate']) {
    if (t === 'Certificate') (p2s.rootCertificates.length > 0 ? present : missing).push(`certificates (${p2s.rootCertificates.length} root certificate(s))`);
    else if (t === 'AAD') (p2s.aadTenant !== undefined && p2s.aadAudience !== undefined && p2s.aadIssuer !== undefined ? present : missing).push('Microsoft Entra ID (aad_tenant, aad_audience, aad_issuer)');
    else if (t === 'Radius') (p2s.radiusServerAddress !== undefined || p2s.radiusServers.length > 0 ? present : missing).push('RADIUS');
  }
  if (missing.length > 0) return item(check, 'fail', `missing: ${missing.join(', ')}`, 'p2s.auth-protocol');
  return item(check, 'pass', present.join(', '), 'p2s.auth-protocol');
}

// --- Scenario 3 ----------------------------------------------------------------------------

function multiSiteChecklists(net: RoutingNetwork, v: RuleVerdicts): ScenarioChecklist[] {
  const out: ScenarioChecklist[] = [];
  for (const g of net.gateways) {
    const sites = g.tunnels;
    const others = g.links.length + (g.p2s ? 1 : 0);
    if (sites.length === 0 || sites.length + others < 2) continue;
    const connections = [g.gateway, ...sites.map((t) => t.connection)];
    const tunnels = sites.length + g.links.length;
    const sku = g.gateway.sku;
    const caps = isKnown(sku) ? vpnSku(sku) : undefined;
    const decided = [
      v.item('The gateway is route-based', 'conn.routebased', connections, { pass: `vpn_type = ${shown(vpnTypeOf(g.gateway))}` }),
      v.item('The tunnels fit the SKU', 'conn.tunnel-limit', connections, { pass: `${tunnels} S2S/VNet-to-VNet connection(s)${caps ? `; ${caps.name} allows ${caps.maxTunnels}` : ''}` }),
    ];
    const sides: Array<{ label: string; prefixes: MaybeList<string> }> = [];
    if (g.hub) sides.push(g.hub);
    for (const t of sites) sides.push({ label: t.site.label, prefixes: staticPrefixes(t.localGateway) });
    decided.push(v.item("The sites' address spaces overlap neither each other nor the VNet", 'conn.no-overlap', connections, { pass: prefixesDetail(sides) }));
    decided.push(v.decided(distinctDevicesItem(sites), sites.map((t) => t.localGateway)));
    out.push({ scenario: S3, subject: `${g.label}: ${sites.map((t) => t.site.label).join(', ')}`, items: decided });
  }
  return out;
}

/** The prefixes a local network gateway routes statically: its address_space minus the BGP peer's /32. */
function staticPrefixes(l: LocalNetworkGateway): MaybeList<string> {
  const peer = l.bgpSettings && isKnown(l.bgpSettings.peeringAddress) ? hostPrefix(l.bgpSettings.peeringAddress) : undefined;
  return { items: l.addressSpace.items.filter((p) => p !== peer), unknown: l.addressSpace.unknown };
}

function distinctDevicesItem(tunnels: Tunnel[]): ChecklistItem {
  const check = 'Each site has its own local network gateway and device address';
  const byAddress = new Map<string, string[]>();
  const lngs = new Set<LocalNetworkGateway>(tunnels.map((t) => t.localGateway));
  let unknown: string | undefined;
  for (const l of lngs) {
    const a = l.gatewayAddress ?? l.gatewayFqdn;
    if (a === undefined) continue;
    if (!isKnown(a)) {
      unknown ??= `${l.address}: gateway_address is not known (${a.reason})`;
      continue;
    }
    byAddress.set(a, [...(byAddress.get(a) ?? []), l.address]);
  }
  const dup = [...byAddress.entries()].find(([, ls]) => ls.length > 1);
  if (dup) return item(check, 'fail', `${dup[1].join(' and ')} share gateway_address ${dup[0]}`, 'conn.multi-device');
  if (unknown) return item(check, 'unknown', unknown, 'conn.multi-device');
  return item(check, 'pass', `${lngs.size} local network gateway(s), distinct addresses`, 'conn.multi-device');
}

// --- Scenario 4 ----------------------------------------------------------------------------

function transitChecklists(net: RoutingNetwork, matrix: ReachabilityMatrix, v: RuleVerdicts): ScenarioChecklist[] {
  const out: ScenarioChecklist[] = [];
  for (const g of net.gateways) {
    if (g.p2s && (g.tunnels.length > 0 || g.links.length > 0)) {
      const items = g.tunnels.map((t) => {
        const status = matrix.status(g.p2s!, t.site);
        return v.decided(item(`P2S clients reach ${t.site.label} (needs BGP on ${t.connection.address})`, statusOf(status), status === 'reachable' ? 'the connection runs BGP' : (matrix.verdict(g.p2s!, t.site)?.reason ?? transitWhy(t.transit)), 'p2s.transit'), [t.connection]);
      });
      for (const l of g.links) {
        const other = l.a === g ? l.b : l.a;
        items.push(v.decided(fromTri(`P2S clients reach ${other.hub?.label ?? other.label} (needs BGP on both VNet-to-VNet connections)`, both(l.up, l.bgp), 'both connections run BGP', 'p2s.transit'), [l.forward, l.reverse]));
      }
      out.push({ scenario: S4C1, subject: `${g.p2s.label} on ${g.label}`, items });
    }
  }
  for (const g of net.gateways) {
    if (!g.hub) continue;
    const er = net.lookup.gatewaysInVnet(g.hub.address).filter((x) => isKnown(x.gatewayType) && x.gatewayType === EXPRESS_ROUTE_GATEWAY);
    if (er.length === 0) continue;
    const asn = gatewayAsnOf(g.gateway);
    out.push({
      scenario: S4C2,
      subject: `${g.label} with ExpressRoute gateway ${er.map((x) => x.address).join(', ')} in ${g.hub.label}`,
      items: [
        // The rule decides, at its own severity: an error only where ExpressRoute ↔ VPN transit is configured.
        v.item(`The VPN gateway keeps ASN ${AZURE_DEFAULT_ASN} (needed for ExpressRoute ↔ VPN transit through Azure Route Server)`, 'bgp.coexist-asn', [g.gateway], { pass: isKnown(asn) ? `ASN ${asn}` : undefined }),
        v.decided(item('Azure Route Server with branch-to-branch enabled', 'info', 'Route Server is outside this model; check it in the configuration', 'bgp.coexist-asn'), [g.gateway]),
      ],
    });
  }
  const spokes = net.gateways.flatMap((g) => g.spokes).filter(wantsTransit);
  for (const s of spokes) {
    out.push({ scenario: S4C3, subject: `${s.vnet.label} → ${s.gateway.hub?.label ?? s.gateway.label}`, items: spokeTransitItems(s).map((i) => v.decided(i, [s.toHub, s.fromHub])) });
  }
  for (const g of net.gateways) {
    // Transit over VNet-to-VNet: a gateway between two links, or between a link and a site.
    if (g.links.length < 2 && !(g.links.length >= 1 && g.tunnels.length >= 1)) continue;
    out.push({
      scenario: S4C4,
      subject: `${g.label}`,
      items: g.links.map((l) => reachItem(`BGP on both connections of ${l.forward.address}${l.reverse ? ` / ${l.reverse.address}` : ''}`, both(l.up, l.bgp), 'both connections run BGP', 'bgp.transit')),
    });
  }
  for (const g of net.gateways) {
    if (g.tunnels.length < 2) continue;
    out.push({
      scenario: S4C5,
      subject: `${g.label}: ${g.tunnels.map((t) => t.site.label).join(', ')}`,
      items: g.tunnels.map((t) => reachItem(`BGP on ${t.connection.address} (sites transit through ${g.label} only when every connection involved runs BGP)`, t.transit, 'BGP, no policy-based traffic selectors', 'bgp.transit')),
    });
  }
  return out;
}

function wantsTransit(s: SpokeLink): boolean {
  const set = (v: Maybe<boolean> | undefined) => v !== undefined && v !== false;
  return set(s.toHub?.useRemoteGateways) || set(s.fromHub?.allowGatewayTransit);
}

function spokeTransitItems(s: SpokeLink): ChecklistItem[] {
  const hub = s.gateway.hub?.label ?? s.gateway.label;
  const allow = s.fromHub?.allowGatewayTransit;
  const use = s.toHub?.useRemoteGateways;
  const flagItem = (check: string, p: Peering | undefined, v: Maybe<boolean> | undefined, rule: string): ChecklistItem => {
    if (!p) return item(check, 'fail', 'the peering in this direction does not exist', 'peer.both-sides');
    if (v === undefined || v === false) return item(check, 'fail', `not set on ${p.address}`, rule);
    if (!isKnown(v)) return item(check, 'unknown', `not known on ${p.address} (${v.reason})`, rule);
    return item(check, 'pass', `set on ${p.address}`, rule);
  };
  const items = [
    flagItem(`Allow gateway transit on ${hub} → ${s.vnet.label}`, s.fromHub, allow, 'peer.use-remote-needs-gateway'),
    flagItem(`Use remote gateways on ${s.vnet.label} → ${hub}`, s.toHub, use, 'peer.non-transitive'),
  ];
  if (s.transit.state === 'no' && s.transit.rule === 'peer.use-remote-no-local-gw') items.push(item(`${s.vnet.label} has no gateway of its own`, 'fail', s.transit.why, 'peer.use-remote-no-local-gw'));
  return items;
}

// --- Scenario 5 ----------------------------------------------------------------------------

function bgpChecklists(net: RoutingNetwork, v: RuleVerdicts): ScenarioChecklist[] {
  const out: ScenarioChecklist[] = [];
  for (const g of net.gateways) {
    const gwBgp = gatewayBgpOf(g.gateway);
    const bgpConnections = [...g.tunnels.map((t) => t.connection), ...g.links.flatMap((l) => [l.forward, ...(l.reverse ? [l.reverse] : [])].filter((c) => c.gateway === g.gateway.address))].filter(
      (c) => c.bgpEnabled !== undefined && c.bgpEnabled !== false,
    );
    if (gwBgp === false && bgpConnections.length === 0) continue;
    const items: ChecklistItem[] = [];
    const subjects = [g.gateway, ...bgpConnections];
    const bgpSku = v.item('The SKU supports BGP (not Basic)', 'bgp.sku', subjects, { pass: `sku = ${shown(g.gateway.sku)}` });
    items.push(
      isKnown(gwBgp)
        ? item('BGP is enabled on the gateway', gwBgp ? 'pass' : 'fail', gwBgp ? 'bgp_enabled = true' : 'bgp_enabled is not set, but connections ask for BGP', 'bgp.flags')
        : item('BGP is enabled on the gateway', 'unknown', `bgp_enabled is not known (${gwBgp.reason})`, 'bgp.flags'),
    );
    const asn = gatewayAsnOf(g.gateway);
    items.push(
      isKnown(asn)
        ? item('The gateway has an AS number', g.gateway.bgpSettings?.asn === undefined ? 'info' : 'pass', g.gateway.bgpSettings?.asn === undefined ? `ASN ${AZURE_DEFAULT_ASN} (Azure default)` : `ASN ${asn}`, 'bgp.asn.default')
        : item('The gateway has an AS number', 'unknown', `the ASN is not known (${asn.reason})`, 'bgp.asn.default'),
    );
    items.push(item("The gateway's BGP peer IP", 'info', bgpPeerAddresses(g.gateway).map((p) => `${p.instance}: ${p.addresses.join(', ')}`).join('; '), 'bgp.peer-route'));
    const decided = [bgpSku, ...items.map((i) => v.decided(i, subjects))];
    for (const t of g.tunnels) {
      if (t.connection.bgpEnabled === undefined || t.connection.bgpEnabled === false) continue;
      decided.push(...siteBgpItems(t, asn).map((i) => v.decided(i, [t.connection, t.localGateway])));
    }
    out.push({ scenario: S5, subject: g.label, items: decided });
  }
  return out;
}

function siteBgpItems(t: Tunnel, gatewayAsn: Maybe<number>): ChecklistItem[] {
  const l = t.localGateway;
  const items: ChecklistItem[] = [];
  const b = l.bgpSettings;
  if (!b) return [item(`${l.address} has an ASN and a BGP peering address`, 'fail', 'no bgp_settings block', 'bgp.flags')];
  const missing = [b.asn === undefined ? 'asn' : undefined, b.peeringAddress === undefined ? 'bgp_peering_address' : undefined].filter(Boolean);
  const unknown = [b.asn, b.peeringAddress].find(isUnknown);
  items.push(
    missing.length > 0
      ? item(`${l.address} has an ASN and a BGP peering address`, 'fail', `missing ${missing.join(', ')}`, 'bgp.flags')
      : unknown
        ? item(`${l.address} has an ASN and a BGP peering address`, 'unknown', unknown.reason, 'bgp.flags')
        : item(`${l.address} has an ASN and a BGP peering address`, 'pass', `ASN ${String(b.asn)}, peer ${String(b.peeringAddress)}`, 'bgp.flags'),
  );
  items.push(item(`${t.connection.address} has BGP enabled`, isKnown(t.connection.bgpEnabled) ? 'pass' : 'unknown', isKnown(t.connection.bgpEnabled) ? 'bgp_enabled = true' : `not known (${(t.connection.bgpEnabled as { reason: string }).reason})`, 'bgp.flags'));
  if (isKnown(b.asn) && isKnown(gatewayAsn)) {
    items.push(item(`${l.address}'s ASN differs from the gateway's`, b.asn !== gatewayAsn ? 'pass' : 'fail', `on-premises ${b.asn}, Azure ${gatewayAsn}`, 'bgp.asn.distinct'));
  }
  return items;
}

export interface BgpPeerAddresses {
  readonly instance: string;
  readonly addresses: string[];
}

/**
 * The gateway's BGP peer addresses per instance: the custom APIPA addresses are in the
 * configuration; the default address comes from the GatewaySubnet and is known only after apply.
 */
export function bgpPeerAddresses(g: VirtualNetworkGateway): BgpPeerAddresses[] {
  const aa = activeActiveOf(g);
  const ipcs = isKnown(g.ipConfigurations) ? g.ipConfigurations : [];
  const names = ipcs.map((c, i) => (isKnown(c.name) && c.name ? c.name : i === 0 ? 'default' : 'activeActive'));
  const instances = aa === true ? names.slice(0, 2) : names.slice(0, 1);
  if (instances.length === 0) instances.push('default');
  return instances.map((name, i) => {
    const custom = (g.bgpSettings?.peeringAddresses ?? []).filter((p) => (isKnown(p.ipConfigurationName) ? p.ipConfigurationName === name : i === 0 && p.ipConfigurationName === undefined));
    const apipa = custom.flatMap((p) => p.apipaAddresses.items);
    const apipaUnknown = custom.find((p) => p.apipaAddresses.unknown);
    return {
      instance: name,
      addresses: [
        'GatewaySubnet address (known after apply)',
        ...apipa.map((a) => `${a} (custom APIPA)`),
        ...(apipaUnknown ? [`custom APIPA not known (${apipaUnknown.apipaAddresses.unknown!.reason})`] : []),
      ],
    };
  });
}

// --- Scenario 6 ----------------------------------------------------------------------------

function activeActiveChecklists(net: RoutingNetwork, v: RuleVerdicts): ScenarioChecklist[] {
  const out: ScenarioChecklist[] = [];
  for (const g of net.gateways) {
    const aa = activeActiveOf(g.gateway);
    if (aa === false) continue;
    const items: ChecklistItem[] = [];
    if (!isKnown(aa)) items.push(item('active_active is set', 'unknown', aa.reason, 'gw.aa.sku'));
    else items.push(item('active_active is set', 'pass', 'active_active = true'));
    const needed = g.gateway.p2s ? 3 : 2;
    const ipcs = g.gateway.ipConfigurations;
    if (!isKnown(ipcs)) items.push(item(`${needed} gateway IP configurations with ${needed} public IPs`, 'unknown', ipcs.reason));
    else {
      const pips = new Set(ipcs.map((c) => (isKnown(c.publicIp) ? c.publicIp : undefined)).filter(Boolean));
      items.push(item(`${needed} gateway IP configurations with ${needed} public IPs`, ipcs.length >= needed && pips.size >= needed ? 'pass' : 'fail', `${ipcs.length} ip_configuration block(s), ${pips.size} distinct public IP(s)`, g.gateway.p2s ? 'p2s.aa-third-ip' : 'gw.aa.pip'));
    }
    const decided = items.map((i) => v.decided(i, [g.gateway]));
    decided.push(v.item('The SKU supports active-active', 'gw.aa.sku', [g.gateway], { pass: `${shown(g.gateway.sku)}; today every route-based SKU but Basic and legacy Standard does (the 2019 article listed VpnGw1–3 only)` }));
    const asn = gatewayAsnOf(g.gateway);
    for (const t of g.tunnels) {
      const l = t.localGateway;
      if (!l.bgpSettings) continue;
      decided.push(v.item(`${l.address} lists only the /32 of its BGP peer`, 'lng.bgp.host-prefix', [l], { pass: `address_space [${l.addressSpace.items.join(', ')}]` }));
      if (isKnown(l.bgpSettings.asn) && isKnown(asn)) {
        decided.push(v.decided(item(`${l.address} uses an ASN different from Azure's`, l.bgpSettings.asn !== asn ? 'pass' : 'fail', `on-premises ${l.bgpSettings.asn}, Azure ${asn}`, 'bgp.asn.distinct'), [t.connection]));
      }
    }
    out.push({ scenario: S6, subject: g.label, items: decided });
  }
  return out;
}

// --- Scenario 7 ----------------------------------------------------------------------------

function gatewayTypeChecklists(net: RoutingNetwork): ScenarioChecklist[] {
  return net.gateways
    .filter((g) => g.policyBased)
    .map((g) => ({
      scenario: S7,
      subject: g.label,
      items: [
        item(
          'The gateway type is the one you want to keep',
          'info',
          'vpn_type = PolicyBased; it can\'t be changed in place: switching to RouteBased deletes and re-creates the gateway (new public IP and keys, about an hour). Route-based with policy-based traffic selectors is recommended',
          'gw.vpntype.immutable',
        ),
      ],
    }));
}

function statusOf(s: string): ChecklistStatus {
  return s === 'reachable' ? 'pass' : s === 'unknown' ? 'unknown' : 'fail';
}

function transitWhy(t: Fact): string {
  return t.state === 'yes' ? 'BGP' : t.why;
}
