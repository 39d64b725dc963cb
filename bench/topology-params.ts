/**
 * The synth-overhead topology, as plain data both variants build from: one hub with an
 * active-active, BGP, zone-redundant VPN gateway with point-to-site, `spokes` spoke VNets using the
 * hub's gateway (gateway transit), and `sites` on-premises BGP sites with a connection each.
 */

export interface TopologyShape {
  readonly spokes: number;
  readonly sites: number;
}

export const RESOURCE_GROUP = 'rg-bench';
export const LOCATION = 'westeurope';
export const HUB_ADDRESS_SPACE = '10.0.0.0/16';
export const GATEWAY_NAME = 'vgw-hub';
/** VpnGw5AZ: 100 S2S tunnels, so 30+ active-active BGP sites fit. */
export const GATEWAY_SKU = 'VpnGw5AZ';
export const GATEWAY_ASN = 65010;
export const P2S_POOL = '172.31.0.0/24';
export const P2S_ROOT_CERTIFICATE = {
  name: 'bench-root',
  // A syntactically valid base64 body; Azure only sees it at apply time.
  publicCertData: 'MIIC5zCCAc+gAwIBAgIQTXk4Y2RrdGZBenVyZVZwbkJlbmNoUm9vdDANBgkqhkiG9w0BAQsFADAWMRQwEgYDVQQDDAtCZW5jaFJvb3Q=',
};

export interface SpokeSpec {
  readonly name: string;
  readonly addressSpace: string;
}

export interface SiteSpec {
  readonly name: string;
  readonly gatewayAddress: string;
  readonly bgpAsn: number;
  readonly bgpPeeringAddress: string;
}

/** A /24 per spoke from 10.1.0.0 on (the hub is 10.0.0.0/16). */
export function spokeSpecs(count: number): SpokeSpec[] {
  if (count > 254 * 256) throw new Error(`too many spokes for the 10.0.0.0/8 plan: ${count}`);
  return Array.from({ length: count }, (_, i) => ({
    name: `spoke${i}`,
    addressSpace: `10.${1 + Math.floor(i / 256)}.${i % 256}.0/24`,
  }));
}

/** Each site: a public device address, its own private ASN, a BGP peer address outside Azure's ranges. */
export function siteSpecs(count: number): SiteSpec[] {
  if (count > 250) throw new Error(`at most 250 sites in the benchmark address plan: ${count}`);
  return Array.from({ length: count }, (_, i) => ({
    name: `site${i}`,
    gatewayAddress: `203.0.113.${i + 1}`,
    bgpAsn: 64600 + i,
    bgpPeeringAddress: `192.168.${i}.1`,
  }));
}
