import * as fc from 'fast-check';
import { locateJsonError } from '../../lib/cli/json-error';
import { fuzz } from '../support/fuzz';

describe('GIVEN invalid JSON', () => {
  test.each([
    ['{"a": 1,}', 1, 9, "trailing comma before '}'"],
    ['[1, 2,]', 1, 7, "trailing comma before ']'"],
    ['{"a" 1}', 1, 6, "expected ':' after a property name"],
    ['{a: 1}', 1, 2, 'expected a double-quoted property name'],
    ["{'a': 1}", 1, 2, 'strings must use double quotes'],
    ['{"a": 1}\n// note', 2, 1, 'comments are not allowed in JSON'],
    ['{"a": "line\nbreak"}', 1, 12, 'control character'],
    ['{"a": "\\x"}', 1, 8, 'invalid escape sequence'],
    ['{"a": "\\u12G4"}', 1, 8, 'invalid \\u escape'],
    ['{"a": "open', 1, 7, 'unterminated string'],
    ['{"a": 01}', 1, 7, 'invalid number'],
    ['{"a": -}', 1, 7, 'invalid number'],
    ['{"a": tru}', 1, 7, 'expected a value'],
    ['{"a": 1} {"b": 2}', 1, 10, 'unexpected data after the JSON value'],
    ['{"a": [1 2]}', 1, 10, "expected ',' or ']'"],
    ['{\n  "a": {\n    "b": 1\n  }', 4, 4, "unexpected end of file, expected ',' or '}'"],
    ['', 1, 1, 'unexpected end of file, expected a value'],
  ])('WHEN %j is scanned THEN the error is at line %i column %i: %s', (text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    const located = locateJsonError(text);
    expect(located).toBeDefined();
    expect(located).toMatchObject({ line, column });
    expect(located?.reason).toContain(reason);
  });
});

test('GIVEN any valid JSON text WHEN scanned THEN no error is reported (agrees with JSON.parse)', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (value, indent) => {
      expect(locateJsonError(JSON.stringify(value, null, indent))).toBeUndefined();
    }),
    fuzz(300),
  );
});

test('GIVEN a valid JSON text with one character changed WHEN JSON.parse rejects it THEN the scanner rejects it too', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('}', ']', ',', ':', '"', 'x', ' ', '\n', '0', '-', '\\'), (value, at, replacement) => {
      const text = JSON.stringify(value);
      const i = at % (text.length + 1);
      const mutated = text.slice(0, i) + replacement + text.slice(i + 1);
      let parsed = true;
      try {
        JSON.parse(mutated);
      } catch {
        parsed = false;
      }
      expect(locateJsonError(mutated) === undefined).toBe(parsed);
    }),
    fuzz(500),
  );
});

test('GIVEN a deeply nested document WHEN scanned THEN the scan does not overflow the stack', () => {
  const depth = 200000;
  expect(locateJsonError('['.repeat(depth) + ']'.repeat(depth - 1))).toMatchObject({ line: 1, reason: expect.stringContaining('unexpected end of file') });
});
