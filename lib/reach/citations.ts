/**
 * The documents behind the routing semantics, by catalogue rule id (azure-vpn-rules.md source
 * legend, lib/rules/sources.ts). Reach verdicts cite the id; JSON output adds the URL.
 */
import { SOURCES } from '../azure/sources';

export const CITATIONS: Readonly<Record<string, string>> = {
  'peer.non-transitive': SOURCES.PEER,
  'peer.both-sides': SOURCES.PEER,
  'peer.use-remote-needs-gateway': SOURCES.PEER,
  'peer.use-remote-no-local-gw': SOURCES.PEER,
  'peer.onprem-prefixes': SOURCES.PEER,
  'bgp.transit': SOURCES.FAQ,
  'bgp.flags': SOURCES.FAQ,
  'bgp.default-route': SOURCES.FAQ,
  'conn.pbts': SOURCES.PBTS,
  'conn.v2v.pair': SOURCES.V2V,
  'p2s.transit': SOURCES.P2S_ROUTING,
};

export function citationUrl(rule: string | undefined): string | undefined {
  return rule === undefined ? undefined : CITATIONS[rule];
}
