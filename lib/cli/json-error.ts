/**
 * Locates the first syntax error of a JSON text, for a one-line message with line and column.
 *
 * JSON.parse's own message is not used: V8 quotes a slice of the input in it, and that slice
 * can be a shared key. The reasons below never repeat the input. The scan is iterative, so a
 * deeply nested file cannot overflow the stack.
 */

export interface JsonSyntaxError {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in characters. */
  readonly column: number;
  readonly reason: string;
}

type Container = '{' | '[';

export function locateJsonError(text: string): JsonSyntaxError | undefined {
  const failure = scan(text);
  return failure === undefined ? undefined : { ...lineAndColumn(text, failure.offset), reason: failure.reason };
}

interface Failure {
  readonly offset: number;
  readonly reason: string;
}

function scan(text: string): Failure | undefined {
  const stack: Container[] = [];
  let i = skipWhitespace(text, 0);
  // What the scanner expects next.
  let expect: 'value' | 'key-or-end' | 'key' | 'colon' | 'comma-or-end' = 'value';
  for (;;) {
    if (expect === 'value') {
      if (i >= text.length) return { offset: i, reason: 'unexpected end of file, expected a value' };
      const c = text[i];
      if (c === '{') {
        stack.push('{');
        i = skipWhitespace(text, i + 1);
        expect = 'key-or-end';
        continue;
      }
      if (c === '[') {
        stack.push('[');
        i = skipWhitespace(text, i + 1);
        if (text[i] === ']') {
          stack.pop();
          i = skipWhitespace(text, i + 1);
          expect = 'comma-or-end';
        }
        continue;
      }
      const end = c === '"' ? scanString(text, i) : c === '-' || isDigit(c) ? scanNumber(text, i) : scanLiteral(text, i);
      if (typeof end !== 'number') return end;
      i = skipWhitespace(text, end);
      expect = 'comma-or-end';
      continue;
    }
    if (expect === 'key-or-end' || expect === 'key') {
      if (i >= text.length) return { offset: i, reason: 'unexpected end of file inside an object' };
      if (text[i] === '}') {
        if (expect === 'key') return { offset: i, reason: "trailing comma before '}'" };
        stack.pop();
        i = skipWhitespace(text, i + 1);
        expect = 'comma-or-end';
        continue;
      }
      if (text[i] !== '"') return { offset: i, reason: describeUnexpected(text, i, 'expected a double-quoted property name') };
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = skipWhitespace(text, end);
      expect = 'colon';
      continue;
    }
    if (expect === 'colon') {
      if (text[i] !== ':') return { offset: i, reason: i >= text.length ? 'unexpected end of file, expected \':\'' : "expected ':' after a property name" };
      i = skipWhitespace(text, i + 1);
      expect = 'value';
      continue;
    }
    // comma-or-end
    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (i < text.length) return { offset: i, reason: describeUnexpected(text, i, 'unexpected data after the JSON value') };
      return undefined;
    }
    if (i >= text.length) return { offset: i, reason: `unexpected end of file, expected ',' or '${top === '{' ? '}' : ']'}'` };
    const c = text[i];
    if (c === ',') {
      i = skipWhitespace(text, i + 1);
      if (top === '{') {
        expect = 'key';
      } else {
        if (text[i] === ']') return { offset: i, reason: "trailing comma before ']'" };
        expect = 'value';
      }
      continue;
    }
    if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
      stack.pop();
      i = skipWhitespace(text, i + 1);
      continue;
    }
    return { offset: i, reason: describeUnexpected(text, i, `expected ',' or '${top === '{' ? '}' : ']'}'`) };
  }
}

function scanString(text: string, start: number): number | Failure {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return { offset: i, reason: 'control character (such as a line break) inside a string; escape it' };
    if (code === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, reason: 'invalid \\u escape in a string (expected four hex digits)' };
        i += 6;
        continue;
      }
      if (next === undefined || !'"\\/bfnrt'.includes(next)) return { offset: i, reason: 'invalid escape sequence in a string' };
      i += 2;
      continue;
    }
    i++;
  }
  return { offset: start, reason: 'unterminated string' };
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function scanNumber(text: string, start: number): number | Failure {
  NUMBER.lastIndex = start;
  const match = NUMBER.exec(text);
  if (match === null) return { offset: start, reason: 'invalid number' };
  const end = start + match[0].length;
  if (end < text.length && /[0-9.eE+\-a-zA-Z]/.test(text[end])) return { offset: start, reason: 'invalid number' };
  return end;
}

function scanLiteral(text: string, start: number): number | Failure {
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, start)) {
      const end = start + literal.length;
      if (end < text.length && /[A-Za-z0-9_$]/.test(text[end])) break;
      return end;
    }
  }
  return { offset: start, reason: describeUnexpected(text, start, 'expected a value') };
}

function describeUnexpected(text: string, i: number, expected: string): string {
  const c = text[i];
  if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return 'comments are not allowed in JSON';
  if (c === "'") return 'strings must use double quotes';
  return expected;
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  return i;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
