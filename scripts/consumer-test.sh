#!/usr/bin/env bash
# The consumer test: does the package work where users use it, in a fresh `cdktf init` app?
#
# 1. packs the package (`npm pack` runs its `prepare`, i.e. the jsii build) and inspects the
#    tarball: every compiled module is there; no test, bench, CI, fixture, snapshot, build cache
#    or TypeScript source is; the package has no install-time lifecycle script;
# 2. creates a scratch app outside the repository from the `cdktf init --template=typescript`
#    template (its tsconfig.json, with skipLibCheck turned off so that every shipped .d.ts is
#    type-checked; jest.config.js; setup.js), with the app sources (main.ts: the five topology
#    constructs) and the code blocks the README marks for it;
# 3. installs, in one `npm install --prefer-offline` (npm's cache is reused), the tarball, the
#    peer dependencies at the versions of the README's install command, and the init template's
#    dev dependencies (TypeScript 5, jest, ts-jest), with the tarball's install scripts approved,
#    and fails if npm runs any script of the package;
# 4. requires the package; type-checks the app (`tsc --noEmit`), then every shipped declaration
#    alone under the init tsconfig without the app's @types (so with the ES2018 library only),
#    with the app's TypeScript and with the oldest TypeScript 5;
#    runs the app's jest tests (the README's snapshot test with cdktf's matchers and the
#    library's toReach); compiles the app (`tsc`), runs every top-level app file with node to
#    synthesize it, and runs the installed `node_modules/.bin/azvpn check` on each output.
#
# Any failure exits non-zero, naming the step and printing its log.
#
# Options (each has a default for this repository; another package, e.g. a variant for another
# CDK framework, passes its own):
#   --package-dir DIR     package to pack (default: the repository)
#   --tarball FILE        test this tarball instead of packing --package-dir (which still names
#                         the sources whose compiled modules the tarball must hold)
#   --readme FILE         README with the install command and the marked code blocks
#                         (default: README.md of --package-dir)
#   --init-template DIR   the framework's `init --template=typescript` template directory
#                         (default: node_modules/cdktf-cli/bundle/templates/typescript)
#   --app-source DIR      files copied into the app (default: scripts/consumer-app)
#   --dev-deps "PKG..."   dev dependencies of the app (default: the init template's, TypeScript 5)
#   --oldest-typescript V also type-check the declarations with this TypeScript (default: 5.0.4,
#                         the first 5.x; '' to skip)
#   --exports "NAME..."   names the package's main module must export (default: the five topologies)
#   --work-dir DIR        scratch directory, kept afterwards (default: a new temp dir, removed)
#
# README markers: an HTML comment `<!-- consumer-test: install -->` before the ```sh block holding
# the users' `npm install` command (and any `npm pkg set` lines, run in the app before it), and `<!-- consumer-test: FILE -->` before a ```ts block that is
# written to FILE in the app (top-level FILEs are run as apps; FILEs under __tests__/ are jest tests).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGE_DIR="$REPO"
TARBALL=""
README=""
INIT_TEMPLATE="$REPO/node_modules/cdktf-cli/bundle/templates/typescript"
APP_SOURCE="$REPO/scripts/consumer-app"
DEV_DEPS="typescript@5 @types/node@20 jest@30 ts-jest@29 @types/jest@30"
OLDEST_TYPESCRIPT="5.0.4"
EXPORTS="HubSpokeTransit ActiveActiveGateway MultiSiteVpn P2SAccess VNetToVNet"
WORK=""

while [ $# -gt 0 ]; do
  case "$1" in
    --package-dir) PACKAGE_DIR="$(cd "$2" && pwd)"; shift 2 ;;
    --tarball) TARBALL="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --readme) README="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --init-template) INIT_TEMPLATE="$(cd "$2" && pwd)"; shift 2 ;;
    --app-source) APP_SOURCE="$(cd "$2" && pwd)"; shift 2 ;;
    --dev-deps) DEV_DEPS="$2"; shift 2 ;;
    --oldest-typescript) OLDEST_TYPESCRIPT="$2"; shift 2 ;;
    --exports) EXPORTS="$2"; shift 2 ;;
    --work-dir) mkdir -p "$2"; WORK="$(cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "consumer-test: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
