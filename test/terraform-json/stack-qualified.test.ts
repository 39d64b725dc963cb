import { BROKEN_INVARIANTS, ExampleFiles, loadExample } from '../cli/example';
import { findingsByStack } from '../../lib/report/stacks';
import { checkTopology, compareFindings } from '../../lib/rules/engine';
import { Finding } from '../../lib/rules/rule';
import { topologyFromStacks, topologyFromTerraformJson } from '../../lib/terraform-json';

// In an app of several stacks every address is qualified by its stack (`stack hub: azurerm_…`).
// No rule may read more into an address than the model gives it: a configuration checked alone
// and the same configuration as one stack of an app, next to an unrelated stack, must give the
// same findings, word for word.

function filesOf(example: ExampleFiles) {
  return Object.entries(example).map(([file, content]) => ({ file, content }));
}

function alone(example: ExampleFiles): Finding[] {
  return checkTopology(topologyFromTerraformJson(filesOf(example))).sort(compareFindings);
}

function asStackOfApp(example: ExampleFiles): Finding[] {
  const unrelated = { resource: { azurerm_resource_group: { other: { name: 'rg-other', location: 'westeurope' } } } };
  const stacks = [
    { name: 'hub', files: filesOf(example) },
    { name: 'other', files: [{ file: 'other.tf.json', content: unrelated }] },
  ];
  const byStack = findingsByStack(checkTopology(topologyFromStacks(stacks)), stacks.map((s) => s.name));
  expect(byStack.get('other')).toEqual([]);
  return byStack.get('hub')!.sort(compareFindings);
}

const comparable = (findings: Finding[]) => findings.map((f) => ({ rule: f.rule, severity: f.severity, resource: f.resource, message: f.message }));

describe('a configuration as one stack of an app', () => {
  test('GIVEN the hand-written hub-and-spoke example WHEN checked alone and as a stack of an app THEN the findings are the same', () => {
    const example = loadExample();
    expect(comparable(asStackOfApp(example))).toEqual(comparable(alone(example)));
  });

  test.each(BROKEN_INVARIANTS)('GIVEN the example with %s WHEN checked alone and as a stack of an app THEN both report %s with the same findings', (_what, rule, _resource, mutate) => {
    const example = loadExample();
    mutate(example);
    const expected = alone(example);
    expect(expected.map((f) => f.rule)).toContain(rule);
    expect(comparable(asStackOfApp(example))).toEqual(comparable(expected));
  });
});
