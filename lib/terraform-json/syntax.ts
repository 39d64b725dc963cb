/**
 * Cheap scans of Terraform's expression syntax for what needs no evaluation: splitting a string
 * into literal text and `${...}` interpolations, reading a plain traversal
 * (`azurerm_subnet.gw.id`) to tell which block a value points at, and the addresses an expression
 * mentions (implicit dependencies, where a secret comes from). Evaluation parses with the
 * grammar in expression.peggy (expression.ts) instead.
 */

export type TemplatePart =
  | { readonly literal: string }
  | { readonly expression: string }
  | { readonly directive: string };

export interface Template {
  readonly parts: TemplatePart[];
  /** An interpolation or directive that never closes; Terraform rejects the string. */
  readonly unterminated: boolean;
}

/** Whether a string may hold an interpolation or directive (and so needs {@link parseTemplate}). */
export function hasTemplateSyntax(text: string): boolean {
  return text.includes('${') || text.includes('%{');
}

/**
 * Splits a Terraform JSON string into literal text and interpolations. `$${` and `%%{` are
 * escapes for a literal `${` and `%{`.
 */
export function parseTemplate(text: string): Template {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      literal += c + '{';
      i += 3;
      continue;
    }
    if ((c === '$' || c === '%') && text[i + 1] === '{') {
      const close = findClosing(text, i + 2, '{', '}');
      if (close < 0) return { parts, unterminated: true };
      if (literal.length > 0) parts.push({ literal });
      literal = '';
      const inner = stripMarkers(text.slice(i + 2, close));
      parts.push(c === '$' ? { expression: inner } : { directive: inner });
      i = close + 1;
      continue;
    }
    literal += c;
    i++;
  }
  if (literal.length > 0) parts.push({ literal });
  return { parts, unterminated: false };
}

/** Index of the `close` that ends a group opened just before `from`, skipping quoted strings; -1 if none. */
function findClosing(text: string, from: number, open: string, close: string): number {
  let depth = 0;
  let inString = false;
  for (let j = from; j < text.length; j++) {
    const ch = text[j];
    if (inString) {
      if (ch === '\\') j++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === open) {
      depth++;
    } else if (ch === close) {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

/** Removes the whitespace-strip markers of `${~ expr ~}`. */
function stripMarkers(inner: string): string {
  let s = inner.trim();
  if (s.startsWith('~')) s = s.slice(1);
  if (s.endsWith('~')) s = s.slice(0, -1);
  return s.trim();
}

export type Step =
  | { readonly name: string }
  | { readonly index: number }
  | { readonly key: string }
  | { readonly splat: true }
  /** An index Terraform computes (`[count.index]`, `[each.key]`, `[local.i]`), as written. */
  | { readonly computedIndex: string };

export interface Traversal {
  readonly root: string;
  readonly steps: Step[];
}

const IDENTIFIER_AT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const DIGITS_AT = /\d+/y;

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  const m = pattern.exec(text);
  return m ? m[0] : undefined;
}

/** Reads `root.a.b[0]["k"].c`, or returns undefined when the expression is anything else. */
export function parseTraversal(expression: string): Traversal | undefined {
  const root = matchAt(IDENTIFIER_AT, expression, 0);
  if (root === undefined) return undefined;
  const steps: Step[] = [];
  let i = root.length;
  const n = expression.length;
  while (i < n) {
    const c = expression[i];
    if (c === '.') {
      if (expression[i + 1] === '*') {
        steps.push({ splat: true });
        i += 2;
        continue;
      }
      const digits = matchAt(DIGITS_AT, expression, i + 1);
      if (digits !== undefined) {
        steps.push({ index: Number(digits) });
        i += 1 + digits.length;
        continue;
      }
      const id = matchAt(IDENTIFIER_AT, expression, i + 1);
      if (id === undefined) return undefined;
      steps.push({ name: id });
      i += 1 + id.length;
      continue;
    }
    if (c === '[') {
      const close = findClosing(expression, i + 1, '[', ']');
      if (close < 0) return undefined;
      const inside = expression.slice(i + 1, close).trim();
      if (inside === '*') steps.push({ splat: true });
      else if (/^\d+$/.test(inside)) steps.push({ index: Number(inside) });
      else if (/^"[^"\\$%]*"$/.test(inside)) steps.push({ key: inside.slice(1, -1) });
      else if (inside.length > 0) steps.push({ computedIndex: inside });
      else return undefined;
      i = close + 1;
      continue;
    }
    return undefined;
  }
  return { root, steps };
}

/** Writes steps back as Terraform text (`.a[0]["k"]`). */
export function stepsText(steps: readonly Step[]): string {
  let s = '';
  for (const step of steps) {
    if ('name' in step) s += `.${step.name}`;
    else if ('index' in step) s += `[${step.index}]`;
    else if ('key' in step) s += `[${JSON.stringify(step.key)}]`;
    else if ('splat' in step) s += '[*]';
    else s += `[${step.computedIndex}]`;
  }
  return s;
}

const ADDRESS_LIKE = /(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\.([A-Za-z_][A-Za-z0-9_-]*))?/g;

/**
 * Every `a.b` (and `data.a.b`) an expression mentions, for implicit dependencies. The caller
 * keeps only the ones that name declared resources.
 */
export function mentionedAddresses(expression: string, found: (address: string) => void): void {
  ADDRESS_LIKE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ADDRESS_LIKE.exec(expression)) !== null) {
    if (m[1] === 'data') {
      if (m[3] !== undefined) found(`data.${m[2]}.${m[3]}`);
    } else {
      found(`${m[1]}.${m[2]}`);
    }
  }
}
