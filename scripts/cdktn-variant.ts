/**
 * Builds `cdktn-azure-vpn`, the CDK Terrain (cdktn) package, from the cdktf source of this
 * repository (`npm run pack:cdktn`):
 *
 *  1. copies lib/ into dist/cdktn-build/, rewriting every module specifier (`cdktf` → `cdktn`,
 *     `@cdktf/provider-*` → `@cdktn/provider-*`, `cdktf-azure-vpn/…` → `cdktn-azure-vpn/…`) and
 *     flipping `FRAMEWORK` in lib/private/framework.ts, the one place where the output differs;
 *  2. checks that every rewritten specifier resolves to a file of the installed cdktn packages;
 *  3. compiles with plain `tsc` and keeps only .js + .d.ts (no .jsii: jsii refuses
 *     @cdktn/provider-azurerm 16.1.0's peer range `cdktn ^0.23.0` against the only published
 *     cdktn, 0.24.0);
 *  4. writes the cdktn package.json and packs dist/cdktn-azure-vpn-<version>.tgz.
 *
 * The jest project `cdktn` (jest.config.js) runs the construct and example tests through
 * {@link rewriteSource} too, so the tests exercise the same rewrite as the package.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The cdktn versions the package is built and tested against, as its peer dependencies. */
export const CDKTN_PEER_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@cdktn/provider-azurerm': '^16.1.0',
  '@cdktn/provider-random': '^15.0.1',
  cdktn: '^0.24.0',
  // cdktn 0.24 declares this range (10.8.0 dropped metadata its tooling needs).
  constructs: '>=10.6.0 <10.8.0',
};

export const CDKTN_PACKAGE_NAME = 'cdktn-azure-vpn';

/** The one line of lib/private/framework.ts that decides the framework. */
const FRAMEWORK_LINE = /^export const FRAMEWORK = 'cdktf';$/m;
const CDKTN_FRAMEWORK_LINE = "export const FRAMEWORK = 'cdktn';";

/**
 * The module specifiers of a TypeScript or JavaScript source: `from '…'`, `import '…'`,
 * `import('…')`, `require('…')`, `jest.mock('…')`, `jest.requireActual('…')`. Comments are read
 * too; a specifier-shaped text in a comment is rewritten like code, which keeps examples in
 * doc comments right.
 */
const SPECIFIER = /(\bfrom\s+|\bimport\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|\bjest\.(?:mock|requireActual)\s*\(\s*)(['"])([^'"\n]+)\2/g;

export function moduleSpecifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[3]);
}

/**
 * The cdktn specifier for a cdktf one; other specifiers unchanged. Throws for a cdktf package
 * it has no mapping for, so nothing framework-specific slips through unrewritten.
 */
export function rewriteSpecifier(specifier: string): string {
  if (specifier === 'cdktf' || specifier.startsWith('cdktf/')) return `cdktn${specifier.slice('cdktf'.length)}`;
  if (specifier.startsWith('@cdktf/provider-')) return `@cdktn/${specifier.slice('@cdktf/'.length)}`;
  if (specifier === 'cdktf-azure-vpn' || specifier.startsWith('cdktf-azure-vpn/')) return `${CDKTN_PACKAGE_NAME}${specifier.slice('cdktf-azure-vpn'.length)}`;
  if (/^(@cdktf\/|cdktf-)/.test(specifier)) throw new Error(`scripts/cdktn-variant.ts: no cdktn mapping for the import '${specifier}'; add one to rewriteSpecifier`);
  return specifier;
}

/** The cdktn version of one source file of this repository. */
export function rewriteSource(source: string): string {
  return source
    .replace(SPECIFIER, (_all, lead: string, quote: string, specifier: string) => `${lead}${quote}${rewriteSpecifier(specifier)}${quote}`)
    .replace(FRAMEWORK_LINE, CDKTN_FRAMEWORK_LINE)
    // Import paths quoted in messages and docs (`cdktf-azure-vpn/lib/testing/jest must be imported …`).
    .replace(/\bcdktf-azure-vpn\/lib\//g, `${CDKTN_PACKAGE_NAME}/lib/`);
}

/** Whether a source is lib/private/framework.ts in its cdktf form (the build checks that exactly one is). */
export function decidesFramework(source: string): boolean {
  return FRAMEWORK_LINE.test(source);
}

/** The cdktn package.json from this repository's: name, peers, and nothing that builds or tests. */
export function cdktnManifest(manifest: Record<string, any>): Record<string, any> {
  const {
    devDependencies: _devDependencies,
    scripts: _scripts,
    jsii: _jsii,
    overrides: _overrides,
    peerDependencies,
    ...kept
  } = manifest;
  for (const name of Object.keys(peerDependencies ?? {})) {
    const mapped = rewriteSpecifier(name);
    if (!(mapped in CDKTN_PEER_DEPENDENCIES)) throw new Error(`scripts/cdktn-variant.ts: peer dependency ${name} has no cdktn version in CDKTN_PEER_DEPENDENCIES`);
  }
  return {
    ...kept,
    name: CDKTN_PACKAGE_NAME,
    description: String(manifest.description ?? '').replace(/CDK for Terraform/g, 'CDK Terrain (cdktn)'),
    keywords: (manifest.keywords ?? []).map((k: string) => (k === 'cdktf' ? 'cdktn' : k)),
    peerDependencies: { ...CDKTN_PEER_DEPENDENCIES },
  };
}

/**
 * The README as the cdktn consumer test reads it: the ```ts blocks rewritten like the sources,
 * the cdktf install command unmarked and the cdktn one (`<!-- consumer-test(cdktn): install -->`,
 * a marker the cdktf run does not match) marked `<!-- consumer-test: install -->` instead.
 */
export function cdktnReadme(readme: string): string {
  const cdktnInstall = /<!--\s*consumer-test\(cdktn\):\s*install\s*-->/g;
  if ((readme.match(cdktnInstall) ?? []).length !== 1) throw new Error('README.md: expected one <!-- consumer-test(cdktn): install --> marker');
  return readme
    .replace(/<!--\s*consumer-test:\s*install\s*-->/g, '<!-- the cdktf install command -->')
    .replace(cdktnInstall, '<!-- consumer-test: install -->')
    .replace(/```ts\n[\s\S]*?```/g, (block) => rewriteSource(block));
}

/** The TypeScript sources of lib/ (no .d.ts), relative to `root`. */
function librarySources(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(rel);
    }
  };
  walk('lib');
  return found.sort();
}

