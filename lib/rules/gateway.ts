import { gatewayIpRules } from './gateway-ip';
import { gatewayLockRules } from './gateway-lock';
import { gatewaySkuRules } from './gateway-sku';
import { gatewaySubnetRules } from './gateway-subnet';
import { LeftOut, Rule } from './rule';

/**
 * The gateway family: GatewaySubnet, gateway resource, SKU, public IPs (`gw.*` in RULES.md) and
 * ExpressRoute coexistence. Rules about VPN gateways look at gateways with `type = "Vpn"`
 * only; a gateway whose `type` is unknown turns every finding into an info skip.
 */
export const gatewayRules: Rule[] = [...gatewaySubnetRules, ...gatewaySkuRules, ...gatewayIpRules, ...gatewayLockRules];

export const gatewayLeftOut: LeftOut[] = [
  { id: 'gw.vpntype.immutable', reason: 'Changing vpn_type is a difference between two configurations (a plan-time replacement); a single configuration cannot show it.' },
  { id: 'gw.aa.toggle', reason: 'Switching active_active is a change between two configurations; a single configuration cannot show it.' },
  { id: 'gw.aa.on-prem-two-tunnels', reason: 'Whether the on-premises device builds tunnels to both instances is device configuration; the Azure side connects both instances on its own.' },
  { id: 'gw.aa.asymmetric', reason: 'Advice about stateful on-premises firewalls; nothing in the Azure configuration shows it.' },
  { id: 'gw.dns', reason: 'DNS forwarding to 168.63.129.16 is configured on the custom DNS servers, and private DNS zone links are outside the VPN topology model.' },
  { id: 'gw.vm-capacity', reason: 'The VMs, private endpoints and PaaS instances reached through the gateway (peered spokes included) cannot be counted from a VPN configuration.' },
  { id: 'gw.maintenance', reason: 'Not a correctness rule: Azure accepts a gateway without a maintenance configuration. The best-practice profile checks it (see below).' },
  { id: 'life.basic-ip-deadline', reason: 'A Basic public IP on a VPN gateway is already an error under gw.pip.standard; the migration of an existing gateway is an operation, not configuration.' },
  { id: 'life.legacy-automigrate', reason: 'Legacy Standard/HighPerformance SKUs are already errors under gw.sku.legacy-create, and the /27 GatewaySubnet the auto-migration needs is gw.subnet.size.' },
];
