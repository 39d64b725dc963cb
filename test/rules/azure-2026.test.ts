import { LEFT_OUT, RULES } from '../../lib/rules/catalogue';
import { topologyFromTerraformJson } from '../../lib/terraform-json';
import { topologyFromTerraformShow } from '../../lib/terraform-json/show';
import { checkTopology } from '../../lib/rules/engine';
import { Severity } from '../../lib/rules/rule';

/** A minimal hub as Terraform JSON; `mutate` edits it before the check. */
function hub(mutate: (r: any) => void = () => undefined) {
  const resource: any = {
    azurerm_virtual_network: { hub: { name: 'hub', resource_group_name: 'rg', location: 'westeurope', address_space: ['10.0.0.0/16'] } },
    azurerm_subnet: { gateway: { name: 'GatewaySubnet', resource_group_name: 'rg', virtual_network_name: '${azurerm_virtual_network.hub.name}', address_prefixes: ['10.0.255.0/27'] } },
    azurerm_network_security_group: { nsg: { name: 'nsg', resource_group_name: 'rg', location: 'westeurope' } },
    azurerm_route_table: { rt: { name: 'rt', resource_group_name: 'rg', location: 'westeurope', bgp_route_propagation_enabled: false } },
    azurerm_public_ip: { gw: { name: 'gw-pip', resource_group_name: 'rg', location: 'westeurope', allocation_method: 'Static', sku: 'Standard', zones: ['1', '2', '3'] } },
    azurerm_virtual_network_gateway: {
      gw: {
        name: 'gw', resource_group_name: 'rg', location: 'westeurope', type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw1AZ', generation: 'Generation1',
        ip_configuration: [{ name: 'default', subnet_id: '${azurerm_subnet.gateway.id}', public_ip_address_id: '${azurerm_public_ip.gw.id}', private_ip_address_allocation: 'Dynamic' }],
      },
    },
  };
  mutate(resource);
  return checkTopology(topologyFromTerraformJson([{ file: 'main.tf.json', content: { resource } }]));
}
const errors = (findings: ReturnType<typeof hub>, rule: string) => findings.filter((f) => f.rule === rule && f.severity === Severity.ERROR);

describe('azurerm 5.x shapes (azure-2026.md §2)', () => {
  test('GIVEN the clean hub WHEN checked THEN gw.subnet.no-nsg and gw.subnet.no-default-udr are silent', () => {
    const f = hub();
    expect(errors(f, 'gw.subnet.no-nsg')).toEqual([]);
  });

  test.each(['network_security_group_id', 'network_security_group_id_wo'])('GIVEN a GatewaySubnet with the inline %s of azurerm 5.x WHEN checked THEN gw.subnet.no-nsg is an error', (attribute) => {
    const f = hub((r) => { r.azurerm_subnet.gateway[attribute] = '${azurerm_network_security_group.nsg.id}'; });
    expect(errors(f, 'gw.subnet.no-nsg').map((x) => x.resource)).toEqual(['azurerm_subnet.gateway']);
  });

  test.each(['route_table_id', 'route_table_id_wo'])('GIVEN a GatewaySubnet with the inline %s of azurerm 5.x WHEN its table disables BGP propagation THEN gw.subnet.bgp-propagation reports it', (attribute) => {
    const f = hub((r) => { r.azurerm_subnet.gateway[attribute] = '${azurerm_route_table.rt.id}'; });
    expect(f.filter((x) => x.rule === 'gw.subnet.bgp-propagation' && x.severity !== Severity.INFO).map((x) => x.resource)).toEqual(['azurerm_subnet.gateway']);
  });
});

/** The hub with a P2S configuration on the gateway. */
function p2sHub(protocols: string[], sku = 'VpnGw1AZ') {
  return hub((r) => {
    const gw = r.azurerm_virtual_network_gateway.gw;
    gw.sku = sku;
    if (sku === 'Basic') {
      delete r.azurerm_public_ip.gw.zones;
    }
    gw.vpn_client_configuration = {
      address_space: ['172.16.0.0/24'],
      vpn_client_protocols: protocols,
      vpn_auth_types: ['Certificate'],
      root_certificate: [{ name: 'root', public_cert_data: 'MIIC5jCCAc6gAwIBAgIQ' }],
    };
  });
}

