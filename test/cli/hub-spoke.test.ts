import { ExampleFiles, loadExample, writeExample } from './example';
import { azvpn, checkJson, EXAMPLE_DIR, removeScratch, scratch } from './support';

let dir: string;
beforeEach(() => {
  dir = scratch();
});
afterEach(() => removeScratch(dir));

describe('GIVEN the hand-written hub-and-spoke example', () => {
  test('WHEN checked THEN exit 0 with no error and no warning', () => {
    const result = checkJson(EXAMPLE_DIR);
    expect(result.report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  test('WHEN checked as text THEN the summary names the one configuration the four files form', () => {
    const result = azvpn('check', EXAMPLE_DIR);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^0 errors, 0 warnings, \\d+ infos?.* in 1 configuration \\(${EXAMPLE_DIR.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\n$`, 'm'));
  });

  test('WHEN its connections are read THEN every shared key comes from a random_password of the random provider, none is a literal', () => {
    const files = loadExample();
    const connections = Object.values(files['sites.tf.json'].resource.azurerm_virtual_network_gateway_connection) as Array<{ shared_key: string }>;
    expect(connections).toHaveLength(2);
    for (const c of connections) {
      const match = /^\$\{random_password\.([a-z_]+)\.result\}$/.exec(c.shared_key);
      expect(match).not.toBeNull();
      expect(files['sites.tf.json'].resource.random_password[match![1]]).toEqual({ length: 32, special: false });
    }
    expect(files['providers.tf.json'].terraform.required_providers.random.source).toBe('hashicorp/random');
  });
});

type Mutation = (files: ExampleFiles) => void;

const gateway = (f: ExampleFiles) => f['hub.tf.json'].resource.azurerm_virtual_network_gateway.hub;
const sites = (f: ExampleFiles) => f['sites.tf.json'].resource;
const spokes = (f: ExampleFiles) => f['spokes.tf.json'].resource;

const BROKEN_INVARIANTS: Array<[string, string, string, Mutation]> = [
  ['a Basic public IP on the gateway', 'gw.pip.standard', 'azurerm_public_ip.gateway_1', (f) => {
    f['hub.tf.json'].resource.azurerm_public_ip.gateway_1.sku = 'Basic';
  }],
  ['a Dynamic public IP', 'gw.pip.static', 'azurerm_public_ip.gateway_2', (f) => {
    f['hub.tf.json'].resource.azurerm_public_ip.gateway_2.allocation_method = 'Dynamic';
  }],
  ['P2S on the active-active gateway with only two ip configurations', 'p2s.aa-third-ip', 'azurerm_virtual_network_gateway.hub', (f) => {
    gateway(f).vpn_client_configuration = {
      address_space: ['172.31.0.0/24'],
      vpn_client_protocols: ['OpenVPN'],
      vpn_auth_types: ['Certificate'],
      root_certificate: [{ name: 'root', public_cert_data: 'MIIC5jCCAc6gAwIBAgIQ' }],
    };
  }],
  ['the reserved ASN 65515 on a site', 'bgp.asn.reserved', 'azurerm_local_network_gateway.site_a', (f) => {
    sites(f).azurerm_local_network_gateway.site_a.bgp_settings.asn = 65515;
  }],
  ['overlapping spoke prefixes', 'peer.no-overlap', '', (f) => {
    spokes(f).azurerm_virtual_network.spoke2.address_space = ['10.1.128.0/17'];
  }],
  ['a spoke peering that does not wait for the gateway', 'peer.use-remote-needs-gateway', 'azurerm_virtual_network_peering.spoke1_to_hub', (f) => {
    delete spokes(f).azurerm_virtual_network_peering.spoke1_to_hub.depends_on;
  }],
  ['a gateway subnet with another name', 'gw.subnet.name', '', (f) => {
    f['hub.tf.json'].resource.azurerm_subnet.gateway.name = 'gateway';
  }],
  ['a /28 gateway subnet', 'gw.subnet.size', 'azurerm_subnet.gateway', (f) => {
    f['hub.tf.json'].resource.azurerm_subnet.gateway.address_prefixes = ['10.0.255.0/28'];
  }],
  ['a site with the gateway\'s own ASN', 'bgp.asn.distinct', '', (f) => {
    sites(f).azurerm_local_network_gateway.site_b.bgp_settings.asn = 65010;
  }],
  ['a link-local (APIPA) prefix next to the BGP host route', 'lng.bgp.host-prefix', 'azurerm_local_network_gateway.site_a', (f) => {
    sites(f).azurerm_local_network_gateway.site_a.address_space = ['172.16.50.1/32', '169.254.21.5/32'];
  }],
  ['GCMAES256 encryption paired with SHA256 integrity', 'ipsec.gcm-pairing', 'azurerm_virtual_network_gateway_connection.site_b', (f) => {
    sites(f).azurerm_virtual_network_gateway_connection.site_b.ipsec_policy.ipsec_integrity = 'SHA256';
  }],
  ['BGP connections on a gateway without BGP', 'bgp.flags', 'azurerm_virtual_network_gateway_connection.site_a', (f) => {
    gateway(f).enable_bgp = false;
  }],
  ['public IPs without zones on an AZ SKU', 'gw.pip.zones-az', '', (f) => {
    delete f['hub.tf.json'].resource.azurerm_public_ip.gateway_1.zones;
    delete f['hub.tf.json'].resource.azurerm_public_ip.gateway_2.zones;
  }],
];

describe('GIVEN the example with one invariant broken', () => {
  test.each(BROKEN_INVARIANTS)('WHEN it has %s THEN azvpn check exits 1 and reports %s as an error', (_what, rule, resource, mutate) => {
    const result = checkJson(writeExample(dir, mutate));
    const errors = result.report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.rule)).toContain(rule);
    if (resource !== '') expect(errors.filter((f) => f.rule === rule).map((f) => f.resource)).toContain(resource);
    expect(result.code).toBe(1);
    expect(result.report.summary.errors).toBe(errors.length);
  });

  test('WHEN the unchanged copy is checked THEN it is clean, so every failure above comes from its mutation', () => {
    expect(checkJson(writeExample(dir)).code).toBe(0);
  });
});
