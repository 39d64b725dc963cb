import * as fs from 'fs';
import * as path from 'path';
import { ConfigurationSource } from './discover';

/**
 * The stacks of one cdktf app in a `cdktf.out` directory: `manifest.json` lists them, each
 * synthesized to `stacks/<name>/cdk.tf.json`. `azvpn check` checks them as one app, so that a
 * cross-stack reference (a `terraform_remote_state` output) leads to the resource it names.
 */
export interface AppSource {
  /** The app's `manifest.json`. */
  readonly manifest: string;
  /** The app's stacks found among the sources, in the order they were found. */
  readonly stacks: ReadonlyArray<{ readonly name: string; readonly source: ConfigurationSource }>;
}

const CDKTF_FILE = 'cdk.tf.json';
/** Manifests above this size are not read (a manifest lists stacks; it is never large). */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/**
 * Groups the `cdk.tf.json` sources of one app (two stacks or more listed in the same manifest)
 * into an {@link AppSource}, at the place of its first stack; every other source stays as it is.
 * A missing or unreadable manifest leaves the stacks apart, each checked alone as before.
 */
export function groupApps(sources: readonly ConfigurationSource[]): Array<ConfigurationSource | AppSource> {
  const manifests = new Map<string, ReadonlyMap<string, string> | undefined>();
  const apps = new Map<string, Array<{ name: string; source: ConfigurationSource }>>();
  const stackOf = sources.map((source) => {
    const found = stackInManifest(source, manifests);
    if (found !== undefined) {
      let list = apps.get(found.manifest);
      if (!list) apps.set(found.manifest, (list = []));
      list.push({ name: found.name, source });
    }
    return found;
  });
  const result: Array<ConfigurationSource | AppSource> = [];
  const placed = new Set<string>();
  sources.forEach((source, i) => {
    const found = stackOf[i];
    const stacks = found === undefined ? undefined : apps.get(found.manifest);
    if (found === undefined || stacks === undefined || stacks.length < 2) {
      result.push(source);
    } else if (!placed.has(found.manifest)) {
      placed.add(found.manifest);
      result.push({ manifest: found.manifest, stacks });
    }
  });
  return result;
}

/** The app manifest and stack name of a `…/stacks/<name>/cdk.tf.json` source, when its manifest lists it. */
function stackInManifest(source: ConfigurationSource, manifests: Map<string, ReadonlyMap<string, string> | undefined>): { manifest: string; name: string } | undefined {
  if (source.files.length !== 1 || path.basename(source.files[0]) !== CDKTF_FILE) return undefined;
  const file = path.resolve(source.files[0]);
  const root = path.dirname(path.dirname(path.dirname(file)));
  const manifest = path.join(root, 'manifest.json');
  if (!manifests.has(manifest)) manifests.set(manifest, readManifest(manifest, root));
  const name = manifests.get(manifest)?.get(file);
  return name === undefined ? undefined : { manifest, name };
}

/** Absolute path of each stack's `cdk.tf.json` → stack name; undefined when there is no usable manifest. */
function readManifest(manifest: string, root: string): ReadonlyMap<string, string> | undefined {
  let content: unknown;
  try {
    const stat = fs.statSync(manifest);
    if (!stat.isFile() || stat.size > MAX_MANIFEST_BYTES) return undefined;
    content = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  } catch {
    return undefined;
  }
  const stacks = isObject(content) ? own(content, 'stacks') : undefined;
  if (!isObject(stacks)) return undefined;
  const byFile = new Map<string, string>();
  for (const key of Object.keys(stacks)) {
    const entry = own(stacks, key);
    if (!isObject(entry)) continue;
    const synthesized = own(entry, 'synthesizedStackPath');
    // The key is the stack's name, unique in the app.
    if (typeof synthesized !== 'string' || key === '') continue;
    byFile.set(path.resolve(root, synthesized), key);
  }
  return byFile;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(object: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}
