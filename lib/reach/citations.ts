/**
 * The documents behind the routing semantics, by catalogue rule id (azure-vpn-rules.md source
 * legend). Reach verdicts cite the id; JSON output adds the URL.
 */
const LEARN = 'https://learn.microsoft.com/azure';

export const CITATIONS: Readonly<Record<string, string>> = {
  'peer.non-transitive': `${LEARN}/virtual-network/virtual-network-manage-peering#requirements-and-constraints`,
  'peer.both-sides': `${LEARN}/virtual-network/virtual-network-manage-peering#requirements-and-constraints`,
  'peer.use-remote-needs-gateway': `${LEARN}/virtual-network/virtual-network-manage-peering#requirements-and-constraints`,
  'peer.use-remote-no-local-gw': `${LEARN}/virtual-network/virtual-network-manage-peering#requirements-and-constraints`,
  'peer.onprem-prefixes': `${LEARN}/virtual-network/virtual-network-manage-peering#requirements-and-constraints`,
  'bgp.transit': `${LEARN}/vpn-gateway/vpn-gateway-vpn-faq`,
  'bgp.flags': `${LEARN}/vpn-gateway/vpn-gateway-vpn-faq`,
  'bgp.default-route': `${LEARN}/vpn-gateway/vpn-gateway-vpn-faq`,
  'conn.pbts': `${LEARN}/vpn-gateway/vpn-gateway-connect-multiple-policybased-rm-ps`,
  'conn.v2v.pair': `${LEARN}/vpn-gateway/vpn-gateway-howto-vnet-vnet-resource-manager-portal`,
  'p2s.transit': `${LEARN}/vpn-gateway/vpn-gateway-about-point-to-site-routing`,
};

export function citationUrl(rule: string | undefined): string | undefined {
  return rule === undefined ? undefined : CITATIONS[rule];
}
