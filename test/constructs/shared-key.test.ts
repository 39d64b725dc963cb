import { DataAzurermKeyVaultSecret } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Password } from '@cdktf/provider-random/lib/password';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { SharedKey } from '../../lib/constructs/shared-key';
import { VpnConfigError } from '../../lib/private/construct-errors';
import { testStack } from '../support/stack';

/** The Terraform expression a token stands for, read back from a synthesized output. */
function expressionOf(stack: TerraformStack, token: string): string {
  new TerraformOutput(stack, 'Probe', { value: token, sensitive: true });
  return JSON.parse(Testing.synth(stack)).output.Probe.value;
}

describe('SharedKey', () => {
  test('GIVEN a generated key WHEN bound THEN a 64-character alphanumeric random_password backs it', () => {
    const stack = testStack();
    const token = SharedKey.generate().bind(new Construct(stack, 'Conn'));
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Password, { length: 64, special: false, upper: true, lower: true, numeric: true });
    expect(expressionOf(stack, token)).toMatch(/^\$\{random_password\.Conn_SharedKey_[0-9A-F]+\.result\}$/);
  });

  test('GIVEN one generated key WHEN bound by both directions of a pair THEN both get the same token and one random_password exists', () => {
    const stack = testStack();
    const key = SharedKey.generate();
    const left = key.bind(new Construct(stack, 'AtoB'));
    const right = key.bind(new Construct(stack, 'BtoA'));
    expect(right).toBe(left);
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(Object.keys(synthesized.resource.random_password)).toHaveLength(1);
  });

  test('GIVEN several generated keys in a stack WHEN synthesized THEN the random provider is declared once', () => {
    const stack = testStack();
    SharedKey.generate().bind(new Construct(stack, 'One'));
    SharedKey.generate().bind(new Construct(stack, 'Two'));
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.provider.random).toHaveLength(1);
    expect(Object.keys(synthesized.resource.random_password)).toHaveLength(2);
  });

  test('GIVEN a stack that already declares the random provider WHEN a key is generated THEN no second provider is added', () => {
    const stack = testStack();
    new RandomProvider(stack, 'mine', {});
    SharedKey.generate().bind(new Construct(stack, 'Conn'));
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.provider.random).toHaveLength(1);
  });

  test.each([0, 129, 12.5])('GIVEN a length of %p WHEN generating THEN it throws conn.shared-key', (length) => {
    expect(() => SharedKey.generate({ length })).toThrow(VpnConfigError);
    expect(() => SharedKey.generate({ length })).toThrow(/^\[conn\.shared-key\]/);
  });

  test('GIVEN a sensitive variable WHEN used as key THEN the key is the variable reference', () => {
    const stack = testStack();
    const variable = new TerraformVariable(stack, 'psk', { type: 'string', sensitive: true });
    const token = SharedKey.fromVariable(variable).bind(stack);
    expect(expressionOf(stack, token)).toBe('${var.psk}');
  });

  test('GIVEN a variable that is not sensitive WHEN used as key THEN it throws conn.shared-key naming the variable', () => {
    const stack = testStack();
    const variable = new TerraformVariable(stack, 'psk', { type: 'string' });
    expect(() => SharedKey.fromVariable(variable)).toThrow(/^\[conn\.shared-key\] variable "psk" holds a shared key but is not sensitive; declare it with sensitive: true \(at test\/psk\)$/);
  });

  test('GIVEN a Key Vault secret data source WHEN used as key THEN the key is its value', () => {
    const stack = testStack();
    const secret = new DataAzurermKeyVaultSecret(stack, 'Psk', { keyVaultId: '/kv/id', name: 'psk' });
    expect(expressionOf(stack, SharedKey.fromKeyVaultSecret(secret).bind(stack))).toMatch(/^\$\{data\.azurerm_key_vault_secret\.Psk\.value\}$/);
  });

  test('GIVEN a Key Vault and a secret name WHEN bound twice THEN one data source reads the secret', () => {
    const stack = testStack();
    const key = SharedKey.fromKeyVault('/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv', 'psk');
    const first = key.bind(new Construct(stack, 'AtoB'));
    const second = key.bind(new Construct(stack, 'BtoA'));
    expect(second).toBe(first);
    const synthesized = JSON.parse(Testing.synth(stack));
    const sources = Object.values<any>(synthesized.data.azurerm_key_vault_secret);
    expect(sources).toEqual([expect.objectContaining({ name: 'psk' })]);
  });
});
