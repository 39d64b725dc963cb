import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';

/** A fresh stack with the azurerm provider, named `test`, so construct paths read `test/<id>/…`. */
export function testStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** The synthesized stack as an object, with validations run (they throw on rule errors). */
export function synthValidated(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/** The resources of one type in a synthesized stack, by their Terraform logical name. */
export function resourcesOfType(synthesized: any, type: string): Record<string, any> {
  return synthesized.resource?.[type] ?? {};
}
