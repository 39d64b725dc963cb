import * as fs from 'fs';
import * as path from 'path';
import { deviceSpecFromTopology } from '../../lib/devices/device-spec';
import { deviceVendors } from '../../lib/devices/vendors';
import { topologyFromTerraformJson } from '../../lib/terraform-json';
import { expectGolden, FIXTURES, specFromState } from './support';

/** Every vendor's output for every fixture, compared with the reviewed files in test/devices/golden. */
const CASES = [
  { fixture: 'aa-apipa.state.json', site: 'paris', advertise: ['10.100.0.0/24'] },
  { fixture: 'static-custom.state.json', site: 'lyon', advertise: [] },
  { fixture: 'default-bgp.state.json', site: 'nantes', advertise: ['10.130.0.0/24'] },
];

describe.each(deviceVendors().map((v) => [v.name, v] as const))('golden files: %s', (name, vendor) => {
  test.each(CASES)(`GIVEN $fixture WHEN ${name} renders site $site THEN the output equals the golden file`, ({ fixture, site, advertise }) => {
    const spec = specFromState(fixture, site, { advertise });
    const golden = `${fixture.replace('.state.json', '')}.${vendor.fileName}`;
    if (!spec.bgp && name === 'frr') {
      expect(() => vendor.render(spec)).toThrow(/does not use BGP/);
      return;
    }
    expectGolden(golden, vendor.render(spec));
  });

  test(`GIVEN a configuration instead of a state WHEN ${name} renders THEN the placeholders are marked and match the golden file`, () => {
    const file = path.join(FIXTURES, 'aa-apipa.tf.json');
    const spec = deviceSpecFromTopology(topologyFromTerraformJson([{ file, content: JSON.parse(fs.readFileSync(file, 'utf-8')) }]), 'paris', { advertise: ['10.100.0.0/24'] });
    const output = vendor.render(spec);
    expectGolden(`aa-apipa.placeholders.${vendor.fileName}`, output);
  });
});

test('GIVEN the golden files WHEN listed THEN none is left over from a vendor or fixture that no longer exists', () => {
  const expected = new Set(deviceVendors().flatMap((v) => [...CASES.map((c) => `${c.fixture.replace('.state.json', '')}.${v.fileName}`), `aa-apipa.placeholders.${v.fileName}`]));
  expected.delete('static-custom.frr.conf');
  expect(fs.readdirSync(path.join(__dirname, 'golden')).sort()).toEqual([...expected].sort());
});

describe('vendor templates refuse what they cannot express', () => {
  const templates = deviceVendors().filter((v) => !v.interopTested);

  test.each(templates.map((v) => [v.name, v] as const))('GIVEN an IKEv1 connection WHEN %s renders THEN it refuses (the templates are route-based IKEv2)', (_name, vendor) => {
    const spec = specFromState('static-custom.state.json', 'lyon', {}, (r) => {
      if (r.type === 'azurerm_virtual_network_gateway_connection') r.values.connection_protocol = 'IKEv1';
    });
    expect(spec.ikeVersion).toBe(1);
    expect(() => vendor.render(spec)).toThrow(/route-based IKEv2/);
  });

  test.each(templates.map((v) => [v.name, v] as const))('GIVEN a key with a double quote WHEN %s renders THEN it refuses instead of writing a broken quoted string', (_name, vendor) => {
    const spec = specFromState('static-custom.state.json', 'lyon', {}, (r) => {
      if (r.type === 'azurerm_virtual_network_gateway_connection') r.values.shared_key = 'fixture"quote';
    });
    expect(() => vendor.render(spec)).toThrow(/cannot quote/);
  });

  test('GIVEN the vendor list WHEN read THEN exactly strongswan and frr are marked interop-tested', () => {
    expect(deviceVendors().filter((v) => v.interopTested).map((v) => v.name)).toEqual(['strongswan', 'frr']);
  });
});
