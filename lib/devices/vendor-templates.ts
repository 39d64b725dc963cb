import { EspProposal, IkeProposal } from '../azure/device-proposals';
import { DeviceSpec, DeviceSpecError, SpecValue } from './device-spec';
import { headerLines, RenderOptions, valueWriter } from './render-support';

/**
 * Route-based (tunnel interface) templates for the devices platform teams run most: Cisco
 * IOS-XE, Juniper SRX, FortiGate and Palo Alto PAN-OS. They follow each vendor's documented
 * IKEv2 VTI + eBGP pattern and are checked by golden files only: unlike the strongSwan and FRR
 * output they are NOT interop-tested. Device-local names (outside interface, tunnel interface
 * numbers, zones) are assumptions stated in each file's header.
 */

type Table = Readonly<Record<string, string>>;

function word(table: Table, value: string, field: string, vendor: string): string {
  const hit = table[value];
  if (hit === undefined) throw new DeviceSpecError(`${field} ${value} has no ${vendor} equivalent in this template; use a custom ipsec_policy the device supports`);
  return hit;
}

function requireIkev2(spec: DeviceSpec, vendor: string): void {
  if (spec.ikeVersion !== 2) throw new DeviceSpecError(`the ${vendor} template is route-based IKEv2; ${spec.connectionAddress} uses IKEv1 (policy-based gateway or connection_protocol IKEv1)`);
}

