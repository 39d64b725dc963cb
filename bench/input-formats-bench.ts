/**
 * Reading cost per input format: the real program (`node bin/azvpn.js check PATH --format json`)
 * on the same generated 10,000-resource hub-and-spoke, written three ways: a `.tf.json` file, a
 * directory with its native HCL equivalent (`main.tf`, parsed by @cdktf/hcl2json), and a plan
 * (`terraform show -json` format 1.2, every resource existing: IDs known, linked by ID).
 *
 *   npm run build && tsc -p bench/tsconfig.json && node bench/results/js/bench/input-formats-bench.js [RESOURCES] [REPS]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateHubSpokeConfig, shapeFor } from './generate-config';
import { AZVPN_BIN, median, msSince } from './support';

type Json = Record<string, unknown>;

/** Native HCL for the generated configuration: blocks for objects, expressions for single interpolations. */
export function toHcl(config: Json): string {
  const out: string[] = [];
  const resources = config.resource as Record<string, Record<string, Json>>;
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, body] of Object.entries(byName)) {
      out.push(`resource "${type}" "${name}" {`, ...bodyLines(body, '  '), '}', '');
    }
  }
  return out.join('\n');
}

function bodyLines(body: Json, indent: string): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === '//') continue;
    const blocks = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v)) ? (value as Json[]) : typeof value === 'object' && value !== null && !Array.isArray(value) ? [value as Json] : undefined;
    if (blocks) for (const b of blocks) lines.push(`${indent}${key} {`, ...bodyLines(b, `${indent}  `), `${indent}}`);
    else lines.push(`${indent}${key} = ${expression(value)}`);
  }
  return lines;
}

function expression(value: unknown): string {
  if (typeof value === 'string') {
    const single = /^\$\{([^}]*)\}$/.exec(value);
    return single ? single[1] : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(expression).join(', ')}]`;
  return JSON.stringify(value);
}

/** A plan of the configuration as if applied: every resource exists, references become Azure IDs or the target's value. */
export function toPlan(config: Json): Json {
  const resources = config.resource as Record<string, Record<string, Json>>;
  const idOf = (type: string, name: string) => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Bench/${type}/${name}`;
  const resolve = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') {
      return value.replace(/\$\{([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\}/g, (whole, type: string, name: string, attribute: string) => {
        if (attribute === 'id') return idOf(type, name);
        const target = resources[type]?.[name]?.[attribute];
        return typeof target === 'string' && depth < 5 ? String(resolve(target, depth + 1)) : whole === '' ? '' : 'unknown';
      });
    }
    if (Array.isArray(value)) return value.map((v) => resolve(v, depth));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, Array.isArray(v) || typeof v !== 'object' || v === null ? resolve(v, depth) : [resolve(v, depth)]]));
    return value;
  };
  const planned: Json[] = [];
  const changes: Json[] = [];
  const configured: Json[] = [];
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, body] of Object.entries(byName)) {
      const { depends_on: _order, ...attributes } = body;
      const values = { ...(resolve(attributes) as Json), id: idOf(type, name) };
      planned.push({ address: `${type}.${name}`, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/azurerm', schema_version: 0, values, sensitive_values: {} });
      const text = JSON.stringify(body);
      const references = [...text.matchAll(/\$\{([A-Za-z0-9_]+\.[A-Za-z0-9_]+)/g)].map((m) => m[1]);
      const dependsOn = Array.isArray(body.depends_on) ? (body.depends_on as string[]) : [];
      configured.push({ address: `${type}.${name}`, mode: 'managed', type, name, provider_config_key: 'azurerm', expressions: { name: { references } }, schema_version: 0, ...(dependsOn.length > 0 ? { depends_on: dependsOn } : {}) });
      changes.push({ address: `${type}.${name}`, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/azurerm', change: { actions: ['no-op'], before: values, after: values, after_unknown: {}, before_sensitive: {}, after_sensitive: {} } });
    }
  }
  return { format_version: '1.2', terraform_version: '1.9.8', planned_values: { root_module: { resources: planned } }, resource_changes: changes, configuration: { root_module: { resources: configured } }, applyable: true, complete: true, errored: false };
}

function checkWallMs(target: string): { ms: number; code: number | null } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [AZVPN_BIN, 'check', target, '--format', 'json'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf-8' });
  const ms = msSince(start);
  if (r.status !== 0 && r.status !== 1) throw new Error(`azvpn check ${target} exited ${r.status}: ${r.stderr}`);
  return { ms, code: r.status };
}

function main(): void {
  const requested = Number(process.argv[2] ?? 10000);
  const reps = Number(process.argv[3] ?? 5);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'azvpn-bench-inputs-'));
  try {
    const config = generateHubSpokeConfig(requested) as Json;
    const tfJson = path.join(scratch, 'hub.tf.json');
    fs.writeFileSync(tfJson, JSON.stringify(config, null, 2));
    const hclDir = path.join(scratch, 'hcl');
    fs.mkdirSync(hclDir);
    fs.writeFileSync(path.join(hclDir, 'main.tf'), toHcl(config));
    const plan = path.join(scratch, 'plan.json');
    fs.writeFileSync(plan, JSON.stringify(toPlan(config), null, 2));
    const small = path.join(scratch, 'small');
    fs.mkdirSync(small);
    fs.writeFileSync(path.join(small, 'main.tf'), 'resource "azurerm_resource_group" "rg" {\n  name = "rg"\n  location = "westeurope"\n}\n');
    const targets: Array<[string, string]> = [['.tf.json file', tfJson], ['.tf directory (HCL)', hclDir], ['plan JSON', plan], ['1-resource .tf (parser start-up)', small]];
    const times = new Map<string, number[]>(targets.map(([label]) => [label, []]));
    for (let rep = 0; rep < reps; rep++) {
      for (const [label, target] of targets) times.get(label)!.push(checkWallMs(target).ms);
    }
    console.log(`${shapeFor(requested).resources} resources, median of ${reps} processes each`);
    for (const [label, target] of targets) {
      const size = fs.statSync(target).isDirectory() ? fs.statSync(path.join(target, 'main.tf')).size : fs.statSync(target).size;
      console.log(`| ${label} | ${(size / 1e6).toFixed(1)} MB | ${median(times.get(label)!).toFixed(0)} ms |`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) main();
