import * as fs from 'fs';
import * as path from 'path';
import {
  CDKTN_PEER_DEPENDENCIES,
  cdktnManifest,
  cdktnReadme,
  checkSpecifiersResolve,
  decidesFramework,
  moduleSpecifiers,
  rewriteSource,
  rewriteSpecifier,
  writeCdktnConsumerInputs,
} from '../../scripts/cdktn-variant';

const ROOT = path.join(__dirname, '..', '..');

/** The TypeScript sources under `dir` (no .d.ts), relative to the repository. */
function sourcesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourcesUnder(rel));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(rel);
  }
  return found;
}

const read = (rel: string): string => fs.readFileSync(path.join(ROOT, rel), 'utf-8');
const isCdktf = (specifier: string): boolean => /^(cdktf(\/|$)|@cdktf\/)/.test(specifier);

describe('rewriteSpecifier', () => {
  test.each([
    ['cdktf', 'cdktn'],
    ['cdktf/lib/testing/adapters/jest', 'cdktn/lib/testing/adapters/jest'],
    ['@cdktf/provider-azurerm/lib/virtual-network-gateway', '@cdktn/provider-azurerm/lib/virtual-network-gateway'],
    ['@cdktf/provider-random/lib/password', '@cdktn/provider-random/lib/password'],
    ['cdktf-azure-vpn', 'cdktn-azure-vpn'],
    ['cdktf-azure-vpn/lib/testing/jest', 'cdktn-azure-vpn/lib/testing/jest'],
    ['constructs', 'constructs'],
    ['ip-address', 'ip-address'],
    ['../private/framework', '../private/framework'],
    ['cdktfoo', 'cdktfoo'],
  ])('GIVEN %s WHEN rewritten THEN it is %s', (from, to) => {
    expect(rewriteSpecifier(from)).toBe(to);
  });

  test('GIVEN a cdktf package without a cdktn mapping WHEN rewritten THEN it fails naming the import', () => {
    expect(() => rewriteSpecifier('@cdktf/hcl2cdk')).toThrow("no cdktn mapping for the import '@cdktf/hcl2cdk'");
    expect(() => rewriteSpecifier('cdktf-cli')).toThrow("no cdktn mapping for the import 'cdktf-cli'");
  });
});

describe('rewriteSource', () => {
  test('GIVEN every import form WHEN rewritten THEN each cdktf specifier becomes its cdktn one and nothing else changes', () => {
    const source = [
      "import { App, TerraformStack } from 'cdktf';",
      'import "cdktf/lib/testing/adapters/jest";',
      "import type { Password } from '@cdktf/provider-random/lib/password';",
      "export * from '@cdktf/provider-azurerm/lib/provider';",
      "const lazy = () => import('cdktf');",
      "const core = require('cdktf');",
      "jest.mock('@cdktf/provider-azurerm/lib/subnet');",
      "const framework = 'cdktf'; // a string, not an import",
      "const cdktfVersion = stack.cdktfVersion;",
      " * import 'cdktf-azure-vpn/lib/testing/jest';",
      "throw new Error('cdktf-azure-vpn/lib/testing/jest must be imported where expect exists');",
    ].join('\n');
    expect(rewriteSource(source).split('\n')).toEqual([
      "import { App, TerraformStack } from 'cdktn';",
      'import "cdktn/lib/testing/adapters/jest";',
      "import type { Password } from '@cdktn/provider-random/lib/password';",
      "export * from '@cdktn/provider-azurerm/lib/provider';",
      "const lazy = () => import('cdktn');",
      "const core = require('cdktn');",
      "jest.mock('@cdktn/provider-azurerm/lib/subnet');",
      "const framework = 'cdktf'; // a string, not an import",
      "const cdktfVersion = stack.cdktfVersion;",
      " * import 'cdktn-azure-vpn/lib/testing/jest';",
      "throw new Error('cdktn-azure-vpn/lib/testing/jest must be imported where expect exists');",
    ]);
  });

  test('GIVEN lib/private/framework.ts WHEN rewritten THEN FRAMEWORK becomes cdktn and it is the only lib file that decides the framework', () => {
    const deciding = sourcesUnder('lib').filter((rel) => decidesFramework(read(rel)));
    expect(deciding).toEqual([path.join('lib', 'private', 'framework.ts')]);
    const rewritten = rewriteSource(read(deciding[0]));
    expect(rewritten).toContain("export const FRAMEWORK = 'cdktn';");
    expect(decidesFramework(rewritten)).toBe(false);
  });

  test('GIVEN lib, test and examples WHEN rewritten THEN no cdktf import is left and every cdktn module path exists in the installed cdktn packages', () => {
    // test/scripts holds deliberately unmappable specifiers in its expectations.
    const files = [...sourcesUnder('lib'), ...sourcesUnder('test').filter((rel) => !rel.startsWith(path.join('test', 'scripts'))), ...sourcesUnder('examples')];
    const before = files.flatMap((rel) => moduleSpecifiers(read(rel)));
    const after = files.flatMap((rel) => moduleSpecifiers(rewriteSource(read(rel))));
    expect(before.filter(isCdktf).length).toBeGreaterThan(20);
    expect(after.filter(isCdktf)).toEqual([]);
    expect(() => checkSpecifiersResolve(after, ROOT)).not.toThrow();
  });

  test('GIVEN a deep path cdktn does not have WHEN checked THEN the check fails naming it', () => {
    expect(() => checkSpecifiersResolve(['cdktn', '@cdktn/provider-azurerm/lib/no-such-resource'], ROOT)).toThrow('@cdktn/provider-azurerm/lib/no-such-resource');
  });
});

