/**
 * A value that cannot be known before `terraform apply`: a variable, a local, a data source,
 * a module output, a function call, a computed attribute of another resource, or a value
 * from another stack. Rules never guess such a value: they skip and report the skip as info.
 */
export class Unknown {
  /**
   * @param reason why the value is unknown, in the user's terms ("var.shared_key is a variable")
   * @param expression the Terraform expression it came from, when there is one; two unknowns
   *   with the same expression are the same value (two connections reading one `random_password`)
   */
  constructor(public readonly reason: string, public readonly expression?: string) {}
}

/** A value that is either known at synth time or marked {@link Unknown}. */
export type Maybe<T> = T | Unknown;

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function isKnown<T>(value: Maybe<T> | undefined): value is T {
  return value !== undefined && !(value instanceof Unknown);
}

/**
 * A list whose known items can be checked even when other items (or the list as a whole) are
 * unknown: an overlap between two known prefixes is real whatever the unknown ones are.
 */
export interface MaybeList<T> {
  readonly items: T[];
  /** Set when at least one item, or the whole list, is unknown. */
  readonly unknown?: Unknown;
}

export function knownList<T>(items: T[]): MaybeList<T> {
  return { items };
}

export function unknownList<T>(unknown: Unknown, items: T[] = []): MaybeList<T> {
  return { items, unknown };
}

/** Two values are the same when both are known and equal, or both unknown from one expression. */
export function sameValue<T>(a: Maybe<T> | undefined, b: Maybe<T> | undefined): boolean | undefined {
  if (a === undefined || b === undefined) return a === b;
  if (isUnknown(a) || isUnknown(b)) {
    if (isUnknown(a) && isUnknown(b) && a.expression !== undefined && a.expression === b.expression) return true;
    return undefined;
  }
  return a === b;
}

/**
 * Whether two values are certainly different: both known and unequal, or both unknown templates
 * with one unknown prefix and different known suffixes (`${gw.id}/ipConfigurations/default` and
 * `${gw.id}/ipConfigurations/activeActive` name two things whatever the gateway's id is).
 */
export function certainlyDifferent<T>(a: Maybe<T> | undefined, b: Maybe<T> | undefined): boolean {
  if (isKnown(a) && isKnown(b)) return a !== b;
  if (!isUnknown(a) || !isUnknown(b) || a.expression === undefined || b.expression === undefined) return false;
  const split = (expression: string): [string, string] | undefined => {
    const end = expression.lastIndexOf('}');
    return end < 0 ? undefined : [expression.slice(0, end + 1), expression.slice(end + 1)];
  };
  const sa = split(a.expression);
  const sb = split(b.expression);
  if (!sa || !sb || sa[0] !== sb[0]) return false;
  // Same unknown prefix: the values differ exactly when the known suffixes do.
  return sa[1] !== sb[1];
}
