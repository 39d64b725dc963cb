import * as path from 'path';
import { discoverConfigurations } from '../../lib/cli/discover';
import { azvpn, checkJson, removeScratch, RESOURCE_GROUP_ONLY, scratch, write } from './support';

let dir: string;
beforeEach(() => {
  dir = scratch();
});
afterEach(() => removeScratch(dir));

/**
 * A cdktf stack whose gateway is on a Basic public IP: gw.pip.standard is an error whatever else
 * is wrong. The `//` metadata is what cdktf writes: the construct path of each resource.
 */
function basicIpGateway(prefix: string): object {
  return {
    '//': { metadata: { stackName: prefix, version: '0.21.0' } },
    resource: {
      azurerm_public_ip: { gw: { '//': { metadata: { path: `${prefix}/Gateway/PublicIp`, uniqueId: 'Gateway_PublicIp_1A2B3C4D' } }, name: `${prefix}-pip`, location: 'westeurope', resource_group_name: 'rg', sku: 'Basic', allocation_method: 'Static' } },
      azurerm_virtual_network_gateway: {
        gw: {
          name: `${prefix}-gw`,
          location: 'westeurope',
          resource_group_name: 'rg',
          type: 'Vpn',
          sku: 'VpnGw1AZ',
          ip_configuration: [{ public_ip_address_id: '${azurerm_public_ip.gw.id}', subnet_id: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/${prefix}/subnets/GatewaySubnet` }],
        },
      },
    },
  };
}

describe('GIVEN a directory', () => {
  test('WHEN it holds plain .tf.json files THEN they form one configuration and nested plain files are ignored', () => {
    write(dir, 'a.tf.json', RESOURCE_GROUP_ONLY);
    write(dir, 'b.tf.json', { variable: { location: { default: 'westeurope' } } });
    write(dir, 'modules/net/main.tf.json', { resource: 'not even valid' });
    write(dir, 'notes.json', '[]');
    expect(discoverConfigurations([dir])).toEqual([{ name: dir, files: [path.join(dir, 'a.tf.json'), path.join(dir, 'b.tf.json')] }]);
    const result = checkJson(dir);
    expect(result.code).toBe(0);
    expect(result.report.summary.errors).toBe(0);
  });

  test('WHEN it holds a cdktf.out tree THEN every cdk.tf.json is its own configuration, in name order, skipping hidden and node_modules directories', () => {
    const hub = write(dir, 'cdktf.out/stacks/hub/cdk.tf.json', RESOURCE_GROUP_ONLY);
    const spoke = write(dir, 'cdktf.out/stacks/spoke/cdk.tf.json', RESOURCE_GROUP_ONLY);
    write(dir, 'cdktf.out/manifest.json', { version: '0.21.0' });
    write(dir, 'cdktf.out/stacks/hub/.terraform/cdk.tf.json', '[]');
    write(dir, 'node_modules/pkg/cdk.tf.json', '[]');
    expect(discoverConfigurations([dir]).map((c) => c.files)).toEqual([[hub], [spoke]]);
  });

  test('WHEN it holds both plain files and a cdk.tf.json THEN the plain files form one configuration and the cdk.tf.json another', () => {
    const plain = write(dir, 'main.tf.json', RESOURCE_GROUP_ONLY);
    const stack = write(dir, 'cdk.tf.json', RESOURCE_GROUP_ONLY);
    expect(discoverConfigurations([dir]).map((c) => c.files)).toEqual([[plain], [stack]]);
  });

  test('WHEN the same configuration is named twice THEN it is checked once', () => {
    const file = write(dir, 'main.tf.json', RESOURCE_GROUP_ONLY);
    expect(discoverConfigurations([file, path.join(dir, '.', 'main.tf.json')])).toHaveLength(1);
  });
});

describe('GIVEN configurations with errors', () => {
  test('WHEN checked as JSON THEN exit 1 and the findings of all configurations are in one list', () => {
    write(dir, 'cdktf.out/stacks/hub/cdk.tf.json', basicIpGateway('hub'));
    write(dir, 'cdktf.out/stacks/spoke/cdk.tf.json', basicIpGateway('spoke'));
    const result = checkJson(dir);
    expect(result.code).toBe(1);
    const basic = result.report.findings.filter((f) => f.rule === 'gw.pip.standard');
    expect(basic).toHaveLength(2);
    expect(basic.map((f) => [f.severity, f.resource, f.path])).toEqual([
      ['error', 'azurerm_public_ip.gw', 'hub/Gateway/PublicIp'],
      ['error', 'azurerm_public_ip.gw', 'spoke/Gateway/PublicIp'],
    ]);
    expect(result.report.summary.errors).toBe(result.report.findings.filter((f) => f.severity === 'error').length);
    expect(result.stderr).toBe('');
  });

  test('WHEN checked as text THEN exit 1, each configuration is named and the summary counts every error', () => {
    write(dir, 'hub/cdk.tf.json', basicIpGateway('hub'));
    write(dir, 'spoke/cdk.tf.json', basicIpGateway('spoke'));
    const result = azvpn('check', dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${path.join(dir, 'hub', 'cdk.tf.json')}:\n  azurerm_public_ip.gw  (hub/Gateway/PublicIp)\n    error    gw.pip.standard`);
    expect(result.stdout).toContain(`${path.join(dir, 'spoke', 'cdk.tf.json')}:\n`);
    expect(result.stdout).toMatch(/\n\d+ errors?, \d+ warnings?, \d+ infos?.* in 2 configurations\n$/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  test('WHEN a literal shared key breaks the shared-key rule THEN no output, in any format, contains the key', () => {
    const secret = 'S3cret Key~With Spaces';
    write(dir, 'main.tf.json', {
      resource: {
        azurerm_local_network_gateway: { site: { name: 'site', location: 'westeurope', resource_group_name: 'rg', gateway_address: '203.0.113.1', address_space: ['192.168.0.0/24'] } },
        azurerm_virtual_network_gateway_connection: {
          site: {
            name: 'cn',
            location: 'westeurope',
            resource_group_name: 'rg',
            type: 'IPsec',
            virtual_network_gateway_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw',
            local_network_gateway_id: '${azurerm_local_network_gateway.site.id}',
            shared_key: secret,
          },
        },
      },
    });
    const json = checkJson(dir);
    expect(json.report.findings.map((f) => f.rule)).toContain('conn.shared-key');
    for (const result of [json, azvpn('check', dir), azvpn('check', dir, '--verbose')]) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stdout).not.toContain('S3cret');
      expect(result.stderr).not.toContain('S3cret');
    }
  });
});

test('GIVEN a clean configuration WHEN checked as text THEN exit 0 with only the summary line', () => {
  const file = write(dir, 'main.tf.json', RESOURCE_GROUP_ONLY);
  const result = azvpn('check', file);
  expect(result).toEqual({ code: 0, stdout: `0 errors, 0 warnings, 0 infos in 1 configuration (${file})\n`, stderr: '' });
});

test('GIVEN options after the paths or --format= WHEN parsed THEN they are honoured', () => {
  const file = write(dir, 'main.tf.json', RESOURCE_GROUP_ONLY);
  const result = azvpn('check', '--format=json', file);
  expect(JSON.parse(result.stdout)).toEqual({ findings: [], summary: { errors: 0, warnings: 0, infos: 0 } });
  expect(azvpn('check', '--', file).code).toBe(0);
});