/** Throws unless every cdktn specifier resolves from `root` (a deep path that cdktn lacks fails here, by name). */
export function checkSpecifiersResolve(specifiers: Iterable<string>, root: string): void {
  const missing: string[] = [];
  for (const specifier of new Set(specifiers)) {
    if (!/^(cdktn(\/|$)|@cdktn\/|constructs$)/.test(specifier)) continue;
    try {
      require.resolve(specifier, { paths: [root] });
    } catch {
      missing.push(specifier);
    }
  }
  if (missing.length > 0) throw new Error(`scripts/cdktn-variant.ts: cannot resolve ${missing.join(', ')} from the installed cdktn packages (run npm ci; a deep path that cdktn does not have needs another import)`);
}

function copyFile(from: string, to: string, content?: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  if (content === undefined) fs.copyFileSync(from, to);
  else fs.writeFileSync(to, content);
}

/** Builds the cdktn package into dist/ and returns the tarball's path. */
export function packCdktn(root: string): string {
  const dist = path.join(root, 'dist');
  const stage = path.join(dist, 'cdktn-build');
  fs.rmSync(stage, { recursive: true, force: true });

  const sources = librarySources(root);
  const specifiers: string[] = [];
  let frameworkFiles = 0;
  for (const rel of sources) {
    const source = fs.readFileSync(path.join(root, rel), 'utf-8');
    if (decidesFramework(source)) frameworkFiles += 1;
    const rewritten = rewriteSource(source);
    specifiers.push(...moduleSpecifiers(rewritten));
    copyFile('', path.join(stage, rel), rewritten);
  }
  if (frameworkFiles !== 1) throw new Error(`scripts/cdktn-variant.ts: expected one lib/ file with "export const FRAMEWORK = 'cdktf';", found ${frameworkFiles}`);
  checkSpecifiersResolve(specifiers, root);

  // The CLI launcher needs no rewrite (lib/cli imports no framework); the docs are shared.
  for (const file of ['bin/azvpn.js', 'README.md', 'LICENSE', 'NOTICE', 'RULES.md']) {
    if (fs.existsSync(path.join(root, file))) copyFile(path.join(root, file), path.join(stage, file));
  }

  const baseConfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf-8'));
  fs.writeFileSync(path.join(stage, 'tsconfig.json'), JSON.stringify({ ...baseConfig, include: ['lib/**/*.ts'], exclude: ['lib/**/*.d.ts'] }, null, 2));
  // Module resolution walks up from dist/cdktn-build to this repository's node_modules (cdktn, @types/node).
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', path.join(stage, 'tsconfig.json')], { stdio: 'inherit' });
  fs.rmSync(path.join(stage, 'tsconfig.json'));
  // Ship .js + .d.ts only: a consumer's tsc resolves './x' to x.ts before x.d.ts and would
  // compile the sources with its own settings (the cdktn template targets ES2018).
  for (const rel of sources) fs.rmSync(path.join(stage, rel));

  const manifest = cdktnManifest(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8')));
  copyBundled(root, stage, manifest.bundledDependencies ?? manifest.bundleDependencies ?? []);
  fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dist], { cwd: stage, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = path.join(dist, JSON.parse(output)[0].filename);
  return tarball;
}

/**
 * Copies the bundled dependencies and everything they depend on into the stage's node_modules,
 * as `npm pack` finds them there: a package nested in a dependency's own node_modules travels
 * with it; a hoisted one is copied once.
 */
function copyBundled(root: string, stage: string, bundled: readonly string[]): void {
  const modules = path.join(root, 'node_modules');
  const copied = new Set<string>();
  const visited = new Set<string>();
  // Each entry: a package directory in the repository's node_modules, and whether it travels
  // with a parent that was copied whole (a nested node_modules).
  const pending = bundled.map((name) => ({ name, dir: path.join(modules, name), nested: false }));
  while (pending.length > 0) {
    const { name, dir, nested } = pending.shift()!;
    if (visited.has(dir)) continue;
    visited.add(dir);
    if (!fs.existsSync(path.join(dir, 'package.json'))) throw new Error(`scripts/cdktn-variant.ts: ${name}, which a bundled dependency needs, is not installed (${dir})`);
    if (!nested && !copied.has(name)) {
      copied.add(name);
      fs.cpSync(dir, path.join(stage, 'node_modules', name), { recursive: true });
    }
    const own = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf-8')) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(own.dependencies ?? {})) {
      const found = resolveFrom(dir, dependency, modules);
      pending.push({ name: dependency, dir: found, nested: found !== path.join(modules, dependency) });
    }
  }
}