/** Pre-shared keys go inside double quotes in every one of these syntaxes. */
function quotedKey(key: SpecValue, v: (value: SpecValue) => string, vendor: string): string {
  const text = v(key);
  if (/["\\\s]/.test(text)) throw new DeviceSpecError(`the pre-shared key contains a quote, backslash or blank, which the ${vendor} template cannot quote; use strongswan or change the key`);
  return `"${text}"`;
}

function netmask(prefix: string): [string, string] {
  const [address, lengthText] = prefix.split('/');
  const length = Number(lengthText ?? 32);
  const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return [address, [24, 16, 8, 0].map((shift) => (mask >>> shift) & 255).join('.')];
}

function isGcm(value: string): boolean {
  return value.startsWith('GCM');
}

function comment(marker: string, lines: string[]): string[] {
  return lines.map((l) => `${marker} ${l}`.trimEnd());
}

function header(spec: DeviceSpec, title: string, used: Parameters<typeof headerLines>[1]['placeholders'], options: RenderOptions, assumptions: string[]): string[] {
  return headerLines(spec, {
    title: `${title} (template, NOT interop-tested)`,
    holdsKey: true,
    placeholders: used,
    terraformOutput: options.terraformOutput ?? false,
    extra: ['Assumes:', ...assumptions.map((a) => `  - ${a}`)],
  });
}

/** The prefixes routed into each tunnel for a static site (BGP sites route by BGP). */
function staticRoutes(spec: DeviceSpec): readonly SpecValue[] {
  return spec.bgp ? [] : spec.tunnels[0]?.remoteTrafficSelectors ?? [];
}

// ---------------------------------------------------------------- Cisco IOS-XE

const CISCO_IKE_ENC: Table = { AES128: 'aes-cbc-128', AES192: 'aes-cbc-192', AES256: 'aes-cbc-256', GCMAES128: 'aes-gcm-128', GCMAES256: 'aes-gcm-256', DES3: '3des', DES: 'des' };
const CISCO_HASH: Table = { MD5: 'md5', SHA1: 'sha1', SHA256: 'sha256', SHA384: 'sha384' };
const CISCO_DH: Table = { DHGroup1: '1', DHGroup2: '2', DHGroup14: '14', DHGroup2048: '14', DHGroup24: '24', ECP256: '19', ECP384: '20' };
const CISCO_ESP_ENC: Table = { AES128: 'esp-aes 128', AES192: 'esp-aes 192', AES256: 'esp-aes 256', GCMAES128: 'esp-gcm 128', GCMAES192: 'esp-gcm 192', GCMAES256: 'esp-gcm 256', DES3: 'esp-3des', DES: 'esp-des', None: 'esp-null' };
const CISCO_ESP_AUTH: Table = { MD5: 'esp-md5-hmac', SHA1: 'esp-sha-hmac', SHA256: 'esp-sha256-hmac' };
const CISCO_PFS: Table = { PFS1: 'group1', PFS2: 'group2', PFS14: 'group14', PFS2048: 'group14', PFS24: 'group24', ECP256: 'group19', ECP384: 'group20' };

export function renderCiscoIosXe(spec: DeviceSpec, options: RenderOptions = {}): string {
  const vendor = 'Cisco IOS-XE';
  requireIkev2(spec, vendor);
  const { write: v, used } = valueWriter(options);
  const out: string[] = ['!'];
  spec.ikeProposals.forEach((p: IkeProposal, i) => {
    out.push(`crypto ikev2 proposal AZURE-IKE-${i}`, ` encryption ${word(CISCO_IKE_ENC, p.encryption, 'ike_encryption', vendor)}`);
    out.push(isGcm(p.encryption) ? ` prf ${word(CISCO_HASH, p.integrity, 'ike_integrity', vendor)}` : ` integrity ${word(CISCO_HASH, p.integrity, 'ike_integrity', vendor)}`);
    out.push(` group ${word(CISCO_DH, p.dhGroup, 'dh_group', vendor)}`, '!');
  });
  out.push('crypto ikev2 policy AZURE-IKE-POLICY', ...spec.ikeProposals.map((_, i) => ` proposal AZURE-IKE-${i}`), '!');
  out.push('crypto ikev2 keyring AZURE-KEYRING');
  for (const t of spec.tunnels) out.push(` peer ${t.name}`, `  address ${v(t.azureAddress)}`, `  pre-shared-key ${quotedKey(spec.preSharedKey, v, vendor).slice(1, -1)}`, ' !');
  out.push('!');
  out.push('crypto ikev2 profile AZURE-IKE-PROFILE');
  for (const t of spec.tunnels) out.push(` match identity remote address ${v(t.azureAddress)} 255.255.255.255`);
  out.push(
    ` identity local address ${v(spec.deviceAddress)}`,
    ' authentication remote pre-share',
    ' authentication local pre-share',
    ' keyring local AZURE-KEYRING',
    ` lifetime ${spec.ikeLifetimeSeconds}`,
    ` dpd ${spec.dpdDelaySeconds} 3 periodic`,
    '!',
  );
  spec.espProposals.forEach((p: EspProposal, i) => {
    const parts = [word(CISCO_ESP_ENC, p.encryption, 'ipsec_encryption', vendor)];
    if (!isGcm(p.encryption)) parts.push(word(CISCO_ESP_AUTH, p.integrity, 'ipsec_integrity', vendor));
    out.push(`crypto ipsec transform-set AZURE-TS-${i} ${parts.join(' ')}`, ' mode tunnel', '!');
  });
  const pfs = spec.customPolicy && spec.espProposals[0].pfsGroup !== 'None' ? word(CISCO_PFS, spec.espProposals[0].pfsGroup, 'pfs_group', vendor) : undefined;
  out.push(
    'crypto ipsec profile AZURE-IPSEC-PROFILE',
    ` set transform-set ${spec.espProposals.map((_, i) => `AZURE-TS-${i}`).join(' ')}`,
    ...(pfs ? [` set pfs ${pfs}`] : []),
    ' set ikev2-profile AZURE-IKE-PROFILE',
    ` set security-association lifetime seconds ${spec.childLifetimeSeconds}`,
    ...(spec.childLifetimeKilobytes > 0 ? [` set security-association lifetime kilobytes ${spec.childLifetimeKilobytes}`] : []),
    '!',
  );
  if (spec.bgp) out.push('interface Loopback100', ' description BGP address towards Azure', ` ip address ${spec.bgp.localAddress} 255.255.255.255`, '!');
  spec.tunnels.forEach((t, i) => {
    out.push(
      `interface Tunnel${100 + i + 1}`,
      ` description Azure ${spec.gatewayName} instance ${t.ipConfigurationName}`,
      spec.bgp ? ' ip unnumbered Loopback100' : ' ip unnumbered GigabitEthernet1',
      ' ip tcp adjust-mss 1350',
      ' tunnel source GigabitEthernet1',
      ' tunnel mode ipsec ipv4',
      ` tunnel destination ${v(t.azureAddress)}`,
      ' tunnel protection ipsec profile AZURE-IPSEC-PROFILE',
      '!',
    );
  });
  spec.tunnels.forEach((t, i) => {
    if (t.bgpNeighbourAddress !== undefined) out.push(`ip route ${v(t.bgpNeighbourAddress)} 255.255.255.255 Tunnel${100 + i + 1}`);
    for (const prefix of staticRoutes(spec)) {
      const [address, mask] = typeof prefix === 'string' ? netmask(prefix) : [v(prefix), '{{REPLACE:NETMASK}}'];
      out.push(`ip route ${address} ${mask} Tunnel${100 + i + 1}`);
    }
  });
  if (spec.bgp) {
    const bgp = spec.bgp;
    out.push('!', `router bgp ${bgp.localAsn}`, ` bgp router-id ${bgp.localAddress}`, ' bgp log-neighbor-changes');
    for (const n of bgp.neighbours) {
      const a = v(n.address);
      out.push(` neighbor ${a} remote-as ${bgp.azureAsn}`, ` neighbor ${a} ebgp-multihop 255`, ` neighbor ${a} update-source Loopback100`, ` neighbor ${a} timers 60 180`);
    }
    out.push(' !', ' address-family ipv4');
    for (const prefix of bgp.advertise) {
      const [address, mask] = netmask(prefix);
      out.push(`  network ${address} mask ${mask}`);
    }
    for (const n of bgp.neighbours) out.push(`  neighbor ${v(n.address)} activate`, `  neighbor ${v(n.address)} prefix-list AZURE-OUT out`);
    out.push(' exit-address-family', '!');
    out.push(...(bgp.advertise.length > 0 ? bgp.advertise.map((p, i) => `ip prefix-list AZURE-OUT seq ${(i + 1) * 5} permit ${p}`) : ['ip prefix-list AZURE-OUT seq 5 deny 0.0.0.0/0 le 32']));
    for (const prefix of bgp.advertise) {
      const [address, mask] = netmask(prefix);
      out.push(`! ip route ${address} ${mask} Null0   (only if no IGP route covers it: BGP announces a network that is in the RIB)`);
    }
  }
  out.push('!', 'end', '');
  const head = header(spec, `${vendor} configuration`, used, options, [
    'IOS-XE 16.x or later with IKEv2 and VTI; outside interface GigabitEthernet1 carrying the public address (no NAT in front)',
    'tunnel interfaces Tunnel101.. and Loopback100 are free; the device public address is on GigabitEthernet1',
  ]);
  return [...comment('!', head), ...out].join('\n');
}

// ---------------------------------------------------------------- Juniper SRX

const JUNIPER_ENC: Table = { AES128: 'aes-128-cbc', AES192: 'aes-192-cbc', AES256: 'aes-256-cbc', GCMAES128: 'aes-128-gcm', GCMAES192: 'aes-192-gcm', GCMAES256: 'aes-256-gcm', DES3: '3des-cbc', DES: 'des-cbc' };
const JUNIPER_IKE_AUTH: Table = { MD5: 'md5', SHA1: 'sha1', SHA256: 'sha-256', SHA384: 'sha-384' };
const JUNIPER_DH: Table = { DHGroup1: 'group1', DHGroup2: 'group2', DHGroup14: 'group14', DHGroup2048: 'group14', DHGroup24: 'group24', ECP256: 'group19', ECP384: 'group20' };
const JUNIPER_ESP_AUTH: Table = { MD5: 'hmac-md5-96', SHA1: 'hmac-sha1-96', SHA256: 'hmac-sha-256-128' };
const JUNIPER_PFS: Table = { PFS1: 'group1', PFS2: 'group2', PFS14: 'group14', PFS2048: 'group14', PFS24: 'group24', ECP256: 'group19', ECP384: 'group20' };

export function renderJuniperSrx(spec: DeviceSpec, options: RenderOptions = {}): string {
  const vendor = 'Juniper SRX';
  requireIkev2(spec, vendor);
  const { write: v, used } = valueWriter(options);
  const out: string[] = [];
  spec.ikeProposals.forEach((p, i) => {
    const base = `set security ike proposal azure-ike-${i}`;
    out.push(`${base} authentication-method pre-shared-keys`, `${base} dh-group ${word(JUNIPER_DH, p.dhGroup, 'dh_group', vendor)}`);
    out.push(`${base} encryption-algorithm ${word(JUNIPER_ENC, p.encryption, 'ike_encryption', vendor)}`);
    // With AES-GCM the PRF follows from the group; Junos takes no authentication-algorithm.
    if (!isGcm(p.encryption)) out.push(`${base} authentication-algorithm ${word(JUNIPER_IKE_AUTH, p.integrity, 'ike_integrity', vendor)}`);
    out.push(`${base} lifetime-seconds ${spec.ikeLifetimeSeconds}`);
  });
  out.push(`set security ike policy azure-ike-policy proposals [ ${spec.ikeProposals.map((_, i) => `azure-ike-${i}`).join(' ')} ]`);
  out.push(`set security ike policy azure-ike-policy pre-shared-key ascii-text ${quotedKey(spec.preSharedKey, v, vendor)}`);
  spec.espProposals.forEach((p, i) => {
    const base = `set security ipsec proposal azure-esp-${i}`;
    if (p.encryption === 'None') throw new DeviceSpecError(`ipsec_encryption None has no ${vendor} equivalent in this template`);
    out.push(`${base} protocol esp`, `${base} encryption-algorithm ${word(JUNIPER_ENC, p.encryption, 'ipsec_encryption', vendor)}`);
    if (!isGcm(p.encryption)) out.push(`${base} authentication-algorithm ${word(JUNIPER_ESP_AUTH, p.integrity, 'ipsec_integrity', vendor)}`);
    out.push(`${base} lifetime-seconds ${spec.childLifetimeSeconds}`);
    if (spec.childLifetimeKilobytes > 0) out.push(`${base} lifetime-kilobytes ${spec.childLifetimeKilobytes}`);
  });
  const pfs = spec.customPolicy && spec.espProposals[0].pfsGroup !== 'None' ? word(JUNIPER_PFS, spec.espProposals[0].pfsGroup, 'pfs_group', vendor) : undefined;
  if (pfs) out.push(`set security ipsec policy azure-ipsec-policy perfect-forward-secrecy keys ${pfs}`);
  out.push(`set security ipsec policy azure-ipsec-policy proposals [ ${spec.espProposals.map((_, i) => `azure-esp-${i}`).join(' ')} ]`);
  spec.tunnels.forEach((t, i) => {
    const gw = `set security ike gateway ${t.name}`;
    out.push(
      `${gw} ike-policy azure-ike-policy`,
      `${gw} address ${v(t.azureAddress)}`,
      `${gw} external-interface ge-0/0/0.0`,
      `${gw} local-identity inet ${v(spec.deviceAddress)}`,
      `${gw} remote-identity inet ${v(t.azureAddress)}`,
      `${gw} version v2-only`,
      `${gw} dead-peer-detection interval ${spec.dpdDelaySeconds}`,
      `${gw} dead-peer-detection threshold 3`,
      `set interfaces st0 unit ${i + 1} description "Azure ${spec.gatewayName} instance ${t.ipConfigurationName}"`,
      `set interfaces st0 unit ${i + 1} family inet mtu 1400`,
      `set security zones security-zone azure interfaces st0.${i + 1}`,
      `set security ipsec vpn ${t.name} bind-interface st0.${i + 1}`,
      `set security ipsec vpn ${t.name} ike gateway ${t.name}`,
      `set security ipsec vpn ${t.name} ike ipsec-policy azure-ipsec-policy`,
      `set security ipsec vpn ${t.name} establish-tunnels immediately`,
    );
    if (t.bgpNeighbourAddress !== undefined) out.push(`set routing-options static route ${v(t.bgpNeighbourAddress)}${typeof t.bgpNeighbourAddress === 'string' ? '/32' : ''} next-hop st0.${i + 1}`);
    for (const prefix of staticRoutes(spec)) out.push(`set routing-options static route ${v(prefix)} next-hop st0.${i + 1}`);
  });
  out.push('set security flow tcp-mss ipsec-vpn mss 1350');
  if (spec.bgp) {
    const bgp = spec.bgp;
    out.push(
      `set interfaces lo0 unit 0 family inet address ${bgp.localAddress}/32`,
      'set security zones security-zone azure interfaces lo0.0',
      'set security zones security-zone azure host-inbound-traffic protocols bgp',
    );
    for (const prefix of bgp.advertise) out.push(`set policy-options policy-statement azure-out term site from route-filter ${prefix} exact`);
    out.push(bgp.advertise.length > 0 ? 'set policy-options policy-statement azure-out term site then accept' : 'set policy-options policy-statement azure-out term none then reject');
    out.push('set policy-options policy-statement azure-out then reject');
    const group = 'set protocols bgp group azure';
    out.push(`${group} type external`, `${group} multihop ttl 255`, `${group} local-address ${bgp.localAddress}`, `${group} peer-as ${bgp.azureAsn}`, `${group} export azure-out`, `${group} hold-time 180`);
    out.push(`set routing-options autonomous-system ${bgp.localAsn}`, `set routing-options router-id ${bgp.localAddress}`);
    for (const n of bgp.neighbours) out.push(`${group} neighbor ${v(n.address)}`);
  }
  out.push('');
  const head = header(spec, `${vendor} configuration`, used, options, [
    'Junos 15.1X49 or later; external interface ge-0/0/0.0 carries the public address (no NAT in front), in an untrust zone allowing IKE',
    'st0.1.. are free; a security zone "azure" (create policies between it and your trust zone)',
  ]);
  return [...comment('#', head), ...out].join('\n');
}

// ---------------------------------------------------------------- FortiGate

const FORTI_ENC: Table = { AES128: 'aes128', AES192: 'aes192', AES256: 'aes256', GCMAES128: 'aes128gcm', GCMAES256: 'aes256gcm', DES3: '3des', DES: 'des', None: 'null' };
const FORTI_HASH: Table = { MD5: 'md5', SHA1: 'sha1', SHA256: 'sha256', SHA384: 'sha384' };
const FORTI_DH: Table = { DHGroup1: '1', DHGroup2: '2', DHGroup14: '14', DHGroup2048: '14', DHGroup24: '24', ECP256: '19', ECP384: '20' };
const FORTI_PFS: Table = { PFS1: '1', PFS2: '2', PFS14: '14', PFS2048: '14', PFS24: '24', ECP256: '19', ECP384: '20' };

export function renderFortigate(spec: DeviceSpec, options: RenderOptions = {}): string {
  const vendor = 'FortiGate';
  requireIkev2(spec, vendor);
  const { write: v, used } = valueWriter(options);
  const ike = spec.ikeProposals.map((p) => `${word(FORTI_ENC, p.encryption, 'ike_encryption', vendor)}-${isGcm(p.encryption) ? 'prf' : ''}${word(FORTI_HASH, p.integrity, 'ike_integrity', vendor)}`);
  const dh = [...new Set(spec.ikeProposals.map((p) => word(FORTI_DH, p.dhGroup, 'dh_group', vendor)))];
  const esp = spec.espProposals.map((p) => (isGcm(p.encryption) ? word(FORTI_ENC, p.encryption, 'ipsec_encryption', vendor) : `${word(FORTI_ENC, p.encryption, 'ipsec_encryption', vendor)}-${word(FORTI_HASH, p.integrity, 'ipsec_integrity', vendor)}`));
  const pfs = spec.customPolicy && spec.espProposals[0].pfsGroup !== 'None' ? word(FORTI_PFS, spec.espProposals[0].pfsGroup, 'pfs_group', vendor) : undefined;
  const out: string[] = ['config vpn ipsec phase1-interface'];
  for (const t of spec.tunnels) {
    out.push(
      `    edit "${t.name}"`,
      '        set interface "wan1"',
      '        set ike-version 2',
      `        set keylife ${spec.ikeLifetimeSeconds}`,
      '        set peertype any',
      '        set net-device disable',
      `        set proposal ${ike.join(' ')}`,
      `        set dhgrp ${dh.join(' ')}`,
      `        set remote-gw ${v(t.azureAddress)}`,
      `        set localid ${v(spec.deviceAddress)}`,
      `        set psksecret ${quotedKey(spec.preSharedKey, v, vendor)}`,
      '        set dpd on-idle',
      `        set dpd-retryinterval ${spec.dpdDelaySeconds}`,
      '    next',
    );
  }
  out.push('end', 'config vpn ipsec phase2-interface');
  for (const t of spec.tunnels) {
    out.push(
      `    edit "${t.name}"`,
      `        set phase1name "${t.name}"`,
      `        set proposal ${esp.join(' ')}`,
      ...(pfs ? ['        set pfs enable', `        set dhgrp ${pfs}`] : ['        set pfs disable']),
      ...(spec.childLifetimeKilobytes > 0 ? ['        set keylife-type both', `        set keylifekbs ${spec.childLifetimeKilobytes}`] : []),
      `        set keylifeseconds ${spec.childLifetimeSeconds}`,
      '        set auto-negotiate enable',
      '    next',
    );
  }
  out.push('end', 'config system interface');
  if (spec.bgp) {
    out.push('    edit "azure-bgp"', '        set vdom "root"', '        set type loopback', `        set ip ${spec.bgp.localAddress} 255.255.255.255`, '        set allowaccess ping', '    next');
  }
  for (const t of spec.tunnels) out.push(`    edit "${t.name}"`, '        set tcp-mss 1350', '    next');
  out.push('end', 'config router static');
  spec.tunnels.forEach((t) => {
    if (t.bgpNeighbourAddress !== undefined) {
      const address = v(t.bgpNeighbourAddress);
      out.push('    edit 0', `        set dst ${address} 255.255.255.255`, `        set device "${t.name}"`, '    next');
    }
    for (const prefix of staticRoutes(spec)) {
      const [address, mask] = typeof prefix === 'string' ? netmask(prefix) : [v(prefix), '{{REPLACE:NETMASK}}'];
      out.push('    edit 0', `        set dst ${address} ${mask}`, `        set device "${t.name}"`, '    next');
    }
  });
  out.push('end');
  if (spec.bgp) {
    const bgp = spec.bgp;
    out.push('config router prefix-list', '    edit "azure-out"', '        config rule');
    bgp.advertise.forEach((p, i) => out.push(`            edit ${i + 1}`, `                set prefix ${netmask(p).join(' ')}`, '                unset ge', '                unset le', '            next'));
    out.push('        end', '    next', 'end', 'config router bgp', `    set as ${bgp.localAsn}`, `    set router-id ${bgp.localAddress}`, '    config neighbor');
    for (const n of bgp.neighbours) {
      out.push(
        `        edit "${v(n.address)}"`,
        `            set remote-as ${bgp.azureAsn}`,
        '            set ebgp-enforce-multihop enable',
        '            set ebgp-multihop-ttl 255',
        '            set update-source "azure-bgp"',
        '            set prefix-list-out "azure-out"',
        '            set holdtime-timer 180',
        '            set keep-alive-timer 60',
        '        next',
      );
    }
    out.push('    end', '    config network');
    bgp.advertise.forEach((p, i) => out.push(`        edit ${i + 1}`, `            set prefix ${netmask(p).join(' ')}`, '        next'));
    out.push('    end', 'end');
  }
  out.push('');
  const head = header(spec, `${vendor} configuration`, used, options, [
    'FortiOS 7.x; WAN interface "wan1" carries the public address (no NAT in front); root VDOM',
    'firewall policies between the tunnel interfaces and your LAN are still to be written',
  ]);
  return [...comment('#', head), ...out].join('\n');
}

// ---------------------------------------------------------------- Palo Alto PAN-OS

const PAN_ENC: Table = { AES128: 'aes-128-cbc', AES192: 'aes-192-cbc', AES256: 'aes-256-cbc', GCMAES128: 'aes-128-gcm', GCMAES256: 'aes-256-gcm', DES3: '3des', DES: 'des' };
const PAN_HASH: Table = { MD5: 'md5', SHA1: 'sha1', SHA256: 'sha256', SHA384: 'sha384' };
const PAN_DH: Table = { DHGroup1: 'group1', DHGroup2: 'group2', DHGroup14: 'group14', DHGroup2048: 'group14', ECP256: 'group19', ECP384: 'group20' };
const PAN_PFS: Table = { PFS1: 'group1', PFS2: 'group2', PFS14: 'group14', PFS2048: 'group14', ECP256: 'group19', ECP384: 'group20' };

export function renderPanOs(spec: DeviceSpec, options: RenderOptions = {}): string {
  const vendor = 'PAN-OS';
  requireIkev2(spec, vendor);
  const { write: v, used } = valueWriter(options);
  const ikeProfile = 'set network ike crypto-profiles ike-crypto-profiles azure-ike';
  const espProfile = 'set network ike crypto-profiles ipsec-crypto-profiles azure-ipsec';
  const unique = (values: string[]): string => [...new Set(values)].join(' ');
  const out: string[] = [
    `${ikeProfile} encryption [ ${unique(spec.ikeProposals.map((p) => word(PAN_ENC, p.encryption, 'ike_encryption', vendor)))} ]`,
    `${ikeProfile} hash [ ${unique(spec.ikeProposals.map((p) => word(PAN_HASH, p.integrity, 'ike_integrity', vendor)))} ]`,
    `${ikeProfile} dh-group [ ${unique(spec.ikeProposals.map((p) => word(PAN_DH, p.dhGroup, 'dh_group', vendor)))} ]`,
    `${ikeProfile} lifetime seconds ${spec.ikeLifetimeSeconds}`,
  ];
  if (spec.espProposals.some((p) => p.encryption === 'None')) throw new DeviceSpecError(`ipsec_encryption None has no ${vendor} equivalent in this template`);
  out.push(`${espProfile} esp encryption [ ${unique(spec.espProposals.map((p) => word(PAN_ENC, p.encryption, 'ipsec_encryption', vendor)))} ]`);
  const auth = spec.espProposals.filter((p) => !isGcm(p.encryption)).map((p) => word(PAN_HASH, p.integrity, 'ipsec_integrity', vendor));
  out.push(`${espProfile} esp authentication [ ${auth.length > 0 ? unique(auth) : 'none'} ]`);
  const pfs = spec.customPolicy && spec.espProposals[0].pfsGroup !== 'None' ? word(PAN_PFS, spec.espProposals[0].pfsGroup, 'pfs_group', vendor) : 'no-pfs';
  out.push(`${espProfile} dh-group ${pfs}`, `${espProfile} lifetime seconds ${spec.childLifetimeSeconds}`);
  // lifesize takes 1..65535 of a unit: the largest unit that keeps Azure's volume a whole number in range.
  if (spec.childLifetimeKilobytes > 0) out.push(`${espProfile} lifesize ${lifesize(spec.childLifetimeKilobytes)}`);
  const vr = 'set network virtual-router default';
  if (spec.bgp) {
    out.push(`set network interface loopback units loopback.100 ip ${spec.bgp.localAddress}/32`, `${vr} interface loopback.100`, 'set zone azure network layer3 loopback.100');
  }
  spec.tunnels.forEach((t, i) => {
    const unit = `tunnel.${100 + i + 1}`;
    const gw = `set network ike gateway ${t.name}`;
    out.push(
      `set network interface tunnel units ${unit} comment "Azure ${spec.gatewayName} instance ${t.ipConfigurationName}"`,
      `set network interface tunnel units ${unit} mtu 1400`,
      `set zone azure network layer3 ${unit}`,
      `${vr} interface ${unit}`,
      `${gw} authentication pre-shared-key key ${quotedKey(spec.preSharedKey, v, vendor)}`,
      `${gw} protocol version ikev2`,
      `${gw} protocol ikev2 ike-crypto-profile azure-ike`,
      `${gw} protocol ikev2 dpd enable yes interval ${spec.dpdDelaySeconds}`,
      `${gw} local-address interface ethernet1/1`,
      `${gw} local-id type ipaddr id ${v(spec.deviceAddress)}`,
      `${gw} peer-address ip ${v(t.azureAddress)}`,
      `${gw} peer-id type ipaddr id ${v(t.azureAddress)}`,
      `set network tunnel ipsec ${t.name} auto-key ike-gateway ${t.name}`,
      `set network tunnel ipsec ${t.name} auto-key ipsec-crypto-profile azure-ipsec`,
      `set network tunnel ipsec ${t.name} tunnel-interface ${unit}`,
    );
    if (t.bgpNeighbourAddress !== undefined) {
      out.push(`${vr} routing-table ip static-route ${t.name}-bgp destination ${v(t.bgpNeighbourAddress)}${typeof t.bgpNeighbourAddress === 'string' ? '/32' : ''} interface ${unit}`);
    }
    staticRoutes(spec).forEach((prefix, j) => out.push(`${vr} routing-table ip static-route ${t.name}-vnet-${j} destination ${v(prefix)} interface ${unit}`));
  });
  if (spec.bgp) {
    const bgp = spec.bgp;
    const b = `${vr} protocol bgp`;
    out.push(`${b} enable yes`, `${b} router-id ${bgp.localAddress}`, `${b} local-as ${bgp.localAsn}`, `${b} peer-group azure type ebgp`);
    bgp.neighbours.forEach((n, i) => {
      const peer = `${b} peer-group azure peer azure-${i}`;
      out.push(
        `${peer} peer-as ${bgp.azureAsn}`,
        `${peer} peer-address ip ${v(n.address)}`,
        `${peer} local-address interface loopback.100 ip ${bgp.localAddress}/32`,
        `${peer} connection-options multihop 255`,
        `${peer} connection-options keep-alive-interval 60 hold-time 180`,
      );
    });
    // Only the listed prefixes are announced: discard routes for them, redistributed by one profile.
    bgp.advertise.forEach((p, i) => out.push(`${vr} routing-table ip static-route site-${i} destination ${p} nexthop discard`));
    if (bgp.advertise.length > 0) {
      out.push(
        `${vr} protocol redist-profile azure-out priority 1 action redist`,
        `${vr} protocol redist-profile azure-out filter type static destination [ ${bgp.advertise.join(' ')} ]`,
        `${b} redist-rules azure-out enable yes address-family-identifier ipv4`,
      );
    }
  }
  out.push('');
  const head = header(spec, `${vendor} configuration (set commands)`, used, options, [
    'PAN-OS 10.x or later; ethernet1/1 carries the public address (no NAT in front); virtual router "default"',
    'tunnel.101.., loopback.100 and a zone "azure" are free; security policies are still to be written',
  ]);
  return [...comment('#', head), ...out].join('\n');
}

function lifesize(kilobytes: number): string {
  for (const [unit, factor] of [['kb', 1], ['mb', 1024], ['gb', 1024 * 1024], ['tb', 1024 * 1024 * 1024]] as const) {
    const amount = Math.floor(kilobytes / factor);
    if (amount <= 65535) return `${unit} ${Math.max(1, amount)}`;
  }
  return 'tb 65535';
}
