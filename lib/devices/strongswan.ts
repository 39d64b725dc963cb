import { EspProposal, IkeProposal } from '../azure/device-proposals';
import { DeviceSpec, DeviceSpecError, SpecValue } from './device-spec';
import { headerLines, isIpv4, RenderOptions, valueWriter } from './render-support';

/**
 * strongSwan `swanctl.conf`: connections and secrets in one file, loadable with
 * `swanctl --load-all --file swanctl.conf`. Selector-based tunnels, so it works with kernel
 * IPsec and with userspace ESP (kernel-libipsec) alike: each tunnel carries the Azure prefixes
 * plus its own instance's BGP /32, which keeps the tunnels' selectors distinct.
 */

const IKE_ENCRYPTION: Readonly<Record<string, string>> = {
  AES128: 'aes128', AES192: 'aes192', AES256: 'aes256', GCMAES128: 'aes128gcm16', GCMAES256: 'aes256gcm16', DES: 'des', DES3: '3des',
};
const INTEGRITY: Readonly<Record<string, string>> = { MD5: 'md5', SHA1: 'sha1', SHA256: 'sha256', SHA384: 'sha384' };
const DH_GROUP: Readonly<Record<string, string>> = {
  DHGroup1: 'modp768', DHGroup2: 'modp1024', DHGroup14: 'modp2048', DHGroup2048: 'modp2048', DHGroup24: 'modp2048s256', ECP256: 'ecp256', ECP384: 'ecp384',
};
const ESP_ENCRYPTION: Readonly<Record<string, string>> = {
  AES128: 'aes128', AES192: 'aes192', AES256: 'aes256', GCMAES128: 'aes128gcm16', GCMAES192: 'aes192gcm16', GCMAES256: 'aes256gcm16', DES: 'des', DES3: '3des', None: 'null',
};
const PFS_GROUP: Readonly<Record<string, string>> = {
  PFS1: 'modp768', PFS2: 'modp1024', PFS14: 'modp2048', PFS2048: 'modp2048', PFS24: 'modp2048s256', ECP256: 'ecp256', ECP384: 'ecp384',
};

/** `aes256gcm16-prfsha384-ecp384`, `aes256-sha1-modp1024`. */
export function strongswanIkeProposal(p: IkeProposal): string {
  const encryption = keyword(IKE_ENCRYPTION, p.encryption, 'ike_encryption');
  const integrity = keyword(INTEGRITY, p.integrity, 'ike_integrity');
  // AEAD has no integrity transform (RFC 5282): Azure's "integrity" becomes the PRF.
  const middle = p.encryption.startsWith('GCM') ? `prf${integrity}` : integrity;
  return `${encryption}-${middle}-${keyword(DH_GROUP, p.dhGroup, 'dh_group')}`;
}

/** `aes256gcm16`, `aes256-sha256-ecp384`: the PFS group only when there is one. */
export function strongswanEspProposal(p: EspProposal): string {
  const parts = [keyword(ESP_ENCRYPTION, p.encryption, 'ipsec_encryption')];
  if (!p.encryption.startsWith('GCM')) parts.push(keyword(INTEGRITY, p.integrity, 'ipsec_integrity'));
  if (p.pfsGroup !== 'None') parts.push(keyword(PFS_GROUP, p.pfsGroup, 'pfs_group'));
  return parts.join('-');
}

export function renderStrongswan(spec: DeviceSpec, options: RenderOptions = {}): string {
  const { write: v, used } = valueWriter(options);
  const out: string[] = [];
  const ike = spec.ikeProposals.map(strongswanIkeProposal).join(',');
  const esp = spec.espProposals.map(strongswanEspProposal).join(',');
  const local = v(spec.deviceAddress);
  out.push('', 'connections {');
  for (const t of spec.tunnels) {
    out.push(
      `    ${t.name} {`,
      `        # Azure gateway instance ${t.ipConfigurationName}`,
      `        version = ${spec.ikeVersion}`,
      // Behind NAT, replace local_addrs with %any and keep the public address as id.
      `        local_addrs = ${isIpv4(spec.deviceAddress) || typeof spec.deviceAddress !== 'string' ? local : '%any'}`,
      `        remote_addrs = ${v(t.azureAddress)}`,
      `        proposals = ${ike}`,
      `        rekey_time = ${rekey(spec.ikeLifetimeSeconds)}s`,
      `        dpd_delay = ${spec.dpdDelaySeconds}s`,
      '        mobike = no',
      '        local {',
      '            auth = psk',
      `            id = ${local}`,
      '        }',
      '        remote {',
      '            auth = psk',
      `            id = ${v(t.azureAddress)}`,
      '        }',
      '        children {',
      `            ${t.name} {`,
      `                local_ts = ${list(t.localTrafficSelectors, v)}`,
      `                remote_ts = ${list(t.remoteTrafficSelectors, v)}`,
      `                esp_proposals = ${esp}`,
      `                rekey_time = ${rekey(spec.childLifetimeSeconds)}s`,
      `                life_time = ${spec.childLifetimeSeconds}s`,
      ...(spec.childLifetimeKilobytes > 0
        ? [`                rekey_bytes = ${rekey(spec.childLifetimeKilobytes * 1024)}`, `                life_bytes = ${spec.childLifetimeKilobytes * 1024}`]
        : []),
      '                dpd_action = restart',
      '                close_action = start',
      '                start_action = start',
      '            }',
      '        }',
      '    }',
    );
  }
  out.push('}', '', 'secrets {', '    ike-azure {');
  spec.tunnels.forEach((t, i) => out.push(`        id-${i} = ${v(t.azureAddress)}`));
  out.push(`        secret = ${secret(spec.preSharedKey, v)}`, '    }', '}', '');
  const header = headerLines(spec, {
    title: 'strongSwan swanctl.conf',
    terraformOutput: options.terraformOutput ?? false,
    holdsKey: true,
    placeholders: used,
    extra: [
      'Load with: swanctl --load-all --file swanctl.conf (charon with the openssl or gcm plugin for AES-GCM).',
      'The device initiates every tunnel; DPD restarts a tunnel Azure stops answering.',
      ...(spec.bgp ? ['BGP runs over these tunnels: see frr.conf (azvpn device-config --vendor frr).'] : []),
    ],
  });
  return [...header.map((l) => `# ${l}`.trimEnd()), ...out].join('\n');
}

/** Rekey at 90 % of the lifetime, so the device renews before Azure lets the SA expire. */
function rekey(lifetime: number): number {
  return Math.floor(lifetime * 0.9);
}

function list(values: readonly SpecValue[], v: (value: SpecValue) => string): string {
  return values.map(v).join(',');
}

/** Quoted when the key is plain printable text, else base64 (`0s…`) so no character needs escaping. */
function secret(key: SpecValue, v: (value: SpecValue) => string): string {
  if (typeof key !== 'string') return `"${v(key)}"`;
  if (/^[\x21-\x7e ]*$/.test(key) && !/["\\]/.test(key)) return `"${key}"`;
  return `0s${Buffer.from(key, 'utf-8').toString('base64')}`;
}

function keyword(table: Readonly<Record<string, string>>, value: string, field: string): string {
  const hit = table[value];
  if (hit === undefined) throw new DeviceSpecError(`${field} ${value} has no strongSwan equivalent`);
  return hit;
}