describe('SSTP retirement and IKEv2 on Basic (azure-2026.md §1)', () => {
  test('GIVEN a Basic gateway with IKEv2 point-to-site WHEN checked THEN p2s.protocol-sku is silent (Basic supports IKEv2 since Nov 2025)', () => {
    expect(errors(p2sHub(['IkeV2'], 'Basic'), 'p2s.protocol-sku')).toEqual([]);
  });

  test('GIVEN a Basic gateway with OpenVPN WHEN checked THEN p2s.protocol-sku is an error that names IKEv2', () => {
    const f = errors(p2sHub(['OpenVPN'], 'Basic'), 'p2s.protocol-sku');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('IkeV2');
  });

  test.each([[['SSTP']], [['IkeV2', 'SSTP']]])('GIVEN vpn_client_protocols %p WHEN checked THEN p2s.sstp-retired is an error that gives both dates and the source', (protocols) => {
    const f = errors(p2sHub(protocols), 'p2s.sstp-retired');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('2026-03-31');
    expect(f[0].message).toContain('2027-03-31');
  });

  test('GIVEN IKEv2 and OpenVPN WHEN checked THEN p2s.sstp-retired is silent', () => {
    expect(p2sHub(['IkeV2', 'OpenVPN']).filter((f) => f.rule === 'p2s.sstp-retired')).toEqual([]);
  });
});

describe('rule text current to Azure today (azure-2026.md §1)', () => {
  test('GIVEN a legacy Standard SKU WHEN checked THEN gw.sku.legacy-create says the documents give March–June 2026', () => {
    const f = errors(hub((r) => { r.azurerm_virtual_network_gateway.gw.sku = 'Standard'; r.azurerm_virtual_network_gateway.gw.generation = 'Generation1'; }), 'gw.sku.legacy-create');
    expect(f[0].message).toContain('March–June 2026');
  });

  test('GIVEN a non-AZ VpnGw1 WHEN checked THEN gw.sku.non-az-create says existing gateways are migrated', () => {
    const f = errors(hub((r) => { r.azurerm_virtual_network_gateway.gw.sku = 'VpnGw1'; }), 'gw.sku.non-az-create');
    expect(f[0].message).toContain('2026-09-30');
    expect(f[0].message).toContain('migrated');
  });

  test('GIVEN a Basic gateway WHEN checked THEN gw.sku.basic-limits no longer says Basic lacks IKEv2', () => {
    const f = hub((r) => { r.azurerm_virtual_network_gateway.gw.sku = 'Basic'; delete r.azurerm_public_ip.gw.zones; }).filter((x) => x.rule === 'gw.sku.basic-limits');
    expect(f[0].message).toContain('IKEv2 with certificates only');
  });

  test('GIVEN a Basic gateway with zonal public IPs WHEN checked THEN gw.pip.zones-non-az is an error, and the rule names the Azure error code', () => {
    const f = errors(hub((r) => { r.azurerm_virtual_network_gateway.gw.sku = 'Basic'; }), 'gw.pip.zones-non-az');
    expect(f).toHaveLength(1);
    const rule = RULES.find((x) => x.id === 'gw.pip.zones-non-az');
    expect(rule?.azureError).toBe('RegionalVmssVpnGatewayPublicIpsMustNotHaveZonesConfigured');
  });

  test('GIVEN the NAT limit WHEN the catalogue is read THEN nat.max-rules cites the newest FAQ (500) and names the superseded 100', () => {
    const rule = RULES.find((x) => x.id === 'nat.max-rules');
    expect(rule?.summary).toContain('500');
    expect(rule?.source).toContain('06/04/2026');
  });

  test('GIVEN site-to-site certificate authentication WHEN the left-out list is read THEN it says Azure supports it and azurerm does not', () => {
    const left = LEFT_OUT.find((x) => x.id === 'conn.s2s-cert-auth');
    expect(left?.reason).toContain('Azure supports');
    expect(left?.reason).toContain('#33449');
  });
});

