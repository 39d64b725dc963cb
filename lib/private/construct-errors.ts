import { IConstruct } from 'constructs';

/**
 * Input a construct cannot build from at all: a CIDR it must split that does not parse, a
 * required prop that is missing, two props that exclude each other. Thrown at once, unlike rule
 * violations, which the rule engine reports together at synth.
 *
 * Internal: jsii rejects an exported `Error` subclass (JSII3004), so this class is not part of
 * the public API. The message starts with the rule id, like the engine's, so users grep one format.
 */
/**
 * The ids of input errors that are not a catalogue rule: the construct cannot even build the
 * resources, so no rule applies yet.
 */
export const INPUT_ERRORS = {
  /** A prop the construct needs is missing. */
  MISSING: 'props.missing',
  /** Props that exclude each other are both set, or neither of two alternatives is. */
  EXCLUSIVE: 'props.exclusive',
} as const;

export class VpnConfigError extends Error {
  constructor(public readonly ruleId: string, message: string, scope?: IConstruct) {
    super(`[${ruleId}] ${message}${scope ? ` (at ${scope.node.path})` : ''}`);
    this.name = 'VpnConfigError';
    // Keeps `instanceof` working when the class is compiled to ES5-style constructors.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
