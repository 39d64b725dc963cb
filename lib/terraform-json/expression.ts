/**
 * Terraform's expression language, parsed by a parser that peggy generates from the grammar in
 * expression.peggy (scripts/generate-parser.js, run by the build and by jest before the tests).
 * The generated module is loaded with require() behind the types below, so the type checker
 * never depends on generated code.
 */

export type Node =
  | { readonly type: 'literal'; readonly value: string | number | boolean | null }
  | { readonly type: 'template'; readonly parts: readonly TemplatePart[] }
  | { readonly type: 'variable'; readonly name: string }
  | { readonly type: 'traversal'; readonly target: Node; readonly steps: readonly TraversalStep[] }
  | { readonly type: 'tuple'; readonly items: readonly Node[] }
  | { readonly type: 'object'; readonly items: ReadonlyArray<{ readonly key: Node; readonly value: Node }> }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly Node[]; readonly expand: boolean }
  | { readonly type: 'unary'; readonly op: '!' | '-'; readonly operand: Node }
  | { readonly type: 'binary'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly type: 'conditional'; readonly condition: Node; readonly then: Node; readonly otherwise: Node }
  | ForNode;

export interface ForNode {
  readonly type: 'for';
  readonly object: boolean;
  readonly keyName?: string;
  readonly valueName: string;
  readonly collection: Node;
  readonly key?: Node;
  readonly value: Node;
  readonly condition: Node | null;
  readonly grouping: boolean;
}

/** Literal text, one `${...}` interpolation, or a `%{...}` directive (never evaluated). */
export type TemplatePart = string | { readonly expression: Node } | { readonly directive: string };

export type TraversalStep =
  | { readonly attribute: string }
  /** `[expr]` or `.0`; `source` is the index as written (`[count.index]`). */
  | { readonly index: Node; readonly source: string }
  | { readonly splat: true };

interface GeneratedParser {
  parse(text: string, options: { startRule: 'Template' | 'Expression' }): unknown;
}

let generated: GeneratedParser | undefined;

function parser(): GeneratedParser {
  // The generated module is a sibling source (expression-parser.generated.ts, compiled with the rest).
  generated ??= require('./expression-parser.generated') as GeneratedParser;
  return generated;
}

/** Parsed expressions and templates by text: configurations repeat the same references many times. */
const cache = new Map<string, Node | SyntaxProblem>();
const MAX_CACHED = 50_000;
/** Longer expressions are not parsed (no configuration writes one; parsing is linear but memory is not free). */
export const MAX_EXPRESSION_LENGTH = 100_000;

export interface SyntaxProblem {
  readonly problem: string;
}

export function isSyntaxProblem(value: Node | SyntaxProblem): value is SyntaxProblem {
  return 'problem' in value;
}

/** A whole Terraform JSON string (text with `${...}` and `%{...}`), as a template node. */
export function parseTemplateText(text: string): Node | SyntaxProblem {
  return plainTemplate(text) ?? parseCached('T', text, 'Template');
}

/** `${a.b.c}` and `${a.b[0].c}`: the most common interpolation of a configuration. */
const PLAIN_INTERPOLATION = /\$\{([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\d{1,9}\])+)\}/g;
const PLAIN_STEP = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]/g;

/**
 * Literal text and plain references (`${a.b.id}`, `${a.b.name}-to-${c.d.name}`, as cdktf writes
 * references and names), read without the generated parser, which reads them the same way: each
 * literal run one string part, each interpolation a traversal of attributes and literal indexes.
 * Escapes (`$${`, `%%{`), directives and any other expression go to the parser. Keeps the reading
 * of a large configuration of references as fast as before the grammar.
 */
export function plainTemplate(text: string): Node | undefined {
  if (text.length > MAX_EXPRESSION_LENGTH || text.includes('$${') || text.includes('%{')) return undefined;
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of text.matchAll(PLAIN_INTERPOLATION)) {
    if (m.index > last && !pushLiteral(parts, text.slice(last, m.index))) return undefined;
    const steps: TraversalStep[] = [];
    for (const s of m[2].matchAll(PLAIN_STEP)) {
      steps.push(s[1] !== undefined ? { attribute: s[1] } : { index: { type: 'literal', value: Number(s[2]) }, source: `[${s[2]}]` });
    }
    parts.push({ expression: { type: 'traversal', target: { type: 'variable', name: m[1] }, steps } });
    last = m.index + m[0].length;
  }
  if (last < text.length && !pushLiteral(parts, text.slice(last))) return undefined;
  return { type: 'template', parts };
}

/** A literal run between interpolations; one that still holds `${` is an expression the fast path does not read. */
function pushLiteral(parts: TemplatePart[], literal: string): boolean {
  if (literal.includes('${')) return false;
  parts.push(literal);
  return true;
}

/** The text inside one `${...}`. */
export function parseExpression(text: string): Node | SyntaxProblem {
  return parseCached('E', text, 'Expression');
}

function parseCached(prefix: string, text: string, startRule: 'Template' | 'Expression'): Node | SyntaxProblem {
  const key = prefix + text;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let result: Node | SyntaxProblem;
  if (text.length > MAX_EXPRESSION_LENGTH) {
    result = { problem: `an expression longer than ${MAX_EXPRESSION_LENGTH} characters` };
  } else {
    // Outside the try: a missing generated parser is a broken installation, not a bad expression.
    const generatedParser = parser();
    try {
      result = generatedParser.parse(text, { startRule }) as Node;
    } catch (error) {
      result = { problem: syntaxMessage(error) };
    }
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, result);
  return result;
}

function syntaxMessage(error: unknown): string {
  if (error instanceof RangeError) return 'an expression nested too deeply to read';
  const message = error instanceof Error ? error.message : String(error);
  const column = (error as { location?: { start?: { column?: number } } }).location?.start?.column;
  return `not a valid Terraform expression${column !== undefined ? ` (column ${column})` : ''}: ${message.length > 120 ? `${message.slice(0, 117)}...` : message}`;
}
