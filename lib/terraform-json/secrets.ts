import { hasTemplateSyntax, parseTemplate, parseTraversal } from './syntax';
import { Declared, firstObject, JsonObject, objectsOf, own } from './values';
import { SecretOrigin, SecretUse } from '../model/topology';

/**
 * Where each secret of the configuration comes from: a literal written into the file, a literal
 * wrapped in `sensitive("…")` (what `SharedKey.unsafePlainText` writes), or a variable (with its
 * `sensitive` flag and whether it has a default). Secrets from any other expression
 * (`random_password.x.result`, a Key Vault data source) are not listed: they are never in the file.
 *
 * The value itself is never kept.
 */

/** The secret attributes of the resources the rules read, by resource type. */
const SECRET_PATHS: ReadonlyMap<string, readonly (readonly string[])[]> = new Map([
  ['azurerm_virtual_network_gateway_connection', [['shared_key']]],
  [
    'azurerm_virtual_network_gateway',
    [
      ['vpn_client_configuration', 'radius_server_secret'],
      ['vpn_client_configuration', 'radius_server', 'secret'],
    ],
  ],
]);

export interface DeclaredVariable {
  readonly sensitive: boolean;
  readonly hasDefault: boolean;
}

/** `variable` blocks of one file, added to `into` (the first declaration of a name wins, as for resources). */
export function collectVariables(content: JsonObject, into: Map<string, DeclaredVariable>): void {
  for (const variables of objectsOf(own(content, 'variable'))) {
    for (const name of Object.keys(variables)) {
      if (name === '//' || into.has(name)) continue;
      const body = firstObject(variables[name]);
      if (!body) continue;
      const def = own(body, 'default');
      into.set(name, { sensitive: own(body, 'sensitive') === true, hasDefault: def !== undefined && def !== null });
    }
  }
}

/** Every secret written literally or taken from a variable, in declaration order. */
export function secretUses(order: readonly Declared[], variables: ReadonlyMap<string, DeclaredVariable>): SecretUse[] {
  const uses: SecretUse[] = [];
  for (let i = 0; i < order.length; i++) {
    const d = order[i];
    if (d.isData) continue;
    const paths = SECRET_PATHS.get(d.type);
    if (!paths) continue;
    for (const path of paths) {
      for (const raw of valuesAt(d.body, path)) {
        const origin = originOf(raw, variables);
        if (origin) uses.push({ address: d.address, attribute: path.join('.'), origin });
      }
    }
  }
  return uses;
}

function originOf(raw: unknown, variables: ReadonlyMap<string, DeclaredVariable>): SecretOrigin | undefined {
  if (typeof raw === 'number') return { kind: 'literal' };
  if (typeof raw !== 'string' || raw === '') return undefined;
  if (!hasTemplateSyntax(raw)) return { kind: 'literal' };
  const template = parseTemplate(raw);
  if (template.unterminated) return { kind: 'literal' };
  const expressions = template.parts.filter((p) => !('literal' in p));
  if (template.parts.some((p) => 'literal' in p && p.literal.trim() !== '')) return { kind: 'literal' };
  if (expressions.length !== 1 || !('expression' in expressions[0])) return undefined;
  const expression = expressions[0].expression.trim();
  if (SENSITIVE_LITERAL.test(expression)) return { kind: 'marked-literal' };
  if (STRING_LITERAL.test(expression)) return { kind: 'literal' };
  const t = parseTraversal(expression);
  if (t?.root === 'var') {
    const first = t.steps[0];
    const name = first !== undefined && 'name' in first ? first.name : undefined;
    if (name === undefined) return undefined;
    const declared = variables.get(name);
    return { kind: 'variable', name, declared: declared !== undefined, sensitive: declared?.sensitive ?? false, hasDefault: declared?.hasDefault ?? false };
  }
  return undefined;
}

/** `sensitive("…")`: a literal Terraform hides from plan output, still written in the file. */
const SENSITIVE_LITERAL = /^sensitive\(\s*"(?:[^"\\]|\\.)*"\s*\)$/;
const STRING_LITERAL = /^"(?:[^"\\]|\\.)*"$/;

/** The values at a path of nested blocks; a block may be written as an object or a list of objects. */
function valuesAt(body: JsonObject, path: readonly string[]): unknown[] {
  let level: unknown[] = [body];
  for (const key of path) {
    const next: unknown[] = [];
    for (const item of level) {
      for (const block of objectsOf(item)) {
        const v = own(block, key);
        if (v !== undefined) next.push(v);
      }
    }
    level = next;
  }
  return level;
}

