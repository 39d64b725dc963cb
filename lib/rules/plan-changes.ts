import { Finding, LeftOut, Rule, RuleContext, Severity } from './rule';
import { SOURCES } from '../azure/sources';
import { Entity, PlannedChange } from '../model/topology';

/**
 * Change safety: what a Terraform plan is about to destroy. A VPN gateway takes 30–60 minutes
 * to build, and everything that hangs off it (its public IPs, connections, local network
 * gateways, the GatewaySubnet) goes down with it; a new public IP also means every on-premises
 * device must be reconfigured. Only a plan (`terraform show -json PLANFILE`) has changes, so
 * these rules report nothing on a configuration or a state.
 *
 * A deliberate replacement is acknowledged with `azvpn check --allow-replace ADDRESS`: the
 * error becomes an info that still names what is replaced, so it is never silent.
 */

/** The flag that acknowledges a replacement, as the messages tell it. */
export const ALLOW_REPLACE_FLAG = '--allow-replace';

interface ChangeRule {
  readonly id: string;
  readonly what: string;
  /** Whether the change is about a resource this rule guards. */
  applies(change: PlannedChange, ctx: RuleContext): boolean;
  /** Outage and on-premises impact, in one sentence. */
  readonly impact: string;
  /** The impact in a few words, for the catalogue. */
  readonly short: string;
}

const GUARDED: readonly ChangeRule[] = [
  {
    id: 'plan.gateway.replace',
    short: '30–60 minutes without any tunnel, and new gateway addresses for every device',
    what: 'VPN gateway',
    applies: (c) => c.type === 'azurerm_virtual_network_gateway',
    impact:
      'every tunnel and point-to-site session through the gateway is down for the 30–60 minutes Azure takes to build a new one, its connections are recreated, and unless its public IPs are kept every on-premises device must be reconfigured with the new gateway address',
  },
  {
    id: 'plan.public-ip.replace',
    short: 'every on-premises device must learn the new address',
    what: 'public IP of a VPN gateway',
    applies: (c, ctx) => c.type === 'azurerm_public_ip' && usedByGateway(ctx, c.address),
    impact:
      'the gateway gets a new public IP address (and is itself rebuilt, 30–60 minutes of outage): every on-premises device, local network gateway on the other side and firewall rule that names the old address must be updated',
  },
  {
    id: 'plan.connection.replace',
    short: 'the tunnel is down until it is recreated',
    what: 'VPN connection',
    applies: (c) => c.type === 'azurerm_virtual_network_gateway_connection',
    impact:
      'the tunnel is down until the new connection is created and the device reconnects; if the shared key or IPsec settings change, the on-premises device must be updated in the same window',
  },
  {
    id: 'plan.local-gateway.replace',
    short: 'the connections to the site are recreated with it',
    what: 'local network gateway',
    applies: (c) => c.type === 'azurerm_local_network_gateway',
    impact: 'every connection to this on-premises site is recreated with it, so the site is cut off until the tunnels come back up',
  },
  {
    id: 'plan.gateway-subnet.replace',
    short: 'Azure refuses to delete a subnet in use, or the gateway goes with it',
    what: 'GatewaySubnet',
    applies: (c) =>
      (c.type === 'azurerm_subnet' && c.name?.toLowerCase() === 'gatewaysubnet') ||
      (c.type === 'azurerm_virtual_network' && (c.subnetNamesBefore ?? []).some((n) => n.toLowerCase() === 'gatewaysubnet')),
    impact:
      'a GatewaySubnet cannot be deleted while a gateway uses it: Azure fails the apply (InUseSubnetCannotBeDeleted) or, if the gateway is destroyed first, every tunnel is down for the 30–60 minutes of the rebuild',
  },
];

function usedByGateway(ctx: RuleContext, address: string): boolean {
  return ctx.topology.gateways.some((g) => Array.isArray(g.ipConfigurations) && g.ipConfigurations.some((c) => c.publicIp === address));
}

/** `["delete","create"]` and friends, in words; undefined when nothing is destroyed. */
function destruction(actions: readonly string[]): string | undefined {
  if (!actions.includes('delete')) return undefined;
  if (!actions.includes('create')) return 'destroyed';
  return actions[0] === 'create' ? 'replaced (a new one is created, then the old one destroyed)' : 'replaced (destroyed, then created again)';
}

function because(change: PlannedChange): string {
  if (change.replacePaths.length > 0) {
    const paths = change.replacePaths.slice(0, 5).join(', ') + (change.replacePaths.length > 5 ? ', …' : '');
    return ` because ${paths} ${change.replacePaths.length === 1 ? 'forces' : 'force'} a new resource`;
  }
  if (change.actionReason === 'replace_by_request') return ' because it was requested (-replace)';
  if (change.actionReason === 'replace_because_tainted') return ' because it is tainted';
  return '';
}

function entityFor(ctx: RuleContext, change: PlannedChange): Entity {
  return ctx.topology.entities.get(change.address) ?? { kind: 'other', address: change.address, type: change.type, name: change.name, dependsOn: [] };
}

function guardRule(guard: ChangeRule): Rule {
  return {
    id: guard.id,
    severity: Severity.ERROR,
    summary: `A plan does not destroy or replace a ${guard.what} unless the replacement is acknowledged (${ALLOW_REPLACE_FLAG} ADDRESS): ${guard.short}.`,
    source: SOURCES.TF_PLAN_JSON,
    check(ctx) {
      for (const change of ctx.topology.changes ?? []) {
        const happens = destruction(change.actions);
        if (happens === undefined || !guard.applies(change, ctx)) continue;
        ctx.error(
          entityFor(ctx, change),
          `the plan ${happens === 'destroyed' ? 'destroys' : 'replaces'} this ${guard.what}${because(change)}: ${guard.impact}. ` +
            `If this is deliberate, acknowledge it with azvpn check ${ALLOW_REPLACE_FLAG} '${change.address}'; otherwise change the configuration back so that the plan keeps the resource`,
        );
      }
    },
  };
}

export const planChangeRules: readonly Rule[] = GUARDED.map(guardRule);

export const planChangeLeftOut: readonly LeftOut[] = [];

const PLAN_RULE_IDS = new Set(GUARDED.map((g) => g.id));

/**
 * Findings with every acknowledged replacement (`--allow-replace ADDRESS`) turned into an info
 * that still says what is replaced.
 */
export function acknowledgeReplacements(findings: readonly Finding[], allowed: ReadonlySet<string>): Finding[] {
  if (allowed.size === 0) return [...findings];
  return findings.map((f) =>
    PLAN_RULE_IDS.has(f.rule) && f.severity === Severity.ERROR && allowed.has(f.resource)
      ? { ...f, severity: Severity.INFO, message: `acknowledged with ${ALLOW_REPLACE_FLAG}: ${f.message.replace(/\. If this is deliberate, acknowledge it.*$/, '')}` }
      : f,
  );
}
