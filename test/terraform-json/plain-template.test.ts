import * as fc from 'fast-check';
import { plainTemplate } from '../../lib/terraform-json/expression';

/**
 * The fast path for literal text and plain references must read a string exactly as the
 * generated parser reads it, and leave everything else to the parser.
 */

// The generated module, as expression.ts loads it (jest's global setup generates it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generated = require('../../lib/terraform-json/expression-parser.generated') as { parse(text: string, options: { startRule: string }): unknown };

function grammar(text: string): unknown {
  return generated.parse(text, { startRule: 'Template' });
}

describe('plainTemplate', () => {
  test.each([
    '${azurerm_virtual_network.hub.id}',
    '${azurerm_virtual_network.Hub_Spoke-app_VirtualNetwork_6F1AD2C3.name}-to-${azurerm_virtual_network.hub.name}',
    'prefix-${a.b.c}',
    '${a.b.id}/subnets/GatewaySubnet',
    '${a.b[0].c}x${d.e.f}y',
    '${a.b.c}$',
    '50% of ${a.b.c} } { $ %',
    'no interpolation at all',
    '',
  ])('GIVEN %j WHEN read by the fast path THEN it equals the parse of the grammar', (text) => {
    const fast = plainTemplate(text);
    expect(fast).toBeDefined();
    expect(fast).toEqual(grammar(text));
  });

  test.each([
    ['an escaped interpolation', 'a$${a.b.c}'],
    ['an escaped directive', '%%{x}'],
    ['a directive', '%{ if true }x%{ endif }'],
    ['a function call', '${lower(a.b.c)}'],
    ['spaces inside the interpolation', '${ a.b.c }'],
    ['a strip marker', '${~a.b.c}'],
    ['an operator', '${a.b.c + 1}'],
    ['a bare variable', '${local}'],
    ['a legacy index step', '${a.b.0.c}'],
    ['an unterminated interpolation', 'x ${a.b.c'],
  ])('GIVEN %s WHEN read by the fast path THEN it is left to the parser', (_what, text) => {
    expect(plainTemplate(text)).toBeUndefined();
  });

  test('GIVEN random mixes of literal runs and references WHEN the fast path reads one THEN the grammar reads it the same', () => {
    const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/);
    const step = fc.oneof(identifier.map((i) => `.${i}`), fc.nat({ max: 99 }).map((n) => `[${n}]`));
    const reference = fc.tuple(identifier, fc.array(step, { minLength: 1, maxLength: 4 })).map(([head, steps]) => `\${${head}${steps.join('')}}`);
    const literal = fc.string({ unit: fc.constantFrom('a', '-', '/', '$', '%', '{', '}', ' ', '~', '.', '0'), maxLength: 6 });
    const text = fc.array(fc.oneof(reference, literal), { maxLength: 6 }).map((parts) => parts.join(''));
    let compared = 0;
    fc.assert(
      fc.property(text, (t) => {
        const fast = plainTemplate(t);
        if (fast === undefined) return;
        compared++;
        expect(fast).toEqual(grammar(t));
      }),
      { numRuns: 2000 },
    );
    // The property says something only if the fast path took a fair share of the texts.
    expect(compared).toBeGreaterThan(500);
  });
});
