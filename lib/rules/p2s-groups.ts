import { SOURCES } from '../azure/sources';
import { PolicyGroup, VirtualNetworkGateway } from '../model/topology';
import { isKnown } from '../model/unknown';
import { findOverlaps, Owned, parsePrefix } from '../private/cidr';
import { AuthType, effectiveAuth, networksAround, unknownBlock } from './p2s-support';
import { Rule, RuleContext, Severity } from './rule';
import { show } from './support';

/**
 * Point-to-site user groups (`policy_group` + `virtual_network_gateway_client_connection`) and
 * custom routes (`custom_route`): `p2s.user-groups` and `p2s.custom-routes` in RULES.md.
 */

/** Limits from "Configure user groups and IP address pools for P2S connections". */
const MAX_GROUPS = 90;
const MAX_MEMBERS = 390;
/** The same page: "Address pools can't be smaller than /24" (text shared with Virtual WAN). */
const MIN_POOL_LENGTH = 24;

/** Which authentication method a member type matches users of ("Available group settings"). */
const MEMBER_AUTH: Record<string, AuthType> = { aadgroupid: 'AAD', certificategroupid: 'Certificate', radiusazuregroupid: 'Radius' };

function groupName(group: PolicyGroup): string | undefined {
  return isKnown(group.name) ? group.name : undefined;
}

const userGroups: Rule = {
  id: 'p2s.user-groups',
  severity: Severity.ERROR,
  summary:
    'P2S user groups: distinct group names, exactly one default group, client connections that name declared groups, at most 90 group assignments and 390 members per gateway, ' +
    'and address pools that overlap neither each other, the client pool, nor the VNet and the networks around it. Pools smaller than /24, a second default group and members whose ' +
    'authentication method is not configured are warnings.',
  source: `${SOURCES.P2S_GROUPS}; ${SOURCES.P2S_GROUPS_CREATE}`,
  check(ctx) {
    for (const gateway of ctx.topology.gateways) {
      if (gateway.external) continue;
      const groups = gateway.policyGroups ?? [];
      const connections = gateway.p2s?.clientConnections ?? [];
      if (groups.length === 0 && connections.length === 0) continue;
      const dynamicGroups = unknownBlock(gateway, 'policy_group');
      if (dynamicGroups) {
        ctx.skipped(gateway, 'the policy_group blocks', dynamicGroups);
        continue;
      }
      if (groups.length > 0 && gateway.p2s === undefined) {
        ctx.warning(gateway, `${groups.length} policy_group block(s) but no vpn_client_configuration; user groups only assign point-to-site addresses, so add vpn_client_configuration with virtual_network_gateway_client_connection blocks or remove them`);
      }
      checkGroups(ctx, gateway, groups);
      checkConnections(ctx, gateway, groups);
    }
  },
};

function checkGroups(ctx: RuleContext, gateway: VirtualNetworkGateway, groups: PolicyGroup[]): void {
  if (groups.length === 0) return;
  const seen = new Set<string>();
  for (const group of groups) {
    const name = groupName(group);
    if (name === undefined) continue;
    if (seen.has(name)) ctx.error(gateway, `two policy_group blocks are named ${show(name)}; user group names must be distinct`);
    seen.add(name);
  }
  const defaults = groups.filter((g) => g.isDefault === true);
  const undecided = groups.find((g) => g.isDefault !== undefined && !isKnown(g.isDefault));
  if (defaults.length === 0 && undecided === undefined) {
    ctx.error(gateway, `none of the ${groups.length} policy_group blocks has is_default = true; Azure requires one default group, which takes users who match no other group: set is_default = true on one`);
  } else if (defaults.length > 1) {
    ctx.warning(gateway, `${defaults.length} policy_group blocks have is_default = true (${defaults.map((g) => show(g.name)).join(', ')}); Microsoft describes one default group per configuration: keep is_default on one`);
  }
  const auth = gateway.p2s ? effectiveAuth(ctx, gateway, gateway.p2s) : undefined;
  if (auth === undefined) return;
  for (const group of groups) {
    for (const member of group.members) {
      if (!isKnown(member.type)) continue;
      const needed = MEMBER_AUTH[member.type.toLowerCase()];
      if (needed === undefined || auth.has(needed)) continue;
      ctx.warning(gateway, `policy_group ${show(group.name)} member ${show(member.name)} has type = ${show(member.type)}, which matches ${needed} users, but the gateway's point-to-site configuration has no ${needed} authentication; the member never matches — add ${needed} to vpn_auth_types or change the member`);
    }
  }
}

