/**
 * An Azure VPN gateway instance, emulated with strongSwan and FRR from Microsoft's documented
 * behaviour ("About VPN devices and IPsec/IKE parameters", "Configure custom IPsec/IKE connection
 * policies", "How to configure BGP for Azure VPN Gateway"). It deliberately shares no code with
 * lib/devices: its proposal lists are transcribed here from the documentation tables, so a
 * mistake in the generator's tables cannot hide itself.
 */

/** The connection's ipsec_policy in Azure's names (all six algorithms), or none for Azure's defaults. */
export interface EmulatedPolicy {
  readonly ikeEncryption: string;
  readonly ikeIntegrity: string;
  readonly dhGroup: string;
  readonly ipsecEncryption: string;
  readonly ipsecIntegrity: string;
  readonly pfsGroup: string;
  readonly saLifetimeSeconds: number;
}

export interface EmulatedInstance {
  readonly publicIp: string;
  /** The address Azure peers from: its APIPA address towards an APIPA peer, else its default address. */
  readonly bgpAddress?: string;
}

export interface EmulatedGateway {
  readonly instances: readonly EmulatedInstance[];
  readonly asn: number;
  readonly vnetPrefixes: readonly string[];
  /** A "VM" in the VNet that answers TCP. */
  readonly vmAddress: string;
  readonly sharedKey: string;
  readonly policy?: EmulatedPolicy;
  readonly site: {
    readonly publicIp: string;
    readonly bgpAddress?: string;
    readonly asn?: number;
  };
}

/** Route-based phase 1 defaults: DH group 2 with these six cipher/hash pairs, in Azure's order. */
const DEFAULT_IKE = ['aes256-sha1-modp1024', 'aes256-sha256-modp1024', 'aes128-sha1-modp1024', 'aes128-sha256-modp1024', '3des-sha1-modp1024', '3des-sha256-modp1024'];

/** Route-based phase 2, Azure as responder: the 26 documented entries (cipher/integrity/PFS group). */
const DEFAULT_ESP_RESPONDER: ReadonlyArray<readonly [string, string | undefined, number | undefined]> = [
  ['GCM-AES256', undefined, undefined], ['AES256', 'SHA1', undefined], ['3DES', 'SHA1', undefined], ['AES256', 'SHA256', undefined],
  ['AES128', 'SHA1', undefined], ['3DES', 'SHA256', undefined], ['DES', 'SHA1', undefined], ['AES256', 'SHA1', 1], ['AES256', 'SHA1', 2],
  ['AES256', 'SHA1', 14], ['AES128', 'SHA1', 1], ['AES128', 'SHA1', 2], ['AES128', 'SHA1', 14], ['3DES', 'SHA1', 1], ['3DES', 'SHA1', 2],
  ['3DES', 'SHA256', 2], ['AES256', 'SHA256', 1], ['AES256', 'SHA256', 2], ['AES256', 'SHA256', 14], ['AES256', 'SHA1', 24],
  ['AES256', 'SHA256', 24], ['AES128', 'SHA256', undefined], ['AES128', 'SHA256', 1], ['AES128', 'SHA256', 2], ['AES128', 'SHA256', 14],
  ['3DES', 'SHA1', 14],
];

const DOC_CIPHER: Readonly<Record<string, string>> = { 'GCM-AES256': 'aes256gcm16', AES256: 'aes256', AES128: 'aes128', '3DES': '3des', DES: 'des' };
const DOC_HASH: Readonly<Record<string, string>> = { SHA1: 'sha1', SHA256: 'sha256' };
const DOC_DH: Readonly<Record<number, string>> = { 1: 'modp768', 2: 'modp1024', 14: 'modp2048', 24: 'modp2048s256' };

function defaultEspResponder(): string {
  return DEFAULT_ESP_RESPONDER.map(([cipher, hash, dh]) =>
    [DOC_CIPHER[cipher], hash === undefined ? undefined : DOC_HASH[hash], dh === undefined ? undefined : DOC_DH[dh]].filter((x) => x !== undefined).join('-'),
  ).join(',');
}