README="${README:-$PACKAGE_DIR/README.md}"

if [ -z "$WORK" ]; then
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/consumer-test.XXXXXX")"
  trap 'rm -rf "$WORK"' EXIT
fi
APP="$WORK/app"
LOGS="$WORK/logs"
rm -rf "$APP" "$LOGS"
mkdir -p "$APP" "$LOGS"

export CHECKPOINT_DISABLE=1 # cdktf's version/telemetry call cannot reach its host
export NO_COLOR=1
START=$SECONDS
STEP_START=$SECONDS

fail() {
  echo "consumer-test: FAILED: $*" >&2
  exit 1
}

# Runs a step with its output in a log; on failure prints the log and stops.
step() {
  local name="$1"; shift
  local log="$LOGS/$name.log"
  STEP_START=$SECONDS
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    fail "$name (log above; command: $*)"
  fi
  echo "  ok  $name ($((SECONDS - STEP_START)) s)"
}

echo "consumer test: node $(node --version), npm $(npm --version), scratch dir $WORK"

# The app must not resolve anything from a node_modules above it (the repository's, say).
dir="$(dirname "$APP")"
while [ "$dir" != "/" ]; do
  [ -e "$dir/node_modules" ] && fail "$dir/node_modules exists above the scratch app; pass --work-dir elsewhere"
  dir="$(dirname "$dir")"