function checkConnections(ctx: RuleContext, gateway: VirtualNetworkGateway, groups: PolicyGroup[]): void {
  const p2s = gateway.p2s;
  const connections = p2s?.clientConnections ?? [];
  if (!p2s || connections.length === 0) return;
  const dynamicConnections = unknownBlock(gateway, 'vpn_client_configuration.virtual_network_gateway_client_connection');
  if (dynamicConnections) {
    ctx.skipped(gateway, 'the virtual_network_gateway_client_connection blocks', dynamicConnections);
    return;
  }
  const byName = new Map<string, PolicyGroup>();
  for (const group of groups) {
    const name = groupName(group);
    if (name !== undefined) byName.set(name, group);
  }
  const groupsUnknown = groups.some((g) => groupName(g) === undefined);
  let assignments = 0;
  let members = 0;
  for (const connection of connections) {
    for (const name of connection.policyGroupNames.items) {
      const group = byName.get(name);
      if (group === undefined) {
        if (!groupsUnknown) ctx.error(gateway, `virtual_network_gateway_client_connection ${show(connection.name)} names policy group ${show(name)}, which the gateway does not declare; add a policy_group named ${show(name)} or fix the name`);
        continue;
      }
      assignments++;
      members += group.members.length;
    }
  }
  if (assignments > MAX_GROUPS) {
    ctx.error(gateway, `the client connections assign ${assignments} groups (a group in several connections counts once per connection); a gateway allows at most ${MAX_GROUPS}`);
  }
  if (members > MAX_MEMBERS) {
    ctx.error(gateway, `the assigned groups have ${members} members in total (counted once per assignment); a gateway allows at most ${MAX_MEMBERS}`);
  }
  checkPools(ctx, gateway);
}

interface PoolOwner {
  readonly label: string;
  readonly text: string;
  readonly connectionPool: boolean;
  readonly clientPool?: boolean;
}

function checkPools(ctx: RuleContext, gateway: VirtualNetworkGateway): void {
  const p2s = gateway.p2s!;
  const items: Array<Owned<PoolOwner>> = [];
  for (const connection of p2s.clientConnections ?? []) {
    if (connection.addressPrefixes.unknown) ctx.skipped(gateway, `part of the address_prefixes of client connection ${show(connection.name)}`, connection.addressPrefixes.unknown);
    const label = `the address pool of client connection ${show(connection.name)}`;
    for (const text of connection.addressPrefixes.items) {
      const prefix = parsePrefix(text);
      if (!prefix || !text.includes('/')) {
        ctx.error(gateway, `${label} has ${show(text)}, which is not a CIDR prefix; use a private range such as "172.16.10.0/24"`);
        continue;
      }
      if (prefix.version === 4 && prefix.length > MIN_POOL_LENGTH) {
        ctx.warning(gateway, `${label} ${show(text)} is smaller than /${MIN_POOL_LENGTH}; Microsoft's user-group requirements say a pool can't be smaller than /${MIN_POOL_LENGTH}: widen it`);
      }
      // One owner per connection: prefixes of one pool may not overlap each other either, but that is one finding per pair.
      items.push({ prefix, owner: `connection:${String(connection.name)}`, data: { label, text, connectionPool: true } });
    }
  }
  if (items.length === 0) return;
  p2s.addressSpace.items.forEach((text) => {
    const prefix = parsePrefix(text);
    if (prefix) items.push({ prefix, owner: 'client-pool', data: { label: 'vpn_client_configuration.address_space', text, connectionPool: false, clientPool: true } });
  });
  for (const network of networksAround(ctx.lookup, gateway).networks) {
    for (const text of network.addressSpace.items) {
      const prefix = parsePrefix(text);
      if (prefix) items.push({ prefix, owner: 'network', data: { label: network.label, text, connectionPool: false } });
    }
  }
  for (const { a, b } of findOverlaps(items)) {
    const [pool, other] = a.data.connectionPool ? [a, b] : [b, a];
    if (!pool.data.connectionPool) continue;
    const message = `${pool.data.label} ${show(pool.data.text)} overlaps ${other.data.label} (${show(other.data.text)})`;
    if (other.data.clientPool) {
      ctx.warning(gateway, `${message}; give each user group a range of its own, apart from the gateway's client pool`);
    } else {
      ctx.error(gateway, `${message}; address pools may overlap neither each other nor the VNet and the networks connected to it: choose a free range`);
    }
  }
}

const customRoutes: Rule = {
  id: 'p2s.custom-routes',
  severity: Severity.ERROR,
  summary: 'custom_route.address_prefixes are CIDR prefixes (azurerm does not check them; Azure rejects the gateway), and they only reach point-to-site clients.',
  source: SOURCES.P2S_CUSTOM_ROUTES,
  check(ctx) {
    for (const gateway of ctx.topology.gateways) {
      if (gateway.external || gateway.customRoutes === undefined) continue;
      const routes = gateway.customRoutes;
      if (routes.unknown) ctx.skipped(gateway, 'part of custom_route.address_prefixes', routes.unknown);
      for (const text of routes.items) {
        const prefix = parsePrefix(text);
        if (!prefix || !text.includes('/')) {
          ctx.error(gateway, `custom_route.address_prefixes has ${show(text)}, which is not a CIDR prefix; use a prefix such as "10.50.0.0/16"`);
        } else if (!prefix.aligned) {
          ctx.warning(gateway, `custom_route.address_prefixes has ${show(text)}, whose host bits are set; write the network address of the prefix`);
        }
      }
      if (routes.items.length > 0 && gateway.p2s === undefined && !unknownBlock(gateway, 'vpn_client_configuration')) {
        ctx.warning(gateway, `custom_route advertises ${routes.items.length} prefix(es) but the gateway has no vpn_client_configuration; custom routes only reach point-to-site clients, so configure point-to-site or remove them`);
      }
    }
  },
};

export const p2sGroupRules: Rule[] = [userGroups, customRoutes];
