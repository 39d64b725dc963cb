import { Declared, firstObject, isObject, JsonObject, keysOf, objectsOf, own } from './values';

/**
 * Cross-stack references of a cdktf app. cdktf writes a reference from one stack to a resource
 * of another as an `output` in the producing stack (`"value": "${azurerm_virtual_network.hub.id}"`)
 * and, in the consuming stack, a `data "terraform_remote_state"` whose `backend` and `config`
 * are the producing stack's backend, read as `${data.terraform_remote_state.<x>.outputs.<output>}`.
 *
 * A remote state is linked to a stack of the app only when its backend type and configuration
 * are exactly those of that one stack (and it reads the current workspace): then
 * `outputs.<name>` is the producing stack's output expression, resolved in that stack, so it
 * leads to the resource it references. A remote state of any other configuration (a backend no
 * stack of the app has, or several have) stays a data source whose outputs are unknown.
 */

/** What a stack offers to the others: its backend, and the expression of each output. */
export interface StackOutputs {
  /** The prefix of the stack's addresses (`stack hub: `). */
  readonly namespace: string;
  /** `terraform.backend` of the stack's files, canonical; undefined when it has none. */
  readonly backend?: string;
  /** Output name → the raw `value` it is declared with, written in the stack. */
  readonly outputs: JsonObject;
}

/** The backend and the outputs of one stack's Terraform JSON files. */
export function stackOutputs(namespace: string, contents: readonly unknown[]): StackOutputs {
  const outputs = Object.create(null) as JsonObject;
  let backend: string | undefined;
  for (const content of contents) {
    if (!isObject(content)) continue;
    for (const terraform of objectsOf(own(content, 'terraform'))) {
      for (const backends of objectsOf(own(terraform, 'backend'))) {
        for (const type of keysOf(backends)) {
          const config = firstObject(backends[type]);
          backend ??= backendKey(type, config ?? {});
        }
      }
      // HCP Terraform (`cloud`, cdktf's CloudBackend) is read through the `remote` backend with the same settings.
      const cloud = firstObject(own(terraform, 'cloud'));
      if (cloud !== undefined) backend ??= backendKey('remote', cloud);
    }
    for (const block of objectsOf(own(content, 'output'))) {
      for (const name of keysOf(block)) {
        const body = firstObject(block[name]);
        // The first declaration wins, as for resources.
        if (body !== undefined && !Object.prototype.hasOwnProperty.call(outputs, name)) outputs[name] = own(body, 'value');
      }
    }
  }
  return backend === undefined ? { namespace, outputs } : { namespace, backend, outputs };
}

/**
 * Replaces each `terraform_remote_state` data block that reads exactly one other stack's backend
 * by a block whose `outputs` are that stack's output expressions, resolved in that stack. Linear:
 * one look-up by backend per remote state.
 */
export function linkRemoteStates(stacks: readonly StackOutputs[], declared: Map<string, Declared>, order: Declared[]): void {
  const byBackend = new Map<string, StackOutputs | null>();
  for (const stack of stacks) {
    if (stack.backend === undefined) continue;
    // Two stacks with one backend would overwrite each other's state: which one is read is not known.
    byBackend.set(stack.backend, byBackend.has(stack.backend) ? null : stack);
  }
  order.forEach((d, i) => {
    if (!d.isData || d.type !== 'terraform_remote_state') return;
    const producer = producerOf(d.body, byBackend);
    if (producer === undefined || producer.namespace === d.namespace) return;
    const linked: Declared = { address: d.address, type: d.type, name: d.name, body: { outputs: producer.outputs }, isData: true, namespace: producer.namespace };
    declared.set(d.address, linked);
    order[i] = linked;
  });
}

function producerOf(body: JsonObject, byBackend: ReadonlyMap<string, StackOutputs | null>): StackOutputs | undefined {
  const type = own(body, 'backend');
  if (typeof type !== 'string') return undefined;
  const workspace = own(body, 'workspace');
  // cdktf reads the workspace being applied; another workspace's state is another deployment.
  if (workspace !== undefined && workspace !== '${terraform.workspace}') return undefined;
  const config = own(body, 'config');
  if (config !== undefined && !isObject(config)) return undefined;
  return byBackend.get(backendKey(type, config ?? {})) ?? undefined;
}

function backendKey(type: string, config: JsonObject): string {
  return `${type}\u0000${canonical(config)}`;
}

/** Backend configurations nested deeper than this never match (no real backend nests that deep). */
const MAX_CONFIG_DEPTH = 32;
let unmatchable = 0;

/** JSON with object keys sorted, so that two equal configurations give the same text. */
function canonical(value: unknown, depth = 0): string {
  if (depth > MAX_CONFIG_DEPTH) return `\u0000too deep ${++unmatchable}`;
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, depth + 1)).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter((k) => k !== '//')
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k], depth + 1)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
