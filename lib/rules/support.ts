import { Entity } from '../model/topology';
import { isDataAddress } from '../model/stacks';
import { isKnown, isUnknown, Maybe, Unknown } from '../model/unknown';
import { RuleContext } from './rule';

/** The helpers every rule family uses on top of {@link RuleContext}: decide or skip, and message formatting. */

/**
 * Returns the value when it is known. When it is an Unknown, reports the skip as info on the
 * entity and returns undefined, so the caller can simply `if (v === undefined) continue`.
 */
export function knownOrSkipped<T>(
  ctx: RuleContext,
  entity: Parameters<RuleContext['skipped']>[0],
  what: string,
  value: Maybe<T>,
): T | undefined {
  if (value instanceof Unknown) {
    ctx.skipped(entity, what, value);
    return undefined;
  }
  return value;
}

/** Formats a value for a message: strings quoted, lists bracketed. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return String(value);
}

/**
 * The declared entity a reference points at, for rules that need its attributes. Returns
 * undefined when the reference is not set or names nothing of the expected kind; reports an
 * info skip (and returns undefined) when the reference is unknown, or when it points at a
 * resource that is not declared in the configuration (a literal Azure resource ID), whose
 * attributes cannot be read.
 */
export function referenced<E extends Entity>(
  ctx: RuleContext,
  from: Entity,
  attribute: string,
  reference: Maybe<string> | undefined,
  resolve: (address: string) => E | undefined,
): E | undefined {
  if (reference === undefined) return undefined;
  if (isUnknown(reference)) {
    ctx.skipped(from, attribute, reference);
    return undefined;
  }
  const target = resolve(reference);
  if (target?.external && !target.described) {
    ctx.skipped(from, `the resource behind ${attribute}`, notInConfiguration(target.address));
    return undefined;
  }
  return target;
}

/** The skip reason for a resource referenced by a literal Azure ID, whose attributes cannot be read. */
export function externalUnknown(entity: Entity | undefined, address?: Maybe<string>): Unknown {
  const name = entity?.address ?? (isKnown(address) ? address : 'the referenced resource');
  if (isDataAddress(name)) return notInConfiguration(name);
  return new Unknown(`${name} is referenced by ID and not declared in this configuration`);
}

/**
 * Why an entity's attributes cannot be read: a data source is declared but read at plan; a
 * resource named by literal ID is not declared at all.
 */
export function notInConfiguration(address: string): Unknown {
  return isDataAddress(address)
    ? new Unknown(`${address} is a data source, read at plan`)
    : new Unknown(`${address} is not declared in this configuration`);
}

/** How many entities a message names before it counts the rest. */
export const LISTED = 3;

/** Names up to three entities; `total` is the full count when `entities` is a truncated list. */
export function listEntities(entities: Entity[], total = entities.length): string {
  const shown = entities.slice(0, LISTED).map((e) => e.address);
  return total > LISTED ? `${shown.join(', ')} and ${total - LISTED} more` : shown.join(', ');
}

/**
 * Up to LISTED + 1 members other than `self`, without walking the whole list: enough for
 * {@link listAddresses}, and linear overall when called once per member of a large group.
 */
export function othersThan<T>(members: T[], self: T): T[] {
  const out: T[] = [];
  for (const m of members) {
    if (m === self) continue;
    out.push(m);
    if (out.length > LISTED) break;
  }
  return out;
}
