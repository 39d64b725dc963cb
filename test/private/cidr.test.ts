import fc from 'fast-check';
import {
  contains,
  findOverlaps,
  hostPrefix,
  isApipa,
  isAzureApipaRange,
  isHostPrefix,
  isPrivate,
  isPublicAddress,
  overlaps,
  parseAddress,
  parsePrefix,
  Owned,
} from '../../lib/private/cidr';
import { fuzz } from '../support/fuzz';

const p = (text: string) => {
  const parsed = parsePrefix(text);
  if (!parsed) throw new Error(`test prefix ${text} does not parse`);
  return parsed;
};

describe('parsePrefix', () => {
  test.each(['10.0.0.0/16', '0.0.0.0/0', '192.168.1.7/32', 'fd00::/64', '2001:db8::/32', '10.0.0.1'])(
    'GIVEN %s WHEN parsed THEN it is a prefix',
    (text) => {
      expect(parsePrefix(text)).toBeDefined();
    },
  );

  test.each(['', '10.0.0.0/33', '10.0.0/16', '300.0.0.0/8', '10.0.0.0/', '10.0.0.0/-1', ' 10.0.0.0/8', 'abc', '::ffff:10.0.0.1/128', '10.0.0.0/16/1'])(
    'GIVEN %j WHEN parsed THEN it is rejected',
    (text) => {
      expect(parsePrefix(text)).toBeUndefined();
    },
  );

  test('GIVEN host bits set WHEN parsed THEN the prefix is marked unaligned but keeps its network range', () => {
    const parsed = p('10.0.0.1/16');
    expect(parsed.aligned).toBe(false);
    expect(contains(parsed, p('10.0.255.0/24'))).toBe(true);
  });

  test('GIVEN a bare address WHEN parsed as an address THEN it is a host prefix; a prefix is not an address', () => {
    expect(isHostPrefix(parseAddress('10.1.2.3')!)).toBe(true);
    expect(parseAddress('10.1.2.0/24')).toBeUndefined();
    expect(hostPrefix('10.1.2.3')).toBe('10.1.2.3/32');
    expect(hostPrefix('fd00::1')).toBe('fd00::1/128');
  });
});

describe('classification', () => {
  test('GIVEN APIPA addresses WHEN classified THEN only 169.254.21.0-169.254.22.255 is the Azure custom range', () => {
    expect(isApipa(p('169.254.0.1'))).toBe(true);
    expect(isAzureApipaRange(p('169.254.21.1'))).toBe(true);
    expect(isAzureApipaRange(p('169.254.22.255'))).toBe(true);
    expect(isAzureApipaRange(p('169.254.23.0'))).toBe(false);
    expect(isApipa(p('10.0.0.1'))).toBe(false);
  });

  test('GIVEN private and public ranges WHEN classified THEN RFC 1918, RFC 6598 and ULA are private', () => {
    expect(isPrivate(p('10.1.0.0/16'))).toBe(true);
    expect(isPrivate(p('172.16.5.0/24'))).toBe(true);
    expect(isPrivate(p('172.32.0.0/24'))).toBe(false);
    expect(isPrivate(p('192.168.0.0/16'))).toBe(true);
    expect(isPrivate(p('100.64.0.0/10'))).toBe(true);
    expect(isPrivate(p('fd00::/8'))).toBe(true);
    expect(isPrivate(p('2001:db8::/32'))).toBe(false);
  });

  test('GIVEN device addresses WHEN checked as public endpoints THEN private, APIPA, loopback and multicast are not public', () => {
    expect(isPublicAddress(p('203.0.113.10'))).toBe(true);
    expect(isPublicAddress(p('10.0.0.1'))).toBe(false);
    expect(isPublicAddress(p('169.254.1.1'))).toBe(false);
    expect(isPublicAddress(p('127.0.0.1'))).toBe(false);
    expect(isPublicAddress(p('224.0.0.1'))).toBe(false);
    expect(isPublicAddress(p('0.0.0.0'))).toBe(false);
  });
});

describe('overlaps and containment', () => {
  test('GIVEN nested, adjacent and cross-family prefixes WHEN compared THEN only real overlaps count', () => {
    expect(overlaps(p('10.0.0.0/16'), p('10.0.5.0/24'))).toBe(true);
    expect(overlaps(p('10.0.0.0/24'), p('10.0.1.0/24'))).toBe(false);
    expect(overlaps(p('0.0.0.0/0'), p('fd00::/8'))).toBe(false);
    expect(contains(p('10.0.0.0/8'), p('10.0.0.0/8'))).toBe(true);
    expect(contains(p('10.0.0.0/24'), p('10.0.0.0/16'))).toBe(false);
  });
});

describe('findOverlaps', () => {
  const owned = (text: string, owner: string): Owned<string> => ({ prefix: p(text), owner, data: text });

  test('GIVEN prefixes of several owners WHEN swept THEN every cross-owner overlap is found and same-owner ones are not', () => {
    const pairs = findOverlaps([
      owned('10.0.0.0/16', 'hub'),
      owned('10.0.1.0/24', 'hub'),
      owned('10.0.2.0/24', 'spoke'),
      owned('10.1.0.0/16', 'spoke2'),
      owned('fd00::/64', 'a'),
      owned('fd00::1/128', 'b'),
    ]);
    const names = pairs.map(({ a, b }) => [a.data, b.data].sort().join(' ~ ')).sort();
    expect(names).toEqual(['10.0.0.0/16 ~ 10.0.2.0/24', 'fd00::/64 ~ fd00::1/128']);
  });

  test('GIVEN one owner listing a range thousands of times WHEN swept THEN it reports nothing and stays fast', () => {
    const items = Array.from({ length: 5000 }, () => owned('10.0.0.0/16', 'hub'));
    expect(findOverlaps(items)).toEqual([]);
  });

  test('GIVEN random prefixes WHEN swept THEN the pairs equal the brute-force answer', () => {
    const prefixArb = fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 30 }), fc.constantFrom('a', 'b', 'c', 'd'))
      .map(([second, third, length, owner]) => {
        const raw = p(`10.${second}.${third}.0/${length}`);
        // normalise to the network address so that parsing stays exact
        const start = Number(raw.start);
        const text = `${(start >>> 24) & 255}.${(start >>> 16) & 255}.${(start >>> 8) & 255}.${start & 255}/${length}`;
        return owned(text, owner);
      });
    fc.assert(
      fc.property(fc.array(prefixArb, { maxLength: 40 }), (items) => {
        const key = (x: Owned<string>, y: Owned<string>) => [`${x.owner}:${x.data}`, `${y.owner}:${y.data}`].sort().join('|');
        const fast = new Set(findOverlaps(items).map(({ a, b }) => key(a, b)));
        const brute = new Set<string>();
        for (let i = 0; i < items.length; i++) {
          for (let j = i + 1; j < items.length; j++) {
            const x = items[i];
            const y = items[j];
            if (x.owner !== y.owner && overlaps(x.prefix, y.prefix)) brute.add(key(x, y));
          }
        }
        expect([...fast].sort()).toEqual([...brute].sort());
      }),
      fuzz(200),
    );
  });
});
