import { check, minimalHub } from './model';

test('GIVEN the minimal hub WHEN checked with every rule THEN there is no error', () => {
  const findings = check(minimalHub());
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
});