describe('conn.ipv6-dual-stack (azure-2026.md §1: IPv6 needs an AZ SKU and IKEv2)', () => {
  /** The hub with a site connection; the site and hub VNet get `ipv6` prefixes when asked. */
  function dualStack(o: { ipv6: boolean; sku?: string; protocol?: string }) {
    return hub((r) => {
      const gw = r.azurerm_virtual_network_gateway.gw;
      gw.sku = o.sku ?? 'VpnGw1AZ';
      if (o.ipv6) r.azurerm_virtual_network.hub.address_space.push('fd00:10::/48');
      r.azurerm_local_network_gateway = { site: { name: 'site', resource_group_name: 'rg', location: 'westeurope', gateway_address: '203.0.113.10', address_space: o.ipv6 ? ['192.168.0.0/24', 'fd00:20::/48'] : ['192.168.0.0/24'] } };
      r.azurerm_virtual_network_gateway_connection = {
        site: {
          name: 'site', resource_group_name: 'rg', location: 'westeurope', type: 'IPsec',
          virtual_network_gateway_id: '${azurerm_virtual_network_gateway.gw.id}', local_network_gateway_id: '${azurerm_local_network_gateway.site.id}',
          shared_key: '${var.psk}', ...(o.protocol ? { connection_protocol: o.protocol } : {}),
        },
      };
    });
  }

  test('GIVEN IPv6 prefixes on a VpnGw1AZ gateway with IKEv2 WHEN checked THEN conn.ipv6-dual-stack is silent', () => {
    expect(dualStack({ ipv6: true, protocol: 'IKEv2' }).filter((f) => f.rule === 'conn.ipv6-dual-stack')).toEqual([]);
  });

  test('GIVEN IPv6 prefixes WHEN the connection uses IKEv1 THEN it is an error naming IKEv2', () => {
    const f = errors(dualStack({ ipv6: true, protocol: 'IKEv1' }), 'conn.ipv6-dual-stack');
    expect(f.map((x) => x.resource)).toEqual(['azurerm_virtual_network_gateway_connection.site']);
    expect(f[0].message).toContain('IKEv2');
  });

  test('GIVEN IPv6 prefixes WHEN the gateway is Basic THEN it is an error naming the AZ SKUs', () => {
    const f = errors(dualStack({ ipv6: true, sku: 'Basic' }), 'conn.ipv6-dual-stack');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('VpnGw1AZ');
  });

  test('GIVEN no IPv6 prefix WHEN the connection uses IKEv1 THEN conn.ipv6-dual-stack is silent', () => {
    expect(dualStack({ ipv6: false, protocol: 'IKEv1' }).filter((f) => f.rule === 'conn.ipv6-dual-stack')).toEqual([]);
  });
});

describe('bgp_enabled (azurerm ≥ 4.62, only spelling in 5.x) and enable_bgp are both read', () => {
  /** A BGP site connected to the hub; the gateway's BGP flag is written with `spelling`. */
  function bgpHub(spelling: 'bgp_enabled' | 'enable_bgp', value: boolean) {
    return hub((r) => {
      const gw = r.azurerm_virtual_network_gateway.gw;
      gw[spelling] = value;
      gw.bgp_settings = [{ asn: 65010 }];
      r.azurerm_local_network_gateway = { site: { name: 'site', resource_group_name: 'rg', location: 'westeurope', gateway_address: '203.0.113.10', address_space: ['192.168.255.1/32'], bgp_settings: [{ asn: 65020, bgp_peering_address: '192.168.255.1' }] } };
      r.azurerm_virtual_network_gateway_connection = {
        site: {
          name: 'site', resource_group_name: 'rg', location: 'westeurope', type: 'IPsec', [spelling]: true,
          virtual_network_gateway_id: '${azurerm_virtual_network_gateway.gw.id}', local_network_gateway_id: '${azurerm_local_network_gateway.site.id}', shared_key: '${var.psk}',
        },
      };
    });
  }

  test.each(['bgp_enabled', 'enable_bgp'] as const)('GIVEN BGP turned off on the gateway with %s WHEN the connection uses BGP THEN bgp.flags is an error', (spelling) => {
    expect(errors(bgpHub(spelling, false), 'bgp.flags').length).toBeGreaterThan(0);
  });

  test.each(['bgp_enabled', 'enable_bgp'] as const)('GIVEN BGP on with %s WHEN checked THEN bgp.flags is silent', (spelling) => {
    expect(errors(bgpHub(spelling, true), 'bgp.flags')).toEqual([]);
  });
});