/** Custom policy: Azure offers and accepts only this one combination. */
const POLICY_CIPHER: Readonly<Record<string, string>> = {
  AES128: 'aes128', AES192: 'aes192', AES256: 'aes256', GCMAES128: 'aes128gcm16', GCMAES192: 'aes192gcm16', GCMAES256: 'aes256gcm16', DES3: '3des', DES: 'des',
};
const POLICY_HASH: Readonly<Record<string, string>> = { SHA1: 'sha1', SHA256: 'sha256', SHA384: 'sha384', MD5: 'md5' };
const POLICY_DH: Readonly<Record<string, string>> = {
  DHGroup1: 'modp768', DHGroup2: 'modp1024', DHGroup14: 'modp2048', DHGroup2048: 'modp2048', DHGroup24: 'modp2048s256', ECP256: 'ecp256', ECP384: 'ecp384',
  PFS1: 'modp768', PFS2: 'modp1024', PFS14: 'modp2048', PFS2048: 'modp2048', PFS24: 'modp2048s256',
};

function customIke(p: EmulatedPolicy): string {
  const aead = p.ikeEncryption.startsWith('GCM');
  return `${POLICY_CIPHER[p.ikeEncryption]}-${aead ? 'prf' : ''}${POLICY_HASH[p.ikeIntegrity]}-${POLICY_DH[p.dhGroup]}`;
}

function customEsp(p: EmulatedPolicy): string {
  const parts = [POLICY_CIPHER[p.ipsecEncryption]];
  if (!p.ipsecEncryption.startsWith('GCM')) parts.push(POLICY_HASH[p.ipsecIntegrity]);
  if (p.pfsGroup !== 'None') parts.push(POLICY_DH[p.pfsGroup]);
  return parts.join('-');
}

/**
 * swanctl.conf of one gateway instance. Azure is the responder here; as a route-based gateway
 * without policy-based selectors it accepts whatever traffic selectors the device proposes,
 * which strongSwan does by narrowing 0.0.0.0/0 to the initiator's proposal.
 */
export function azureSwanctl(gw: EmulatedGateway, instance: number): string {
  const self = gw.instances[instance];
  const ike = gw.policy ? customIke(gw.policy) : DEFAULT_IKE.join(',');
  const esp = gw.policy ? customEsp(gw.policy) : defaultEspResponder();
  const childLife = gw.policy ? gw.policy.saLifetimeSeconds : 27000;
  return [
    'connections {',
    '    site {',
    '        version = 2',
    `        local_addrs = ${self.publicIp}`,
    `        remote_addrs = ${gw.site.publicIp}`,
    `        proposals = ${ike}`,
    '        rekey_time = 0s',
    '        local {',
    '            auth = psk',
    `            id = ${self.publicIp}`,
    '        }',
    '        remote {',
    '            auth = psk',
    `            id = ${gw.site.publicIp}`,
    '        }',
    '        children {',
    '            s2s {',
    '                local_ts = 0.0.0.0/0',
    '                remote_ts = 0.0.0.0/0',
    `                esp_proposals = ${esp}`,
    '                rekey_time = 0s',
    `                life_time = ${childLife}s`,
    '            }',
    '        }',
    '    }',
    '}',
    'secrets {',
    '    ike-site {',
    `        id = ${gw.site.publicIp}`,
    `        secret = "${gw.sharedKey}"`,
    '    }',
    '}',
    '',
  ].join('\n');
}

/**
 * bgpd configuration of one gateway instance: ASN, the VNet prefixes, timers 60/180. Azure does
 * not initiate BGP towards an APIPA peer, so that neighbour is passive here.
 */
export function azureBgpd(gw: EmulatedGateway, instance: number): string {
  const self = gw.instances[instance];
  const peer = gw.site.bgpAddress;
  if (!self.bgpAddress || !peer || gw.site.asn === undefined) throw new Error('BGP emulation needs both BGP addresses and the site ASN');
  const apipaPeer = peer.startsWith('169.254.');
  return [
    'frr defaults traditional',
    'hostname azure-instance',
    `router bgp ${gw.asn}`,
    ` bgp router-id ${self.bgpAddress}`,
    ' no bgp ebgp-requires-policy',
    ' no bgp network import-check',
    ` neighbor ${peer} remote-as ${gw.site.asn}`,
    ` neighbor ${peer} ebgp-multihop 255`,
    ` neighbor ${peer} update-source ${self.bgpAddress}`,
    ` neighbor ${peer} timers 60 180`,
    ...(apipaPeer ? [` neighbor ${peer} passive`] : []),
    ' address-family ipv4 unicast',
    ...gw.vnetPrefixes.map((p) => `  network ${p}`),
    ' exit-address-family',
    '',
  ].join('\n');
}