done
case "$APP/" in "$PACKAGE_DIR"/*) fail "the scratch app is inside the package directory" ;; esac

# 1. The tarball.
if [ -z "$TARBALL" ]; then
  rm -f "$WORK"/*.tgz
  pack() { (cd "$PACKAGE_DIR" && npm pack --pack-destination "$WORK" < /dev/null); }
  step pack pack
  TARBALL="$(ls "$WORK"/*.tgz)"
fi
[ -f "$TARBALL" ] || fail "no tarball at $TARBALL"

tar -tzf "$TARBALL" > "$WORK/tarball-files.txt"
tar -xzOf "$TARBALL" package/package.json > "$WORK/tarball-package.json"
inspect_tarball() {
  node - "$WORK/tarball-files.txt" "$WORK/tarball-package.json" "$PACKAGE_DIR" <<'EOF'
const fs = require('fs');
const path = require('path');
const [listFile, manifestFile, packageDir] = process.argv.slice(2);
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
const problems = [];

// Development files: tests, benchmarks, CI, fixtures, snapshots, build caches, synth output,
// TypeScript sources (a consumer's tsc would compile them instead of reading the .d.ts).
const forbidden = [
  [/(^|\/)(test|tests|__tests__|bench|benchmarks?|\.ci|\.github|fixtures|__snapshots__|examples|scripts|coverage|cdktf\.out|dist|\.gen)\//, 'development directory'],
  [/\.(test|spec)\.[cm]?[jt]s$/, 'test file'],
  [/\.snap$/, 'snapshot'],
  [/(^|\/)(tsconfig[^/]*\.json|[^/]*\.tsbuildinfo|jest\.config\.[cm]?js|cdktf\.json|cdk\.tf\.json|package-lock\.json|\.gitignore|\.npmignore|BENCHMARKS\.md)$/, 'build or CI file'],
  [/\.[cm]?ts$/, 'TypeScript source'],
];
// Bundled dependencies ship as their authors packed them (a `dist/` there is their build), but
// no TypeScript source, test or snapshot of theirs either.
for (const file of files) {
  if (file.endsWith('.d.ts')) continue;
  const bundled = file.startsWith('node_modules/');
  for (const [pattern, what] of bundled ? forbidden.slice(1, 3).concat(forbidden.slice(4)) : forbidden) {
    if (pattern.test(file)) problems.push(`${what} in the tarball: ${file}`);
  }
}

// What a user needs.
const required = ['package.json', 'README.md', 'LICENSE', manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})];
if (manifest.jsii) required.push('.jsii');
for (const file of required) {
  if (file && !files.includes(file.replace(/^\.\//, ''))) problems.push(`missing from the tarball: ${file}`);
}
// Every compiled module of the library: each lib/**/*.ts source has its .js and .d.ts.
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const libDir = path.join(packageDir, 'lib');
const sources = fs.existsSync(libDir) ? walk(libDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')) : [];
for (const source of sources) {
  const base = path.relative(packageDir, source).replace(/\.ts$/, '');
  for (const ext of ['.js', '.d.ts']) {
    if (!files.includes(base + ext)) problems.push(`compiled module missing from the tarball: ${base + ext}`);
  }
}

// Nothing may run at install: npm runs preinstall/install/postinstall of every dependency it is
// allowed to; `prepare` runs only for git and linked-directory installs, never for a tarball or
// a registry package. A binding.gyp would add a node-gyp build.
for (const event of ['preinstall', 'install', 'postinstall']) {
  if (manifest.scripts?.[event]) problems.push(`install-time lifecycle script in the package: ${event}: ${manifest.scripts[event]}`);
}
if (files.includes('binding.gyp')) problems.push('binding.gyp in the tarball (npm would run node-gyp at install)');

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${files.length} files, ${sources.length} compiled modules, no development file`);
EOF
}
step inspect-tarball inspect_tarball
PACKAGE_NAME="$(node -p "require('$WORK/tarball-package.json').name")"
PACKAGE_VERSION="$(node -p "require('$WORK/tarball-package.json').version")"
TARBALL_BYTES="$(wc -c < "$TARBALL")"
TARBALL_FILES="$(wc -l < "$WORK/tarball-files.txt")"
echo "      $(basename "$TARBALL"): $((TARBALL_BYTES / 1024)) kB, $TARBALL_FILES files"

# 2. The scratch app.
make_app() {
  node - "$INIT_TEMPLATE" "$APP_SOURCE" "$README" "$APP" "$PACKAGE_NAME" "$WORK/tarball-files.txt" "$WORK/tarball-package.json" "$TARBALL" <<'EOF'
const fs = require('fs');
const path = require('path');
const [template, appSource, readme, app, packageName, listFile, manifestFile, tarball] = process.argv.slice(2);
process.on('uncaughtException', (error) => {
  console.error(error.message);
  process.exit(1);
});

// The init template's tsconfig, as `init` writes it, but with skipLibCheck off: the template
// turns it on, which would hide errors in the shipped declarations.
const tsconfig = JSON.parse(fs.readFileSync(path.join(template, 'tsconfig.json'), 'utf8'));
tsconfig.compilerOptions.skipLibCheck = false;
fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2) + '\n');
for (const file of ['jest.config.js', 'setup.js']) {
  if (fs.existsSync(path.join(template, file))) fs.copyFileSync(path.join(template, file), path.join(app, file));
}
// The tarball's install-time scripts are approved (npm 11 runs no unapproved one), so that the
// install shows whether npm would run any of them.
const allowScripts = { [`file:${tarball}`]: true };
fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer-app', version: '1.0.0', private: true, allowScripts }, null, 2) + '\n');
fs.cpSync(appSource, app, { recursive: true });

// The README's code blocks marked for the app, and its install command.
const text = fs.readFileSync(readme, 'utf8');
const marked = /<!--\s*consumer-test:\s*(\S+)\s*-->\s*\n```(\w*)\n([\s\S]*?)```/g;
let install;
let settings = [];
for (const [, name, , code] of text.matchAll(marked)) {
  if (name === 'install') {
    const lines = code.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
    install = lines.find((line) => /^npm install\s/.test(line));
    // `npm pkg set` lines (the cdktn install sets an npm override) run in the app before the install.
    settings = lines.filter((line) => /^npm pkg set\s/.test(line));
    const other = lines.filter((line) => line !== install && !settings.includes(line));
    if (other.length > 0) throw new Error(`the README's install block has lines the consumer test does not run: ${other.join(' | ')}`);
    continue;
  }
  if (path.isAbsolute(name) || name.split('/').includes('..')) throw new Error(`README marker names a file outside the app: ${name}`);
  fs.mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
  fs.writeFileSync(path.join(app, name), code);
  console.log(`README block -> ${name}`);
}
if (!install) throw new Error(`${readme}: no \`<!-- consumer-test: install -->\` block with an npm install command`);
const words = install.trim().split(/\s+/).slice(2);
if (!words.includes(packageName)) throw new Error(`the README's install command does not install ${packageName}: ${install}`);
const others = words.filter((w) => w !== packageName);
const flags = others.filter((w) => w.startsWith('-'));
if (flags.length > 0) throw new Error(`unexpected flags in the README's install command: ${flags.join(' ')}`);
const name = (spec) => spec.replace(/^(@?[^@]+)@.*$/, '$1');
const unpinned = others.filter((spec) => !/^@?[^@]+@\d+\.\d+\.\d+$/.test(spec));
if (unpinned.length > 0) throw new Error(`the README must give users exact peer versions: ${unpinned.join(' ')}`);
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
const peers = Object.keys(manifest.peerDependencies ?? {}).sort();
const listed = others.map(name).sort();
if (JSON.stringify(peers) !== JSON.stringify(listed)) {
  throw new Error(`the README's install command lists ${listed.join(', ')}; the package's peerDependencies are ${peers.join(', ')}`);
}
// The README promises the versions the repository's own tests run with (its devDependencies).
const untested = others.filter((spec) => manifest.devDependencies?.[name(spec)] !== undefined && `${name(spec)}@${manifest.devDependencies[name(spec)]}` !== spec);
if (untested.length > 0) {
  throw new Error(`the README's install command gives ${untested.join(' ')}; the repository tests with ${untested.map((s) => `${name(s)}@${manifest.devDependencies[name(s)]}`).join(' ')}`);
}
fs.writeFileSync(path.join(app, '..', 'peers.txt'), others.join('\n') + '\n');
fs.writeFileSync(path.join(app, '..', 'package-settings.sh'), settings.map((line) => `${line}\n`).join(''));

