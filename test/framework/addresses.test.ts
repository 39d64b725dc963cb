import { App, TerraformStack, Testing } from 'cdktf';
import * as activeActiveGateway from '../../examples/active-active-gateway';
import * as enterprise from '../../examples/enterprise';
import * as hubSpokeTransit from '../../examples/hub-spoke-transit';
import * as multiSiteVpn from '../../examples/multi-site-vpn';
import * as p2sAccess from '../../examples/p2s-access';
import * as vnetToVnet from '../../examples/vnet-to-vnet';

// Runs in both jest projects against ONE snapshot file (__snapshots__/addresses.test.ts.snap;
// test/cdktn/snapshot-resolver.js keeps it shared). With jest --ci neither project may rewrite
// it, so both passing shows that cdktf and cdktn give every example the same Terraform addresses
// (logical ids) and construct paths: moving a stack between the packages replaces nothing.

const EXAMPLES: Array<[string, { build(app: App): TerraformStack }]> = [
  ['hub-spoke-transit', hubSpokeTransit],
  ['active-active-gateway', activeActiveGateway],
  ['multi-site-vpn', multiSiteVpn],
  ['p2s-access', p2sAccess],
  ['vnet-to-vnet', vnetToVnet],
  ['enterprise', enterprise],
];

/** Every addressable block of a stack's Terraform JSON with the construct path cdktf/cdktn recorded for it. */
function addresses(config: any): string[] {
  const found: string[] = [];
  const add = (address: string, body: any): void => {
    const path = body?.['//']?.metadata?.path;
    found.push(path === undefined ? address : `${address} <- ${path}`);
  };
  for (const [type, byName] of Object.entries<any>(config.resource ?? {})) for (const [name, body] of Object.entries(byName)) add(`${type}.${name}`, body);
  for (const [type, byName] of Object.entries<any>(config.data ?? {})) for (const [name, body] of Object.entries(byName)) add(`data.${type}.${name}`, body);
  for (const [name, body] of Object.entries<any>(config.variable ?? {})) add(`var.${name}`, body);
  for (const [name, body] of Object.entries<any>(config.output ?? {})) add(`output.${name}`, body);
  for (const [type, list] of Object.entries<any>(config.provider ?? {})) for (const body of list) add(`provider.${type}${body.alias ? `.${body.alias}` : ''}`, body);
  return found.sort();
}

describe.each(EXAMPLES)('example %s', (_name, example) => {
  // The name must not mention the framework: both projects look up the same snapshot by it.
  test('GIVEN the example WHEN synthesized on either framework THEN its addresses and construct paths are the ones both frameworks share', () => {
    const stack = example.build(Testing.app());
    const list = addresses(stack.toTerraform());
    expect(list.length).toBeGreaterThan(5);
    expect(list).toMatchSnapshot();
  });
});

test('GIVEN the address list WHEN a resource is renamed THEN the list differs (the comparison can fail)', () => {
  const config = { resource: { azurerm_public_ip: { Gw_PublicIp_1: { '//': { metadata: { path: 'hub/Gw/PublicIp' } } } } } };
  const renamed = { resource: { azurerm_public_ip: { Gw_PublicIp_2: { '//': { metadata: { path: 'hub/Gw/PublicIp' } } } } } };
  expect(addresses(config)).toEqual(['azurerm_public_ip.Gw_PublicIp_1 <- hub/Gw/PublicIp']);
  expect(addresses(renamed)).not.toEqual(addresses(config));
});