describe('cdktnManifest', () => {
  const manifest = JSON.parse(read('package.json'));

  test('GIVEN the package.json WHEN made into the cdktn one THEN it is cdktn-azure-vpn with the cdktn peers and the same entry points, and nothing that builds', () => {
    const cdktn = cdktnManifest(manifest);
    expect(cdktn).toMatchObject({
      name: 'cdktn-azure-vpn',
      version: manifest.version,
      main: manifest.main,
      types: manifest.types,
      bin: manifest.bin,
      dependencies: manifest.dependencies,
      peerDependencies: CDKTN_PEER_DEPENDENCIES,
    });
    expect(Object.keys(cdktn.peerDependencies).sort()).toEqual(['@cdktn/provider-azurerm', '@cdktn/provider-random', 'cdktn', 'constructs']);
    expect(['scripts', 'devDependencies', 'jsii', 'overrides'].filter((key) => key in cdktn)).toEqual([]);
    expect(cdktn.description).not.toMatch(/CDK for Terraform/);
    expect(cdktn.keywords).toContain('cdktn');
    expect(manifest.name).toBe('cdktf-azure-vpn');
  });

  test('GIVEN the cdktn peers WHEN compared with the devDependencies the tests run on THEN each tested version is inside its peer range', () => {
    // semver comes with cdktn (and jsii); its types are not installed.
    const semver: { satisfies(version: string, range: string): boolean } = require('semver');
    for (const [name, range] of Object.entries(CDKTN_PEER_DEPENDENCIES)) {
      expect([name, semver.satisfies(manifest.devDependencies[name], range)]).toEqual([name, true]);
    }
  });

  test('GIVEN a peer dependency the build has no cdktn version for WHEN converted THEN it fails naming it', () => {
    expect(() => cdktnManifest({ ...manifest, peerDependencies: { ...manifest.peerDependencies, '@cdktf/provider-azuread': '^13.0.0' } })).toThrow('@cdktf/provider-azuread');
  });
});

describe('azvpn, the one CLI both packages ship', () => {
  test('GIVEN lib/cli/main.ts WHEN every module it loads (imports and lazy requires) is followed THEN none is a framework, a provider or constructs', () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of moduleSpecifiers(fs.readFileSync(file, 'utf-8'))) {
        if (!specifier.startsWith('.')) {
          external.add(specifier);
          continue;
        }
        const target = path.resolve(path.dirname(file), specifier);
        const candidates = [`${target}.ts`, path.join(target, 'index.ts')];
        const found = candidates.find((c) => fs.existsSync(c));
        if (found === undefined) throw new Error(`${file}: cannot follow ${specifier}`);
        visit(found);
      }
    };
    visit(path.join(ROOT, 'lib', 'cli', 'main.ts'));
    expect(seen.size).toBeGreaterThan(20);
    expect([...external].filter((s) => isCdktf(s) || /^(cdktn(\/|$)|@cdktn\/|constructs$)/.test(s))).toEqual([]);
  });
});