// Every shipped declaration file in the program, not only those main.ts reaches.
const declarations = fs.readFileSync(listFile, 'utf8').split('\n')
  .filter((f) => /^package\/lib\/.*\.d\.ts$/.test(f))
  .map((f) => `/// <reference path="./node_modules/${packageName}/${f.replace(/^package\//, '')}" />`);
fs.writeFileSync(path.join(app, 'all-declarations.ts'), '// Puts every declaration file of the package in the program.\n' + declarations.join('\n') + '\nexport {};\n');
// The same declarations without the app's @types packages: @types/node adds the ES2020 library
// to every program, which would hide a declaration that needs more than ES2018 or Node's types.
const bare = { extends: './tsconfig.json', compilerOptions: { types: [], noEmit: true, incremental: false }, include: [], files: ['all-declarations.ts'] };
fs.writeFileSync(path.join(app, 'tsconfig.declarations.json'), JSON.stringify(bare, null, 2) + '\n');
console.log(`${declarations.length} shipped declaration files referenced; peers: ${others.join(' ')}`);
EOF
}
step make-app make_app
mapfile -t PEERS < "$WORK/peers.txt"
read -r -a DEV_DEP_LIST <<< "$DEV_DEPS"
# The oldest TypeScript a user may pin, beside the app's own (under an alias; it is only a tool here).
[ -n "$OLDEST_TYPESCRIPT" ] && DEV_DEP_LIST+=("typescript-oldest@npm:typescript@$OLDEST_TYPESCRIPT")

# The README's `npm pkg set` lines, as users run them in their app (the cdktn install command
# sets an npm override this way).
if [ -s "$WORK/package-settings.sh" ]; then
  step package-settings bash -c "cd '$APP' && bash -eu '$WORK/package-settings.sh'"
  sed 's/^/      /' "$WORK/package-settings.sh"
fi

# 3. One install: the tarball, the README's peers, the template's dev dependencies. At log level
# info npm logs every lifecycle script it runs (`npm info run NAME@VERSION EVENT ...`).
install_app() {
  (cd "$APP" && npm install --prefer-offline --no-audit --no-fund --loglevel=info "$TARBALL" "${PEERS[@]}" "${DEV_DEP_LIST[@]}" < /dev/null)
}
step install install_app
if grep "info run $PACKAGE_NAME@" "$LOGS/install.log"; then
  fail "npm ran a lifecycle script of $PACKAGE_NAME while installing it (approved as a user would)"
fi
grep -E "^added [0-9]+ packages" "$LOGS/install.log" | sed 's/^/      /'

