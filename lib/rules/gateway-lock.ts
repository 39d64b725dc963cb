import { SOURCES } from '../azure/sources';
import { OtherResource } from '../model/topology';
import { isKnown } from '../model/unknown';
import { vpnCandidates } from './gateway-support';
import { Rule, Severity } from './rule';
import { knownOrSkipped, show } from './support';

/** The `azurerm_management_lock` resources of the configuration, by the address they lock. */
function locksByScope(entities: ReadonlyMap<string, unknown>): Map<string, OtherResource[]> {
  const out = new Map<string, OtherResource[]>();
  // forEach: no iterator result per entity of a large configuration.
  entities.forEach((value) => {
    const entity = value as OtherResource;
    if (entity.kind !== 'other' || entity.type !== 'azurerm_management_lock' || entity.external) return;
    if (!isKnown(entity.lockScope) || entity.lockScope === undefined) return;
    const list = out.get(entity.lockScope);
    if (list) list.push(entity);
    else out.set(entity.lockScope, [entity]);
  });
  return out;
}

const readOnlyLock: Rule = {
  id: 'gw.lock.read-only',
  severity: Severity.ERROR,
  summary:
    'A ReadOnly management lock on a VPN gateway is inherited by its child resources: NAT rules of the gateway that are not created before the lock fail (ScopeLocked); ' +
    'otherwise every later change of the gateway fails until the lock is removed (a warning). CanNotDelete keeps updates possible.',
  source: `${SOURCES.LOCKS}; Az.Resources New-AzResourceLock: "When you apply a lock at a parent scope, all child resources inherit the same lock"`,
  azureError: 'ScopeLocked',
  check(ctx) {
    const locks = locksByScope(ctx.topology.entities);
    if (locks.size === 0) return;
    for (const c of vpnCandidates(ctx)) {
      for (const lock of locks.get(c.gateway.address) ?? []) {
        const level = knownOrSkipped(ctx, lock, 'lock_level', lock.lockLevel);
        if (level !== 'ReadOnly') continue;
        const natRules = ctx.lookup.natRulesOf(c.gateway.address).filter((r) => !r.external);
        // Created before the lock (depends_on), NAT rules deploy; only their later changes fail.
        const unordered = natRules.filter((r) => !lock.dependsOn.includes(r.address));
        if (unordered.length > 0) {
          ctx.report(
            'error',
            lock,
            `lock_level = "ReadOnly" on ${c.gateway.address}, whose NAT rule(s) ${unordered.slice(0, 3).map((r) => r.address).join(', ')} are not created before the lock; NAT rules are child resources of the gateway and inherit the lock, so Azure refuses to create them once it exists (ScopeLocked) — use lock_level = "CanNotDelete"`,
            c.undecided,
          );
        } else {
          ctx.report(
            'warning',
            lock,
            `lock_level = "ReadOnly" on ${c.gateway.address}: every later change of the gateway (and of NAT rules added to it) fails with ScopeLocked until the lock is removed; use lock_level = ${show('CanNotDelete')} unless the gateway is final`,
            c.undecided,
          );
        }
      }
    }
  },
};

export const gatewayLockRules: Rule[] = [readOnlyLock];
