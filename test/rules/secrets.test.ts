import { topologyFromTerraformJson } from '../../lib/terraform-json';
import { checkTopology } from '../../lib/rules/engine';
import { Finding, Severity } from '../../lib/rules/rule';
import { secretRules } from '../../lib/rules/secrets';
import { PLANTED_SECRET } from '../support/planted-secrets';

const PLANTED = PLANTED_SECRET;
const CONN = 'azurerm_virtual_network_gateway_connection.c';
const GW = 'azurerm_virtual_network_gateway.gw';

function connectionConfig(sharedKey: unknown, variable?: Record<string, unknown>): Record<string, unknown> {
  return {
    ...(variable ? { variable: { psk: variable } } : {}),
    resource: {
      azurerm_virtual_network_gateway_connection: {
        c: { name: 'c', location: 'westeurope', resource_group_name: 'rg', type: 'IPsec', virtual_network_gateway_id: '${azurerm_virtual_network_gateway.gw.id}', shared_key: sharedKey },
      },
    },
  };
}

function gatewayConfig(vpnClientConfiguration: unknown): Record<string, unknown> {
  return {
    resource: {
      azurerm_virtual_network_gateway: {
        gw: { name: 'gw', location: 'westeurope', resource_group_name: 'rg', type: 'Vpn', sku: 'VpnGw2AZ', vpn_client_configuration: vpnClientConfiguration },
      },
    },
  };
}

function findings(content: Record<string, unknown>, literalSecretsAreErrors = false): Finding[] {
  const topology = topologyFromTerraformJson([{ file: 'main.tf.json', content }]);
  return checkTopology(topology, { rules: secretRules, literalSecretsAreErrors });
}

const brief = (fs: Finding[]) => fs.map((f) => [f.rule, f.severity, f.resource]);

describe('secret.literal', () => {
  test('GIVEN a literal shared_key WHEN checked as hand-written Terraform THEN it is a warning that never shows the key', () => {
    const f = findings(connectionConfig(PLANTED));
    expect(brief(f)).toEqual([['secret.literal', Severity.WARNING, CONN]]);
    expect(f[0].message).toContain('shared_key is written literally');
    expect(JSON.stringify(f)).not.toContain(PLANTED);
  });

  test('GIVEN a literal shared_key WHEN checked at synth (literal secrets are errors) THEN it is an error', () => {
    expect(brief(findings(connectionConfig(PLANTED), true))).toEqual([['secret.literal', Severity.ERROR, CONN]]);
  });

  test.each([
    ['a template with literal text around a reference', `${PLANTED}\${random_password.p.result}`],
    ['a string literal inside an interpolation', `\${"${PLANTED}"}`],
  ])('GIVEN %s WHEN checked THEN part of the key is literal and it is reported', (_label, key) => {
    expect(brief(findings(connectionConfig(key), true))).toEqual([['secret.literal', Severity.ERROR, CONN]]);
  });

  test('GIVEN a literal marked sensitive("…") (SharedKey.unsafePlainText) WHEN checked at synth THEN it stays a warning', () => {
    const f = findings(connectionConfig(`\${sensitive("${PLANTED}")}`), true);
    expect(brief(f)).toEqual([['secret.literal', Severity.WARNING, CONN]]);
    expect(f[0].message).toContain('marked sensitive');
    expect(JSON.stringify(f)).not.toContain(PLANTED);
  });

  test('GIVEN a sensitive variable with a literal default WHEN checked at synth THEN it is an error naming the variable', () => {
    const f = findings(connectionConfig('${var.psk}', { type: 'string', sensitive: true, default: PLANTED }), true);
    expect(brief(f)).toEqual([['secret.literal', Severity.ERROR, CONN]]);
    expect(f[0].message).toContain('var.psk');
    expect(f[0].message).toContain('TF_VAR_psk');
    expect(JSON.stringify(f)).not.toContain(PLANTED);
  });

  test.each([
    ['radius_server_secret', { address_space: ['172.16.0.0/24'], radius_server_address: '10.0.0.4', radius_server_secret: PLANTED }, 'vpn_client_configuration.radius_server_secret'],
    ['radius_server[].secret', { address_space: ['172.16.0.0/24'], radius_server: [{ address: '10.0.0.4', secret: PLANTED, score: 10 }] }, 'vpn_client_configuration.radius_server.secret'],
  ])('GIVEN a literal RADIUS secret in %s WHEN checked THEN it is reported on the gateway', (_label, p2s, attribute) => {
    const f = findings(gatewayConfig(p2s));
    expect(brief(f)).toEqual([['secret.literal', Severity.WARNING, GW]]);
    expect(f[0].message).toContain(attribute);
    expect(JSON.stringify(f)).not.toContain(PLANTED);
  });

  test.each([
    ['a random_password result', '${random_password.psk.result}'],
    ['a Key Vault secret', '${data.azurerm_key_vault_secret.psk.value}'],
    ['a sensitive variable without a default', '${var.psk}'],
    ['no key at all', undefined],
  ])('GIVEN a key from %s WHEN checked at synth THEN nothing is reported', (_label, key) => {
    const variable = key === '${var.psk}' ? { type: 'string', sensitive: true } : undefined;
    expect(findings(connectionConfig(key, variable), true)).toEqual([]);
  });
});

describe('secret.sensitive-variable', () => {
  test('GIVEN a key from a variable that is not sensitive WHEN checked THEN it is a warning naming the variable', () => {
    const f = findings(connectionConfig('${var.psk}', { type: 'string' }));
    expect(brief(f)).toEqual([['secret.sensitive-variable', Severity.WARNING, CONN]]);
    expect(f[0].message).toContain('sensitive = true');
  });

  test('GIVEN a key from a sensitive variable WHEN checked THEN it passes', () => {
    expect(findings(connectionConfig('${var.psk}', { type: 'string', sensitive: true }))).toEqual([]);
  });
});
