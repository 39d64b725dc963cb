import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import * as library from '../lib';
import { run } from '../lib/cli/main';
import { VpnValidation } from '../lib/constructs/vpn-validation';
import * as activeActiveGateway from '../examples/active-active-gateway';
import * as enterprise from '../examples/enterprise';
import * as hubSpokeTransit from '../examples/hub-spoke-transit';
import * as multiSiteVpn from '../examples/multi-site-vpn';
import * as p2sAccess from '../examples/p2s-access';
import * as vnetToVnet from '../examples/vnet-to-vnet';
import { testStack } from './support/stack';

// Every example is a runnable app and an integration test: it synthesizes with validations on
// (a rule error would throw) and matches its snapshot.

const EXAMPLES: Array<[string, { build(app: App): TerraformStack }]> = [
  ['hub-spoke-transit', hubSpokeTransit],
  ['active-active-gateway', activeActiveGateway],
  ['multi-site-vpn', multiSiteVpn],
  ['p2s-access', p2sAccess],
  ['vnet-to-vnet', vnetToVnet],
  ['enterprise', enterprise],
];

/** Attributes that hold a secret: a pre-shared key, a RADIUS secret. */
const SECRET_ATTRIBUTES = new Set(['shared_key', 'secret', 'radius_server_secret']);
/** A generated key, a variable or a Key Vault secret: a reference, never the value. */
const SECRET_REFERENCE = /^\$\{(random_password\.[A-Za-z0-9_-]+\.result|var\.[A-Za-z0-9_-]+|data\.azurerm_key_vault_secret\.[A-Za-z0-9_-]+\.value)\}$/;

/** Every value of a secret attribute anywhere in the configuration, with where it is. */
function secretValues(value: unknown, at: string, found: Array<[string, unknown]> = []): Array<[string, unknown]> {
  if (Array.isArray(value)) value.forEach((item, i) => secretValues(item, `${at}[${i}]`, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (SECRET_ATTRIBUTES.has(key)) found.push([`${at}.${key}`, child]);
      else secretValues(child, `${at}.${key}`, found);
    }
  }
  return found;
}

describe.each(EXAMPLES)('example %s', (name, example) => {
  test('GIVEN the example app WHEN synthesized with validations THEN it passes every rule and matches its snapshot', () => {
    const stack = example.build(Testing.app());
    expect(stack.node.id).toBe(name);
    const synthesized = Testing.synth(stack, true);
    expect(VpnValidation.check(stack).filter((f) => f.severity === 'error')).toEqual([]);
    expect(JSON.parse(synthesized)).toMatchSnapshot();
  });

  test('GIVEN the synthesized example WHEN scanned THEN every pre-shared key is a reference to a random_password, variable or Key Vault secret, never a literal', () => {
    const config = JSON.parse(Testing.synth(example.build(Testing.app())));
    const secrets = secretValues(config, name);
    if (config.resource?.azurerm_virtual_network_gateway_connection) expect(secrets.length).toBeGreaterThan(0);
    for (const [where, value] of secrets) expect([where, value]).toEqual([where, expect.stringMatching(SECRET_REFERENCE)]);
  });
});

test('GIVEN the secret scan WHEN a literal key is written THEN it is caught (the scan can fail)', () => {
  const secrets = secretValues({ resource: { c: { x: { shared_key: 'Literal123' } } } }, 'config');
  expect(secrets).toEqual([['config.resource.c.x.shared_key', 'Literal123']]);
  expect(SECRET_REFERENCE.test('Literal123')).toBe(false);
  expect(SECRET_REFERENCE.test('${random_password.Hub_SharedKey_1234ABCD.result}')).toBe(true);
});

describe('the enterprise app as cdktf.json runs it', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'enterprise-'));
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('GIVEN the enterprise app synthesized to a directory WHEN azvpn check runs on it THEN it exits 0 with no error and no warning', () => {
    const app = new App({ outdir });
    enterprise.build(app);
    app.synth();
    const written = path.join(outdir, 'stacks', 'enterprise', 'cdk.tf.json');
    expect(fs.existsSync(written)).toBe(true);

    let stdout = '';
    let stderr = '';
    const code = run(['check', outdir, '--format', 'json'], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout).summary).toMatchObject({ errors: 0, warnings: 0 });
  });

  test('GIVEN cdktf.json WHEN read THEN it runs the enterprise example with the transpile-only runner in-process (no npx, no type-check at synth)', () => {
    const config = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cdktf.json'), 'utf8'));
    expect(config).toMatchObject({ language: 'typescript', app: 'node --require ts-node/register/transpile-only examples/enterprise.ts' });
  });
});

describe('the examples stay type-checked', () => {
  // cdktf.json runs the enterprise example without a type-check, so that `cdktf synth` is fast;
  // this is where every example is type-checked, with the options of tsconfig.dev.json.
  test('GIVEN every example WHEN the TypeScript compiler checks it THEN it reports no error', () => {
    const ts: typeof import('typescript') = require('typescript');
    const root = path.join(__dirname, '..');
    const configFile = ts.readConfigFile(path.join(root, 'tsconfig.dev.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
    const examples = fs
      .readdirSync(path.join(root, 'examples'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(root, 'examples', f));
    expect(examples.length).toBeGreaterThanOrEqual(6);
    const program = ts.createProgram(examples, { ...parsed.options, noEmit: true });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  });

  test('GIVEN an example with a type error WHEN the TypeScript compiler checks it THEN it reports the error (the check can fail)', () => {
    const ts: typeof import('typescript') = require('typescript');
    const host = ts.createCompilerHost({ strict: true, noEmit: true });
    const source = 'const asn: number = "65010";\nexport { asn };\n';
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (name, version) => (name === 'bad.ts' ? ts.createSourceFile(name, source, version) : getSourceFile(name, version));
    const program = ts.createProgram(['bad.ts'], { strict: true, noEmit: true, types: [] }, host);
    expect(ts.getPreEmitDiagnostics(program).map((d) => d.code)).toContain(2322);
  });
});

describe('the README', () => {
  test('GIVEN the topology example of the README WHEN run in a stack THEN it synthesizes with validations and no rule reports an error', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### The five topologies'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toBeDefined();
    const ts: typeof import('typescript') = require('typescript');
    const js = ts.transpileModule(code!, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
    const stack = testStack();
    new Function('stack', ...Object.keys(library), js)(stack, ...Object.values(library));
    expect(['Hub', 'Gw', 'Branches', 'Users', 'AaToBranches'].map((id) => stack.node.tryFindChild(id) !== undefined)).toEqual([true, true, true, true, true]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(VpnValidation.check(stack).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
