import { blockLines, locationOf, SourceLocation } from '../../lib/cli/hcl';

describe('GIVEN the text of a .tf file', () => {
  const lines = (text: string) => {
    const found = new Map<string, SourceLocation>();
    blockLines('main.tf', text, found);
    return found;
  };

  test('WHEN it has resource and data blocks THEN each address has the line of its header', () => {
    const found = lines('# x\nresource "azurerm_subnet" "a" {\n}\n\ndata "azurerm_subnet" "b" {}\nresource azurerm_public_ip c {\n}\n');
    expect([...found]).toEqual([
      ['azurerm_subnet.a', { file: 'main.tf', line: 2 }],
      ['data.azurerm_subnet.b', { file: 'main.tf', line: 5 }],
      ['azurerm_public_ip.c', { file: 'main.tf', line: 6 }],
    ]);
  });

  test('WHEN a header-like line is inside a heredoc or a block comment THEN it is not a block', () => {
    const found = lines('locals {\n  doc = <<-EOT\nresource "azurerm_subnet" "a" {\n  EOT\n}\n/* resource "azurerm_subnet" "b" {\nresource "azurerm_subnet" "c" {\n*/\nresource "azurerm_subnet" "a" {\n}\n');
    expect([...found]).toEqual([['azurerm_subnet.a', { file: 'main.tf', line: 9 }]]);
  });

  test('WHEN a finding names an instance THEN its location is its block\'s', () => {
    const found = lines('resource "azurerm_subnet" "a" {\n}\n');
    expect(locationOf('azurerm_subnet.a["k.x"]', found)).toEqual({ file: 'main.tf', line: 1 });
    expect(locationOf('azurerm_subnet.a[3]', found)).toEqual({ file: 'main.tf', line: 1 });
    expect(locationOf('external:/subscriptions/x', found)).toBeUndefined();
  });
});
