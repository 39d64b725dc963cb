/**
 * Makes two synthesized configurations comparable when their construct trees differ: logical ids
 * (which cdktf derives from construct paths) are replaced by a label made of the resource type
 * and its `name` attribute, in resource bodies, references and `depends_on`; cdktf's `//`
 * metadata is dropped. Two configurations that declare the same resources with the same
 * attributes normalize to the same sorted list.
 */
import { createHash } from 'crypto';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface NormalizedResource {
  readonly type: string;
  readonly label: string;
  readonly body: string;
}

const REFERENCE = /\$\{([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)((?:\.[^}]*)?)\}/g;

export function normalizeResources(config: object): NormalizedResource[] {
  const resources = ((config as { resource?: Record<string, Record<string, Json>> }).resource ?? {}) as Record<string, Record<string, Json>>;
  const labels = new Map<string, string>();
  const inProgress = new Set<string>();

  const labelOf = (type: string, logicalId: string): string => {
    const key = `${type}.${logicalId}`;
    const known = labels.get(key);
    if (known !== undefined) return known;
    const body = resources[type]?.[logicalId];
    if (body === undefined || inProgress.has(key)) return key; // not a declared resource (data source, variable), or a cycle
    inProgress.add(key);
    const name = typeof body === 'object' && body !== null && !Array.isArray(body) ? body.name : undefined;
    const label = `${type}[${typeof name === 'string' ? replaceReferences(name) : ''}]`;
    inProgress.delete(key);
    labels.set(key, label);
    return label;
  };

  const replaceReferences = (text: string): string =>
    text.replace(REFERENCE, (whole, type: string, logicalId: string, rest: string) => (resources[type]?.[logicalId] !== undefined ? `\${${labelOf(type, logicalId)}${rest}}` : whole));

  const normalize = (value: Json, key?: string): Json => {
    if (typeof value === 'string') return replaceReferences(value);
    if (Array.isArray(value)) {
      if (key === 'depends_on') {
        return value.map((d) => {
          if (typeof d !== 'string') return normalize(d);
          const [type, logicalId] = d.split('.');
          return resources[type]?.[logicalId] !== undefined ? labelOf(type, logicalId) : d;
        });
      }
      return value.map((v) => normalize(v));
    }
    if (value !== null && typeof value === 'object') {
      const out: { [key: string]: Json } = {};
      for (const k of Object.keys(value).sort()) if (k !== '//') out[k] = normalize(value[k], k);
      return out;
    }
    return value;
  };

  const out: NormalizedResource[] = [];
  for (const [type, byId] of Object.entries(resources)) {
    for (const [logicalId, body] of Object.entries(byId)) {
      out.push({ type, label: labelOf(type, logicalId), body: JSON.stringify(normalize(body)) });
    }
  }
  return out.sort((a, b) => (a.type !== b.type ? (a.type < b.type ? -1 : 1) : a.body < b.body ? -1 : a.body > b.body ? 1 : 0));
}

/** A short digest of the normalized resources, for comparing variants across processes. */
export function resourceFingerprint(config: object): string {
  const hash = createHash('sha256');
  for (const r of normalizeResources(config)) hash.update(`${r.type}\n${r.body}\n`);
  return hash.digest('hex').slice(0, 16);
}
