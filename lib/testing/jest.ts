/**
 * Jest matchers for reachability. Import once in a test file (or a jest setup file):
 *
 *   import 'cdktf-azure-vpn/lib/testing/jest';
 *   expect(VpnTopology.of(stack)).toReach('spoke-a', 'paris');
 *   expect(stack).not.toReach('spoke-a', 'spoke-b');
 *
 * `toReach` passes only when the answer is "reachable", and `.not.toReach` only when it is
 * "unreachable": an answer that depends on a value known after apply fails both, with the reason.
 */
import { IConstruct } from 'constructs';
import { ReachStatus, VpnTopology } from '../constructs/vpn-topology';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // The declaration merges with @types/jest's, so its type parameters must be spelled the same.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> {
      /** The topology (a VpnTopology, or any construct of a stack) routes traffic from `source` to `destination`. */
      toReach(source: string, destination: string): R;
    }
  }
}

interface MatcherContext {
  readonly isNot: boolean;
}

interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

interface JestExpect {
  extend(matchers: Record<string, (this: MatcherContext, received: unknown, ...args: never[]) => MatcherResult>): void;
}

function topologyOf(received: unknown): VpnTopology {
  if (VpnTopology.isVpnTopology(received)) return received;
  if (typeof received === 'object' && received !== null && 'node' in received) return VpnTopology.of(received as IConstruct);
  throw new Error('toReach expects a VpnTopology or a construct of a TerraformStack');
}

function toReach(this: MatcherContext, received: unknown, source: string, destination: string): MatcherResult {
  const answer = topologyOf(received).explain(source, destination);
  // An unknown answer must fail both toReach and .not.toReach: with `.not`, jest inverts `pass`.
  const pass = this.isNot ? answer.status !== ReachStatus.UNREACHABLE : answer.status === ReachStatus.REACHABLE;
  const expectation = this.isNot ? 'not to reach' : 'to reach';
  return {
    pass,
    message: () => `expected ${source} ${expectation} ${destination}, but it is ${answer.status}\n${answer.text}`,
  };
}

const globalExpect = (globalThis as { expect?: JestExpect }).expect;
if (!globalExpect) {
  throw new Error('cdktf-azure-vpn/lib/testing/jest must be imported where jest\'s global expect exists (a test file or a setupFilesAfterEnv file)');
}
globalExpect.extend({ toReach });
