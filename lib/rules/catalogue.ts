import { bgpLeftOut, bgpRules } from './bgp';
import { connectionLeftOut, connectionRules } from './connection';
import { nameRules } from './best-practice';
import { enumCaseRules } from './enum-case';
import { gatewayLeftOut, gatewayRules } from './gateway';
import { ipsecLeftOut, ipsecRules } from './ipsec';
import { localGatewayLeftOut, localGatewayRules } from './local-gateway';
import { natLeftOut, natRules } from './nat';
import { p2sLeftOut, p2sRules } from './p2s';
import { peeringLeftOut, peeringRules } from './peering';
import { planChangeLeftOut, planChangeRules } from './plan-changes';
import { LeftOut, Rule } from './rule';
import { secretLeftOut, secretRules } from './secrets';
import { synthReplaceLeftOut, synthReplaceRules } from './synth-replace';

/** Every implemented rule, in catalogue order (by family). */
export const RULES: readonly Rule[] = [
  ...gatewayRules,
  ...connectionRules,
  ...localGatewayRules,
  ...bgpRules,
  ...p2sRules,
  ...ipsecRules,
  ...natRules,
  ...peeringRules,
  ...secretRules,
  ...planChangeRules,
  ...synthReplaceRules,
  ...enumCaseRules,
  ...nameRules,
];

/** Catalogue ids deliberately left out, with the reason; RULES.md lists them. */
export const LEFT_OUT: readonly LeftOut[] = [
  ...gatewayLeftOut,
  ...connectionLeftOut,
  ...localGatewayLeftOut,
  ...bgpLeftOut,
  ...p2sLeftOut,
  ...ipsecLeftOut,
  ...natLeftOut,
  ...peeringLeftOut,
  ...secretLeftOut,
  ...planChangeLeftOut,
  ...synthReplaceLeftOut,
];

/** The documentation a catalogue id comes from (implemented or left out), as a link for reports. */
export function ruleSource(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const source = RULES.find((r) => r.id === id)?.source ?? LEFT_OUT.find((l) => l.id === id)?.source;
  return source === undefined ? undefined : sourceUrl(source);
}

/** The first URL of a rule's source, which may go on with a note after it ("…, ms.date 06/04/2026"). */
export function sourceUrl(source: string): string | undefined {
  return /https?:\/\/[^\s;)]+/.exec(source)?.[0];
}
