import { loadExample } from './example';
import { azvpn, removeScratch, scratch, write } from './support';

/**
 * The same configuration split across files named differently, with its blocks in another order,
 * prints the same output: rows follow Terraform addresses, not file names.
 */

let dirs: string[] = [];
afterAll(() => dirs.forEach(removeScratch));

function writeAs(rename: (file: string) => string, reverseBlocks: boolean): string {
  const dir = scratch();
  dirs.push(dir);
  for (const [name, content] of Object.entries(loadExample())) {
    const body = reverseBlocks ? reverse(content) : content;
    write(dir, rename(name), body);
  }
  return dir;
}

/** Every resource type's blocks in reverse order. */
function reverse(content: any): any {
  if (!content.resource) return content;
  const resource: Record<string, unknown> = {};
  for (const [type, blocks] of Object.entries<Record<string, unknown>>(content.resource)) resource[type] = Object.fromEntries(Object.entries(blocks).reverse());
  return { ...content, resource };
}

describe('GIVEN the hand-written example as written and with its files renamed (sites first) and its blocks reversed', () => {
  test.each([
    [['summary']],
    [['summary', '--format', 'json']],
    [['check', '--verbose']],
    [['check', '--format', 'json', '--verbose']],
  ])('WHEN azvpn %j runs on both THEN the outputs are identical', (args) => {
    const original = writeAs((f) => f, false);
    const shuffled = writeAs((f) => (f.startsWith('sites') ? `0-${f}` : `z-${f}`), true);
    const a = azvpn(args[0], original, ...args.slice(1));
    const b = azvpn(args[0], shuffled, ...args.slice(1));
    expect(a.code).toBe(b.code);
    expect(b.stdout.split(shuffled).join('DIR')).toBe(a.stdout.split(original).join('DIR'));
  });
});
