import * as fs from 'fs';
import * as path from 'path';
import { MAX_FILE_BYTES } from '../../lib/cli/discover';
import { azvpn, expectUnusable, removeScratch, RESOURCE_GROUP_ONLY, scratch, write } from './support';

let dir: string;
beforeEach(() => {
  dir = scratch();
});
afterEach(() => removeScratch(dir));

const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('GIVEN a PATH that is not a usable file or directory', () => {
  test('WHEN the file does not exist THEN exit 2 names the file', () => {
    const missing = path.join(dir, 'missing.tf.json');
    expectUnusable(azvpn('check', missing), `azvpn: ${missing}: no such file or directory`);
  });

  test('WHEN the directory holds no .tf.json, no .tf and no cdk.tf.json THEN exit 2 names the directory', () => {
    write(dir, 'README.md', '# nothing here');
    write(dir, 'main.tf.txt', 'resource "x" "y" {}');
    expectUnusable(azvpn('check', dir), `azvpn: ${dir}: no *.tf.json or *.tf file in this directory and no cdk.tf.json below it`);
  });

  test('WHEN the only plain .tf.json is in a subdirectory THEN exit 2, because plain files are not searched recursively', () => {
    write(dir, 'nested/main.tf.json', RESOURCE_GROUP_ONLY);
    expectUnusable(azvpn('check', dir), dir, 'no *.tf.json or *.tf file');
  });

  test('WHEN the file is not named .json THEN exit 2 says what is expected', () => {
    const file = write(dir, 'main.txt', RESOURCE_GROUP_ONLY);
    expectUnusable(azvpn('check', file), `${file}: not a .tf.json or .tf file, a terraform show -json file (plan or state, *.json) or a directory`);
  });

  test('WHEN a .json file not named .tf.json holds a configuration THEN exit 2 says a configuration is named *.tf.json', () => {
    const file = write(dir, 'main.json', RESOURCE_GROUP_ONLY);
    expectUnusable(azvpn('check', file), `${file}: neither terraform show -json output (no "format_version") nor a Terraform JSON configuration (which is named *.tf.json)`);
  });

  test('WHEN the file is larger than the size guard THEN exit 2 without reading it', () => {
    const file = path.join(dir, 'huge.tf.json');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_FILE_BYTES + 1); // sparse: no real 200 MB on disk
    expectUnusable(azvpn('check', file), `${file}: file is too large`);
  });

  test('WHEN the PATH is a device, not a file THEN exit 2 says so', () => {
    expectUnusable(azvpn('check', '/dev/null'), '/dev/null: not a regular file or a directory');
  });

  test('WHEN a directory holds a broken symbolic link named .tf.json THEN exit 2 names the link', () => {
    write(dir, 'a.tf.json', RESOURCE_GROUP_ONLY);
    fs.symlinkSync(path.join(dir, 'gone.tf.json'), path.join(dir, 'b.tf.json'));
    expectUnusable(azvpn('check', dir), `${path.join(dir, 'b.tf.json')}: no such file or directory`);
  });

  test('WHEN a path goes through a file as if it were a directory THEN exit 2 says so', () => {
    const file = write(dir, 'a.tf.json', RESOURCE_GROUP_ONLY);
    expectUnusable(azvpn('check', path.join(file, 'x.tf.json')), 'a part of the path is not a directory');
  });

  (runningAsRoot ? test.skip : test)('WHEN the file cannot be read THEN exit 2 says permission denied', () => {
    const file = write(dir, 'secret.tf.json', RESOURCE_GROUP_ONLY);
    fs.chmodSync(file, 0o000);
    expectUnusable(azvpn('check', file), `${file}: cannot read file: permission denied`);
  });

  (runningAsRoot ? test.skip : test)('WHEN a directory cannot be read THEN exit 2 names it', () => {
    const locked = path.join(dir, 'locked');
    fs.mkdirSync(locked);
    fs.chmodSync(locked, 0o000);
    try {
      expectUnusable(azvpn('check', locked), `${locked}: cannot read directory: permission denied`);
    } finally {
      fs.chmodSync(locked, 0o755);
    }
  });
});

