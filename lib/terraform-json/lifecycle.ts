import { firstObject, JsonObject, own } from './values';

/**
 * What Terraform leaves alone on update: `lifecycle.ignore_changes`, `"all"` or the top-level
 * attribute names it lists (`generation`, `"${generation}"`, `ip_configuration[0].name` → `ip_configuration`).
 */
export function ignoredAttributes(body: JsonObject): ReadonlySet<string> | 'all' {
  const lifecycle = firstObject(own(body, 'lifecycle'));
  const ignore = lifecycle === undefined ? undefined : own(lifecycle, 'ignore_changes');
  if (ignore === 'all' || ignore === '${all}') return 'all';
  const names = new Set<string>();
  if (Array.isArray(ignore)) {
    for (const item of ignore) {
      if (typeof item !== 'string') continue;
      const top = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(stripInterpolation(item));
      if (top) names.add(top[0]);
    }
  }
  return names;
}

/** `${x}` as `x`: how HCL written as JSON (and hcl2json) writes a reference in a list of names. */
export function stripInterpolation(text: string): string {
  const m = /^\$\{(.*)\}$/.exec(text.trim());
  return (m ? m[1] : text).trim();
}