# 4. The app.
require_package() {
  (cd "$APP" && node -e "
    const m = require('$PACKAGE_NAME');
    const missing = process.argv.slice(1).filter((n) => typeof m[n] !== 'function');
    if (missing.length) { console.error('not exported by $PACKAGE_NAME: ' + missing.join(', ')); process.exit(1); }
    console.log(Object.keys(m).length + ' exports, including ' + process.argv.slice(1).join(', '));
  " $EXPORTS)
}
step require require_package

step typecheck bash -c "cd '$APP' && node_modules/.bin/tsc --version && node_modules/.bin/tsc --noEmit"
echo "      $(head -n 1 "$LOGS/typecheck.log"), init tsconfig with skipLibCheck off: no error"
step typecheck-declarations bash -c "cd '$APP' && node_modules/.bin/tsc -p tsconfig.declarations.json"
if [ -n "$OLDEST_TYPESCRIPT" ]; then
  step "typecheck-declarations-ts$OLDEST_TYPESCRIPT" bash -c "cd '$APP' && node node_modules/typescript-oldest/bin/tsc -p tsconfig.declarations.json"
fi

shopt -s nullglob globstar
TESTS=("$APP"/__tests__/**/*.ts "$APP"/**/*.test.ts)
shopt -u globstar
if [ ${#TESTS[@]} -gt 0 ]; then
  # --ci=false: a first run writes the snapshots, as it does for a user.
  step jest bash -c "cd '$APP' && node_modules/.bin/jest --ci=false"
  grep -E "^(Tests|Snapshots):" "$LOGS/jest.log" | sed 's/^/      /'
fi

step compile bash -c "cd '$APP' && node_modules/.bin/tsc"

APPS=()
for file in "$APP"/*.ts; do
  case "$(basename "$file")" in all-declarations.ts|*.d.ts) continue ;; esac
  APPS+=("$(basename "$file" .ts)")
done
[ ${#APPS[@]} -gt 0 ] || fail "no app file in $APP"
for app in "${APPS[@]}"; do
  step "synth-$app" bash -c "cd '$APP' && CDKTF_OUTDIR='$app.out' node '$app.js'"
  stacks="$(cd "$APP/$app.out" && ls stacks 2>/dev/null | paste -sd, -)"
  [ -n "$stacks" ] || fail "$app.js synthesized no stack into $app.out"
  step "azvpn-check-$app" bash -c "cd '$APP' && node_modules/.bin/azvpn check '$app.out'"
  echo "      $app.ts: stacks $stacks; azvpn check: $(tail -n 1 "$LOGS/azvpn-check-$app.log")"
done

# Native HCL goes through the bundled HCL parser (and its own dependencies): a Basic public IP on a
# gateway must come back as gw.pip.standard, exit 1, from the installed package.
mkdir -p "$APP/hcl-check"
cat > "$APP/hcl-check/main.tf" <<'HCL'
resource "azurerm_public_ip" "gw" {
  name                = "pip-gw"
  location            = "westeurope"
  resource_group_name = "rg"
  allocation_method   = "Static"
  sku                 = "Basic"
}
resource "azurerm_virtual_network_gateway" "gw" {
  name                = "vgw"
  location            = "westeurope"
  resource_group_name = "rg"
  type                = "Vpn"
  sku                 = "VpnGw2AZ"
  ip_configuration {
    name                 = "default"
    public_ip_address_id = azurerm_public_ip.gw.id
    subnet_id            = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet"
  }
}
HCL
set +e
hcl_output="$(cd "$APP" && node_modules/.bin/azvpn check hcl-check 2>&1)"
hcl_code=$?
set -e
[ "$hcl_code" = 1 ] && case "$hcl_output" in *gw.pip.standard*) true ;; *) false ;; esac \
  || fail "azvpn check on a .tf directory from the installed package: exit $hcl_code, expected 1 with gw.pip.standard: $hcl_output"
echo "      hcl-check/main.tf: azvpn check exits 1 with gw.pip.standard (the bundled HCL parser works)"

version="$(cd "$APP" && node_modules/.bin/azvpn --version)"
case "$version" in *"$PACKAGE_VERSION"*) ;; *) fail "azvpn --version says '$version', the package is $PACKAGE_VERSION" ;; esac

echo "consumer test: passed in $((SECONDS - START)) s ($(basename "$TARBALL"): $((TARBALL_BYTES / 1024)) kB, $TARBALL_FILES files)"