/** Where Node would find `dependency` from package `dir`: the nearest node_modules up to the root's. */
function resolveFrom(dir: string, dependency: string, modules: string): string {
  for (let current = dir; current.startsWith(modules) && current !== modules; current = path.dirname(current)) {
    const candidate = path.join(current, 'node_modules', dependency);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  return path.join(modules, dependency);
}

/**
 * What the consumer test needs to test the cdktn package like the cdktf one: the README
 * ({@link cdktnReadme}) and the consumer app sources (scripts/consumer-app), rewritten for cdktn,
 * plus the enterprise example (examples/enterprise.ts) as one more app.
 */
export function writeCdktnConsumerInputs(root: string, outDir: string): void {
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'README.md'), cdktnReadme(fs.readFileSync(path.join(root, 'README.md'), 'utf-8')));
  const appSource = path.join(root, 'scripts', 'consumer-app');
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(appSource, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else {
        const text = fs.readFileSync(path.join(appSource, child), 'utf-8');
        copyFile('', path.join(outDir, 'consumer-app', child), /\.[cm]?[jt]s$/.test(entry.name) ? rewriteSource(text) : text);
      }
    }
  };
  if (fs.existsSync(appSource)) walk('.');

  // The enterprise example as an app of its own (the consumer test runs every top-level .ts),
  // importing the installed package; its certificate module goes one level down.
  const enterprise = fs.readFileSync(path.join(root, 'examples', 'enterprise.ts'), 'utf-8');
  const asApp = enterprise.replace("} from '../lib';", "} from 'cdktf-azure-vpn';").replace("from './p2s-root-certificate';", "from './examples/p2s-root-certificate';");
  if (moduleSpecifiers(asApp).some((s) => s === '../lib' || s === './p2s-root-certificate')) throw new Error('examples/enterprise.ts: its imports changed; update writeCdktnConsumerInputs');
  copyFile('', path.join(outDir, 'consumer-app', 'enterprise.ts'), rewriteSource(asApp));
  copyFile('', path.join(outDir, 'consumer-app', 'examples', 'p2s-root-certificate.ts'), rewriteSource(fs.readFileSync(path.join(root, 'examples', 'p2s-root-certificate.ts'), 'utf-8')));
}

if (require.main === module) {
  try {
    const root = path.join(__dirname, '..');
    const [command, outDir] = process.argv.slice(2);
    if (command === 'consumer-inputs' && outDir !== undefined) {
      writeCdktnConsumerInputs(root, path.resolve(outDir));
    } else if (command === undefined || command === 'pack') {
      const tarball = packCdktn(root);
      process.stdout.write(`${path.relative(process.cwd(), tarball)}\n`);
    } else {
      throw new Error('usage: cdktn-variant.ts [pack] | consumer-inputs DIR');
    }
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