describe('cdktnReadme', () => {
  const readme = [
    '<!-- consumer-test: install -->',
    '```sh',
    'npm install cdktf-azure-vpn cdktf@0.21.0',
    '```',
    '<!-- consumer-test: main.ts -->',
    '```ts',
    "import { App } from 'cdktf';",
    "import { HubSpokeTransit } from 'cdktf-azure-vpn';",
    '```',
    'Prose keeps `cdktf synth`.',
    '<!-- consumer-test(cdktn): install -->',
    '```sh',
    'npm install cdktn-azure-vpn cdktn@0.24.0',
    '```',
  ].join('\n');

  test('GIVEN a README with both install commands WHEN converted THEN the cdktn one is the marked install, and the ts blocks import cdktn', () => {
    expect(cdktnReadme(readme).split('\n')).toEqual([
      '<!-- the cdktf install command -->',
      '```sh',
      'npm install cdktf-azure-vpn cdktf@0.21.0',
      '```',
      '<!-- consumer-test: main.ts -->',
      '```ts',
      "import { App } from 'cdktn';",
      "import { HubSpokeTransit } from 'cdktn-azure-vpn';",
      '```',
      'Prose keeps `cdktf synth`.',
      '<!-- consumer-test: install -->',
      '```sh',
      'npm install cdktn-azure-vpn cdktn@0.24.0',
      '```',
    ]);
  });

  test('GIVEN the repository README WHEN converted THEN it has one marked install command, the cdktn one', () => {
    const converted = cdktnReadme(read('README.md'));
    const installs = [...converted.matchAll(/<!--\s*consumer-test:\s*install\s*-->\s*\n```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/^npm install cdktn-azure-vpn /m);
    // The README promises the versions the cdktn tests run with (the devDependencies).
    const devDependencies = JSON.parse(read('package.json')).devDependencies;
    const pinned = /^npm install cdktn-azure-vpn (.*)$/m.exec(installs[0])![1].split(' ').map((spec) => /^(@?[^@]+)@(.+)$/.exec(spec)!.slice(1));
    expect(pinned.map(([name]) => name).sort()).toEqual(Object.keys(CDKTN_PEER_DEPENDENCIES).sort());
    expect(pinned.map(([name]) => [name, devDependencies[name]])).toEqual(pinned.map(([name, version]) => [name, version]));
  });

  test('GIVEN a README without the cdktn install marker WHEN converted THEN it fails', () => {
    expect(() => cdktnReadme('# nothing')).toThrow('consumer-test(cdktn): install');
  });
});

describe('writeCdktnConsumerInputs', () => {
  test('GIVEN the repository WHEN the cdktn consumer inputs are written THEN the apps (the consumer app and the enterprise example) import cdktn and the installed cdktn-azure-vpn only', () => {
    const out = fs.mkdtempSync(path.join(require('os').tmpdir(), 'cdktn-inputs-'));
    try {
      writeCdktnConsumerInputs(ROOT, out);
      const app = path.join(out, 'consumer-app');
      const enterprise = moduleSpecifiers(fs.readFileSync(path.join(app, 'enterprise.ts'), 'utf-8'));
      expect(enterprise).toEqual(expect.arrayContaining(['cdktn', 'cdktn-azure-vpn', './examples/p2s-root-certificate']));
      expect(fs.existsSync(path.join(app, 'examples', 'p2s-root-certificate.ts'))).toBe(true);
      const everySpecifier = sourcesUnder(path.relative(ROOT, app)).flatMap((rel) => moduleSpecifiers(read(rel)));
      expect(everySpecifier.filter((s) => isCdktf(s) || s.startsWith('../') || s === 'cdktf-azure-vpn')).toEqual([]);
      expect(fs.readFileSync(path.join(out, 'README.md'), 'utf-8')).toContain('<!-- consumer-test: install -->');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