describe('GIVEN a file that is not JSON', () => {
  test('WHEN it is empty THEN exit 2 says the file is empty', () => {
    const file = write(dir, 'empty.tf.json', '');
    expectUnusable(azvpn('check', file), `${file}: empty file`);
  });

  test('WHEN it holds only whitespace THEN exit 2 says the file is empty', () => {
    const file = write(dir, 'blank.tf.json', '  \n\t\n');
    expectUnusable(azvpn('check', file), `${file}: empty file`);
  });

  test('WHEN its JSON is broken THEN exit 2 gives line and column', () => {
    const file = write(dir, 'broken.tf.json', '{\n  "resource": {\n    "a": 1,,\n  }\n}\n');
    expectUnusable(azvpn('check', file), `azvpn: ${file}: invalid JSON at line 3 column 12: expected a double-quoted property name`);
  });

  test('WHEN it is cut short THEN exit 2 says the file ends early', () => {
    const file = write(dir, 'cut.tf.json', '{"resource": {"azurerm_public_ip": {');
    expectUnusable(azvpn('check', file), 'invalid JSON at line 1 column', 'unexpected end of file');
  });

  test('WHEN it is a binary file THEN exit 2 says so', () => {
    const file = write(dir, 'image.tf.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    expectUnusable(azvpn('check', file), `${file}: binary file`);
  });

  test('WHEN it is not UTF-8 THEN exit 2 says so', () => {
    const file = write(dir, 'latin1.tf.json', Buffer.from('{"resource": "caf\xe9"}', 'latin1'));
    expectUnusable(azvpn('check', file), `${file}: not UTF-8 text`);
  });

  test('WHEN it is UTF-16 THEN exit 2 asks for UTF-8', () => {
    const file = write(dir, 'utf16.tf.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(RESOURCE_GROUP_ONLY), 'utf16le')]));
    expectUnusable(azvpn('check', file), `${file}: UTF-16 text; save the file as UTF-8`);
  });

  test('WHEN its JSON error follows a shared key THEN the message does not repeat the key', () => {
    const file = write(dir, 'leaky.tf.json', '{"resource": {"azurerm_virtual_network_gateway_connection": {"c": {"shared_key": "Sup3rSecretPsk" x}}}}');
    const result = azvpn('check', file);
    expectUnusable(result, 'invalid JSON at line 1 column');
    expect(result.stderr).not.toContain('Sup3rSecretPsk');
  });
});

describe('GIVEN JSON that is not a Terraform configuration', () => {
  test.each([
    ['an array', '[]', 'the JSON value is an array'],
    ['a string', '"resource"', 'the JSON value is a string'],
    ['a number', '42', 'the JSON value is a number'],
    ['null', 'null', 'the JSON value is null'],
    ['a boolean', 'true', 'the JSON value is a boolean'],
  ])('WHEN the top-level value is %s THEN exit 2 says it is not a Terraform configuration', (_name, text, detail) => {
    const file = write(dir, 'main.tf.json', text);
    expectUnusable(azvpn('check', file), `${file}: not a Terraform configuration: ${detail}`);
  });

  test('WHEN the object is empty THEN exit 2 says there is no Terraform block', () => {
    const file = write(dir, 'main.tf.json', '{}');
    expectUnusable(azvpn('check', file), `${file}: not a Terraform configuration: no Terraform block`);
  });

  test('WHEN the object has only a comment THEN exit 2 says there is no Terraform block', () => {
    const file = write(dir, 'main.tf.json', { '//': 'just a comment' });
    expectUnusable(azvpn('check', file), 'no Terraform block');
  });

  test('WHEN the object has a key Terraform does not know THEN exit 2 names the key', () => {
    const file = write(dir, 'package.tf.json', { name: 'my-package', version: '1.0.0' });
    expectUnusable(azvpn('check', file), `${file}: not a Terraform configuration: unknown top-level key "name"`);
  });

  test.each([
    ['a string', '"azurerm_public_ip"', 'a string'],
    ['a number', '1', 'a number'],
    ['null', 'null', 'null'],
    ['an array of strings', '["x"]', 'an array'],
  ])('WHEN "resource" is %s THEN exit 2 says it must be an object', (_name, value, detail) => {
    const file = write(dir, 'main.tf.json', `{"resource": ${value}}`);
    expectUnusable(azvpn('check', file), `${file}: not a Terraform configuration: "resource" is ${detail}, expected an object`);
  });

  test('WHEN one file of a directory is broken THEN exit 2 names that file and prints nothing on stdout', () => {
    write(dir, 'a.tf.json', RESOURCE_GROUP_ONLY);
    const broken = write(dir, 'b.tf.json', '{"resource": ');
    expectUnusable(azvpn('check', dir, '--format', 'json'), `azvpn: ${broken}: invalid JSON`);
  });

  test('WHEN a good file comes before a missing one THEN exit 2 and no partial report', () => {
    const good = write(dir, 'good.tf.json', RESOURCE_GROUP_ONLY);
    expectUnusable(azvpn('check', good, path.join(dir, 'nope.tf.json')), 'nope.tf.json: no such file or directory');
  });

  test('WHEN a file name holds a line break THEN the error still fits on one line and shows the break as an escape', () => {
    const file = write(dir, 'evil\nname.tf.json', '[]');
    const result = azvpn('check', file);
    expectUnusable(result, 'evil\\nname.tf.json');
  });
});

describe('GIVEN a command line azvpn does not understand', () => {
  test.each([
    [['check', '--frobnicate', 'x.tf.json'], 'unknown option "--frobnicate" for azvpn check'],
    [['--frobnicate'], 'unknown option "--frobnicate"'],
    [['validate', 'x.tf.json'], 'unknown command "validate"'],
    [[], 'missing command'],
    [['check'], 'check needs at least one PATH'],
    [['check', '--format', 'json'], 'check needs at least one PATH'],
    [['check', ''], 'empty PATH'],
    [['check', 'x.tf.json', '--format', 'yaml'], 'invalid --format "yaml" for azvpn check (expected text, json, sarif or junit)'],
    [['check', 'x.tf.json', '--format=xml'], 'invalid --format "xml"'],
    [['check', 'x.tf.json', '--format'], 'option --format needs a value'],
    [['rules', 'extra'], 'rules takes no argument, got "extra"'],
    [['rules', '--verbose'], 'unknown option "--verbose" for azvpn rules'],
  ])('WHEN run with %j THEN exit 2 with one line: %s', (argv, message) => {
    expectUnusable(azvpn(...argv), message);
  });
});
