import { SOURCES } from '../azure/sources';
import { AttributeChange, ConfigReplacement, Entity } from '../model/topology';
import { LeftOut, Rule, RuleContext, Severity } from './rule';

/**
 * Change safety at synth: what the next apply replaces, from the difference between the
 * previous configuration of the stack (the last synth's `cdk.tf.json`, or `azvpn check
 * --previous`) and this one. The comparison itself is the adapter's (`replacementsBetween`);
 * without a previous configuration there is nothing to compare and the rule is silent. In a
 * pipeline, where the output directory is fresh, the `plan.*` rules on the Terraform plan do
 * the same job from the state.
 */

/** What the replacement of each compared resource type costs, in one sentence. */
const IMPACT: Readonly<Record<string, { what: string; impact: string }>> = {
  azurerm_virtual_network_gateway: {
    what: 'VPN gateway',
    impact: 'every tunnel and point-to-site session is down for the 30–60 minutes Azure takes to build the new gateway, and its connections are recreated',
  },
  azurerm_public_ip: {
    what: 'public IP of a VPN gateway',
    impact: 'the gateway gets a new public address (and is rebuilt with it): every on-premises device and firewall rule that names the old address must be updated',
  },
  azurerm_virtual_network_gateway_connection: {
    what: 'VPN connection',
    impact: 'the tunnel is down until the new connection is created and the device reconnects',
  },
  azurerm_local_network_gateway: {
    what: 'local network gateway',
    impact: 'every connection to this site is recreated with it, so the site is cut off until the tunnels come back',
  },
  azurerm_subnet: {
    what: 'GatewaySubnet',
    impact: 'Azure refuses to delete a subnet a gateway uses (InUseSubnetCannotBeDeleted), or the gateway is rebuilt with it',
  },
};

function showChange(c: AttributeChange): string {
  // A whole nested block (`ip_configuration[1]`) comes or goes.
  if (c.before === undefined && /\]$/.test(c.attribute)) return `${c.attribute} ${c.after} is added`;
  if (c.before === undefined) return `${c.attribute} is now ${c.after} (unset before)`;
  if (c.after === undefined) return `${c.attribute} ${c.before} is removed`;
  return `${c.attribute} ${c.before} → ${c.after}`;
}

function cause(r: ConfigReplacement): string {
  const reasons: string[] = [];
  if (r.previousAddress !== undefined) {
    reasons.push(
      `its address changed from ${r.previousAddress} to ${r.address} (the construct was renamed or moved in the tree), so Terraform destroys the old one and creates this one with the same name`,
    );
  }
  if (r.attributes.length > 0) {
    const shown = r.attributes.slice(0, 4).map(showChange).join('; ') + (r.attributes.length > 4 ? `; and ${r.attributes.length - 4} more` : '');
    const names = [...new Set(r.attributes.map((a) => a.attribute.replace(/\[.*$/, '')))];
    reasons.push(`${shown}, and ${names.join(', ')} ${names.length === 1 ? 'forces' : 'force'} a new resource in azurerm`);
  }
  if (r.becauseOf !== undefined && r.becauseOf.length > 0) {
    reasons.push(`a ForceNew attribute takes the new ID or changed name of ${r.becauseOf.join(', ')}, which ${r.becauseOf.length === 1 ? 'is' : 'are'} replaced or renamed`);
  }
  return reasons.join('; ');
}

function fix(r: ConfigReplacement): string {
  if (r.previousAddress !== undefined) {
    return `keep the construct id, or tell Terraform it moved (\`resource.moveFromId("${r.previousAddress}")\` in cdktf, a \`moved\` block in HCL)`;
  }
  return 'if it is deliberate, plan it for a maintenance window (the plan check asks for azvpn check --allow-replace); otherwise change the value back';
}

const synthReplace: Rule = {
  id: 'synth.replace',
  severity: Severity.WARNING,
  summary:
    'A change since the previous synth (or `azvpn check --previous`) that replaces a VPN gateway, one of its public IPs, a connection, a local network gateway or the GatewaySubnet: a changed ForceNew attribute (azurerm 4.55), an address changed without a moved block, or a reference to a replaced resource.',
  source: `${SOURCES.TF_GW}; ${SOURCES.UPGRADE}`,
  check(ctx: RuleContext) {
    for (const r of ctx.topology.replacements ?? []) {
      const kind = IMPACT[r.type];
      if (kind === undefined) continue;
      const entity: Entity = ctx.topology.entities.get(r.address) ?? { kind: 'other', address: r.address, type: r.type, name: r.address.slice(r.type.length + 1), dependsOn: [] };
      ctx.warning(entity, `the next apply replaces this ${kind.what}: ${cause(r)}. ${capitalize(kind.impact)}. To avoid it, ${fix(r)}`);
    }
  },
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const synthReplaceRules: readonly Rule[] = [synthReplace];

export const synthReplaceLeftOut: readonly LeftOut[] = [];
