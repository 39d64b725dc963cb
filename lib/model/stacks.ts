/**
 * Addresses in a model built from several stacks of one cdktf app (or several configurations
 * that read each other's state). Each stack's blocks keep their Terraform address, qualified by
 * the stack so that two stacks may use the same address: `stack hub: azurerm_virtual_network.hub`.
 * A model of one configuration has no qualified address at all.
 */

/** What goes before a Terraform address of the stack `stack`. */
export function stackPrefix(stack: string): string {
  return `stack ${stack}: `;
}

/** The Terraform address `address` of the stack `stack`, as the model names it. */
export function stackAddress(stack: string, address: string): string {
  return `${stackPrefix(stack)}${address}`;
}

/** The Terraform address without its stack qualification, when it has one from `stack`. */
export function addressInStack(stack: string, qualified: string): string {
  const prefix = stackPrefix(stack);
  return qualified.startsWith(prefix) ? qualified.slice(prefix.length) : qualified;
}

/** Whether an address (qualified or not) is a data source's. */
export function isDataAddress(address: string): boolean {
  return address.startsWith('data.') || (address.startsWith('stack ') && address.includes(': data.'));
}