describe('p2s.sstp-retired: new configurations are errors, deployed SSTP gateways warnings (azure-2026.md §1)', () => {
  const GW = 'azurerm_virtual_network_gateway.gw';
  const gatewayValues = (protocols: string[]) => ({
    id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw',
    name: 'gw', resource_group_name: 'rg', location: 'westeurope', type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw1AZ', generation: 'Generation1', active_active: false,
    ip_configuration: [{ name: 'default', subnet_id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet', private_ip_address_allocation: 'Dynamic' }],
    vpn_client_configuration: [{ address_space: ['172.16.0.0/24'], vpn_client_protocols: protocols, vpn_auth_types: ['Certificate'], root_certificate: [{ name: 'root', public_cert_data: 'MIIC5jCCAc6gAwIBAgIQ' }] }],
  });
  const resources = (protocols: string[]) => ({ root_module: { resources: [{ address: GW, mode: 'managed', type: 'azurerm_virtual_network_gateway', name: 'gw', values: gatewayValues(protocols) }] } });
  const plan = (actions: string[], before: string[] | null, after: string[]) => ({
    format_version: '1.2',
    planned_values: resources(after),
    resource_changes: [{ address: GW, mode: 'managed', type: 'azurerm_virtual_network_gateway', name: 'gw', change: { actions, before: before && gatewayValues(before), after: gatewayValues(after), after_unknown: {} } }],
  });
  const sstp = (content: unknown) => checkTopology(topologyFromTerraformShow('show.json', content)).filter((f) => f.rule === 'p2s.sstp-retired');

  test('GIVEN a plan that keeps a gateway whose SSTP was already deployed (no-op) WHEN checked THEN p2s.sstp-retired is a warning naming 2027-03-31', () => {
    const f = sstp(plan(['no-op'], ['IkeV2', 'SSTP'], ['IkeV2', 'SSTP']));
    expect(f.map((x) => [x.resource, x.severity])).toEqual([[GW, Severity.WARNING]]);
    expect(f[0].message).toContain('2027-03-31');
  });

  test('GIVEN a plan that updates such a gateway in place WHEN checked THEN p2s.sstp-retired is a warning', () => {
    expect(sstp(plan(['update'], ['SSTP'], ['IkeV2', 'SSTP'])).map((x) => x.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN a plan that adds SSTP to a deployed gateway without it WHEN checked THEN p2s.sstp-retired is an error (enabling SSTP)', () => {
    const f = sstp(plan(['update'], ['IkeV2'], ['IkeV2', 'SSTP']));
    expect(f.map((x) => x.severity)).toEqual([Severity.ERROR]);
    expect(f[0].message).toContain('does not have SSTP today');
  });

  test.each([[['create']], [['delete', 'create']], [['create', 'delete']]])('GIVEN a plan whose actions are %p for an SSTP gateway WHEN checked THEN p2s.sstp-retired is an error (a new gateway)', (actions) => {
    expect(sstp(plan(actions, actions[0] === 'create' && actions.length === 1 ? null : ['SSTP'], ['SSTP'])).map((x) => x.severity)).toEqual([Severity.ERROR]);
  });

  test('GIVEN a state with an SSTP gateway WHEN checked THEN p2s.sstp-retired is a warning (the gateway exists)', () => {
    const f = sstp({ format_version: '1.0', values: resources(['IkeV2', 'SSTP']) });
    expect(f.map((x) => [x.resource, x.severity])).toEqual([[GW, Severity.WARNING]]);
  });

  test('GIVEN a state and a plan without SSTP WHEN checked THEN p2s.sstp-retired is silent', () => {
    expect(sstp({ format_version: '1.0', values: resources(['IkeV2', 'OpenVPN']) })).toEqual([]);
    expect(sstp(plan(['no-op'], ['IkeV2', 'OpenVPN'], ['IkeV2', 'OpenVPN']))).toEqual([]);
  });

  test('GIVEN the model WHEN a plan keeps the gateway THEN the gateway carries the deployed fact, and a configuration gateway does not', () => {
    const t = topologyFromTerraformShow('plan.json', plan(['no-op'], ['SSTP'], ['SSTP']));
    expect(t.gateways[0].deployed).toEqual({ vpnClientProtocols: ['SSTP'], sku: 'VpnGw1AZ', generation: 'Generation1' });
    expect(topologyFromTerraformShow('plan.json', plan(['create'], null, ['SSTP'])).gateways[0].deployed).toBeUndefined();
  });
});

describe('azurerm 5.x: a local network gateway address_space is a set (azure-2026.md §2)', () => {
  /** The hub with a BGP site whose address_space is written as given. */
  const withSite = (addressSpace: string[]) =>
    hub((r) => {
      r.azurerm_local_network_gateway = {
        site: { name: 'site', resource_group_name: 'rg', location: 'westeurope', gateway_address: '203.0.113.10', address_space: addressSpace, bgp_settings: { asn: 65050, bgp_peering_address: '10.200.0.1' } },
        other: { name: 'other', resource_group_name: 'rg', location: 'westeurope', gateway_address: '203.0.113.20', address_space: ['192.168.0.0/16', '10.0.128.0/17'] },
      };
      r.azurerm_virtual_network_gateway.gw.bgp_enabled = true;
      r.azurerm_virtual_network_gateway_connection = {
        site: { name: 'site', resource_group_name: 'rg', location: 'westeurope', type: 'IPsec', virtual_network_gateway_id: '${azurerm_virtual_network_gateway.gw.id}', local_network_gateway_id: '${azurerm_local_network_gateway.site.id}', bgp_enabled: true, shared_key: '${var.psk}' },
        other: { name: 'other', resource_group_name: 'rg', location: 'westeurope', type: 'IPsec', virtual_network_gateway_id: '${azurerm_virtual_network_gateway.gw.id}', local_network_gateway_id: '${azurerm_local_network_gateway.other.id}', shared_key: '${var.psk}' },
      };
    });
  const key = (f: ReturnType<typeof hub>) => f.map((x) => `${x.severity} ${x.rule} ${x.resource}: ${x.message}`);

  test('GIVEN the list spelling and the same prefixes unordered with a duplicate (a set written as an array) WHEN checked THEN the findings are identical', () => {
    const list = withSite(['10.200.0.1/32', '172.20.0.0/16', '10.210.0.0/16']);
    const set = withSite(['172.20.0.0/16', '10.210.0.0/16', '10.200.0.1/32', '172.20.0.0/16', '10.210.0.0/16']);
    expect(list.some((f) => f.rule === 'lng.bgp.host-prefix' && f.severity === Severity.WARNING)).toBe(true);
    expect(key(set)).toEqual(key(list));
  });

  test('GIVEN the state of a site whose address_space Terraform wrote in another order WHEN checked THEN the findings equal those of the configuration', () => {
    const state = (addressSpace: string[]) => ({
      format_version: '1.0',
      values: { root_module: { resources: [{ address: 'azurerm_local_network_gateway.site', mode: 'managed', type: 'azurerm_local_network_gateway', name: 'site', values: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/localNetworkGateways/site', name: 'site', resource_group_name: 'rg', location: 'westeurope', gateway_address: '203.0.113.10', address_space: addressSpace, bgp_settings: [{ asn: 65050, bgp_peering_address: '10.200.0.1', peer_weight: 0 }] } }] } },
    });
    const findings = (space: string[]) => key(checkTopology(topologyFromTerraformShow('state.json', state(space))));
    const ordered = findings(['10.200.0.1/32', '10.210.0.0/16', '172.20.0.0/16']);
    expect(ordered.some((f) => f.includes('lng.bgp.host-prefix'))).toBe(true);
    expect(findings(['172.20.0.0/16', '10.200.0.1/32', '10.210.0.0/16'])).toEqual(ordered);
    const t = topologyFromTerraformShow('state.json', state(['172.20.0.0/16', '10.200.0.1/32', '172.20.0.0/16']));
    expect(t.localGateways[0].addressSpace.items).toEqual(['10.200.0.1/32', '172.20.0.0/16']);
  });
});
