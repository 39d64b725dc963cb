import { DeviceSpec, DeviceSpecError } from './device-spec';
import { headerLines, RenderOptions, valueWriter } from './render-support';

/**
 * FRR `frr.conf`: one eBGP neighbour per Azure gateway instance, sourced from the device's BGP
 * address and reached over the IPsec tunnels (see the strongSwan output).
 */
export function renderFrr(spec: DeviceSpec, options: RenderOptions = {}): string {
  const bgp = spec.bgp;
  if (!bgp) throw new DeviceSpecError(`site ${spec.siteName} does not use BGP on ${spec.connectionAddress}; FRR has nothing to configure (use --vendor strongswan)`);
  const { write: v, used } = valueWriter(options);
  const out: string[] = [];
  out.push(
    'frr defaults traditional',
    '!',
    // Only the listed prefixes leave the device: never the Azure prefixes learned on the other session.
    ...(bgp.advertise.length > 0
      ? bgp.advertise.map((p, i) => `ip prefix-list AZURE-OUT seq ${(i + 1) * 5} permit ${p}`)
      : ['ip prefix-list AZURE-OUT seq 5 deny any']),
    // Azure never sends a default route; refuse one rather than let it replace the device's own.
    'ip prefix-list AZURE-IN seq 5 deny 0.0.0.0/0',
    'ip prefix-list AZURE-IN seq 10 permit 0.0.0.0/0 le 32',
    '!',
    `router bgp ${bgp.localAsn}`,
    ` bgp router-id ${bgp.localAddress}`,
    // FRR >= 7.4 exchanges nothing over eBGP without a policy; the prefix-lists below are the policy.
    ' no bgp ebgp-requires-policy',
    // Announce the listed prefixes even when no local route covers them yet.
    ' no bgp network import-check',
  );
  for (const n of bgp.neighbours) {
    const address = v(n.address);
    out.push(
      ` neighbor ${address} remote-as ${bgp.azureAsn}`,
      ` neighbor ${address} description Azure ${spec.gatewayName} tunnel ${n.tunnel}`,
      ` neighbor ${address} ebgp-multihop 255`,
      ` neighbor ${address} update-source ${bgp.localAddress}`,
      // Azure's fixed timers.
      ` neighbor ${address} timers 60 180`,
    );
  }
  out.push(' !', ' address-family ipv4 unicast');
  for (const prefix of bgp.advertise) out.push(`  network ${prefix}`);
  for (const n of bgp.neighbours) {
    const address = v(n.address);
    out.push(`  neighbor ${address} prefix-list AZURE-IN in`, `  neighbor ${address} prefix-list AZURE-OUT out`);
  }
  out.push(' exit-address-family', 'exit', '!', '');
  const header = headerLines(spec, {
    title: 'FRR frr.conf',
    terraformOutput: options.terraformOutput ?? false,
    holdsKey: false,
    placeholders: used,
    extra: [
      `The device's BGP address ${bgp.localAddress} must be configured on a local interface (a loopback or the tunnel).`,
      'Routes to the Azure BGP addresses go through the IPsec tunnels (strongSwan installs them from the selectors).',
      ...(bgp.apipa ? ['APIPA peering: Azure never opens these sessions; the device does.'] : []),
    ],
  });
  return [...header.map((l) => `! ${l}`.trimEnd()), '!', ...out].join('\n');
}
