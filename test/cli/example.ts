import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_DIR, write } from './support';

/** The hand-written hub-and-spoke example, file by file, as plain JSON objects. */
export type ExampleFiles = Record<string, Json>;
// Tests reach into the example with literal paths; a loose type keeps that readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function loadExample(): ExampleFiles {
  const files: ExampleFiles = {};
  for (const name of fs.readdirSync(EXAMPLE_DIR).filter((f) => f.endsWith('.tf.json')).sort()) {
    files[name] = JSON.parse(fs.readFileSync(path.join(EXAMPLE_DIR, name), 'utf-8'));
  }
  return files;
}

/** Writes the example, changed by `mutate`, into `directory` and returns the directory. */
export function writeExample(directory: string, mutate: (files: ExampleFiles) => void = () => undefined): string {
  const files = loadExample();
  mutate(files);
  for (const [name, content] of Object.entries(files)) write(directory, name, content);
  return directory;
}

/** All files merged into one configuration object (resource blocks merged by type). */
export function mergedExample(): Json {
  const merged: Json = { resource: {} };
  for (const content of Object.values(loadExample())) {
    for (const [key, value] of Object.entries(content as Record<string, Json>)) {
      if (key === 'resource') {
        for (const [type, resources] of Object.entries(value as Record<string, Json>)) merged.resource[type] = { ...merged.resource[type], ...resources };
      } else if (key !== '//') {
        merged[key] = value;
      }
    }
  }
  return merged;
}

export type Mutation = (files: ExampleFiles) => void;

const gateway = (f: ExampleFiles) => f['hub.tf.json'].resource.azurerm_virtual_network_gateway.hub;
const sites = (f: ExampleFiles) => f['sites.tf.json'].resource;
const spokes = (f: ExampleFiles) => f['spokes.tf.json'].resource;

/** Single mutations of the example, each breaking one invariant: [what, rule id, resource, mutation]. */
export const BROKEN_INVARIANTS: Array<[string, string, string, Mutation]> = [
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
