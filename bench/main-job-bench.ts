/**
 * The main job: `npx cdktf synth` of this repository (cdktf.json runs the enterprise example)
 * against a one-resource raw app set up as `cdktf init --template typescript` sets it up
 * (`"app": "npx ts-node main.ts"`, the template's tsconfig.json), both run the same way, in
 * ABBA order. What a user waits for is the whole process tree: the cdktf CLI, npx, the app's
 * runner and the app; its CPU time comes from bash's `times` (user + system of every finished
 * child), so no tool outside bash is needed.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { msSince, pairedRatio, REPO_ROOT, Spread, spread } from './support';

export interface MainJobRun {
  readonly cpuMs: number;
  readonly wallMs: number;
}

export interface MainJobResult {
  /** The cdktf.json app of this repository. */
  readonly app: string;
  /** The one-resource app's, as `cdktf init` writes it. */
  readonly helloApp: string;
  readonly enterprise: { readonly runs: MainJobRun[]; readonly cpuMs: Spread; readonly wallMs: Spread };
  readonly hello: { readonly runs: MainJobRun[]; readonly cpuMs: Spread; readonly wallMs: Spread };
  /** enterprise / hello, pair by pair. */
  readonly cpuRatio: Spread;
  readonly wallRatio: Spread;
}

const HELLO_APP = 'npx ts-node main.ts';

/** The tsconfig.json of cdktf's typescript template (cdktf-cli 0.21 `cdktf init --template typescript`). */
const INIT_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true,
    declaration: true,
    experimentalDecorators: true,
    inlineSourceMap: true,
    inlineSources: true,
    lib: ['es2018'],
    module: 'CommonJS',
    noEmitOnError: true,
    noFallthroughCasesInSwitch: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    noImplicitThis: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    resolveJsonModule: true,
    strict: true,
    strictNullChecks: true,
    strictPropertyInitialization: true,
    stripInternal: true,
    target: 'ES2018',
    incremental: true,
    skipLibCheck: true,
  },
  include: ['**/*.ts'],
  exclude: ['node_modules', 'cdktf.out'],
};

const HELLO_MAIN = `import { Construct } from 'constructs';
import { App, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';

class MyStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    new ResourceGroup(this, 'rg', { name: 'rg-hello', location: 'westeurope' });
  }
}

const app = new App();
new MyStack(app, 'hello');
app.synth();
`;

/** A scratch one-resource app as `cdktf init` lays it out, using this repository's node_modules. */
function makeHelloApp(dir: string): void {
  fs.writeFileSync(path.join(dir, 'main.ts'), HELLO_MAIN);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(INIT_TSCONFIG, null, 2));
  fs.writeFileSync(
    path.join(dir, 'cdktf.json'),
    JSON.stringify({ language: 'typescript', app: HELLO_APP, projectId: 'bench-hello', sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} }, null, 2),
  );
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-hello', version: '1.0.0', private: true }, null, 2));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

/** `npx cdktf synth` in `cwd`, its output to `outdir`; CPU time of the whole process tree from bash's `times`. */
function synthOnce(cwd: string, outdir: string, scratch: string): MainJobRun {
  const log = path.join(scratch, 'synth.log');
  const script = 'cd "$1" && npx cdktf synth --output "$2" > "$3" 2>&1; rc=$?; times; exit $rc';
  const start = process.hrtime.bigint();
  const result = spawnSync('bash', ['-c', script, 'bench', cwd, outdir, log], {
    env: { ...process.env, CI: 'true', CHECKPOINT_DISABLE: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf-8',
  });
  const wallMs = msSince(start);
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const output = fs.existsSync(log) ? fs.readFileSync(log, 'utf-8') : '';
    throw new Error(`npx cdktf synth in ${cwd} exited ${result.status ?? result.signal}: ${output.trim().split('\n').slice(-10).join('\n')}`);
  }
  // `times` prints the shell's own times, then its children's: "0m3.210s 0m0.850s".
  const children = String(result.stdout).trim().split('\n').pop() ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (seconds.length !== 2) throw new Error(`cannot read the CPU time from bash's times: ${JSON.stringify(result.stdout)}`);
  return { cpuMs: (seconds[0] + seconds[1]) * 1000, wallMs };
}

export function benchMainJob(repetitions: number, log: (line: string) => void): MainJobResult {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'azvpn-bench-main-'));
  try {
    const helloDir = path.join(scratch, 'hello');
    fs.mkdirSync(helloDir);
    makeHelloApp(helloDir);
    const app = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdktf.json'), 'utf-8')) as { app: string }).app;
    const arms = [
      { label: 'enterprise', cwd: REPO_ROOT, runs: [] as MainJobRun[] },
      { label: 'hello', cwd: helloDir, runs: [] as MainJobRun[] },
    ];
    // One warm-up each (npx's cache, the file system cache), not counted.
    for (const arm of arms) synthOnce(arm.cwd, path.join(scratch, `out-${arm.label}`), scratch);
    for (let rep = 0; rep < repetitions; rep++) {
      for (const arm of rep % 2 === 0 ? arms : [...arms].reverse()) {
        const run = synthOnce(arm.cwd, path.join(scratch, `out-${arm.label}`), scratch);
        arm.runs.push(run);
        log(`  npx cdktf synth, ${arm.label.padEnd(10)} run ${rep + 1}/${repetitions}: CPU ${run.cpuMs.toFixed(0)} ms, wall ${run.wallMs.toFixed(0)} ms`);
      }
    }
    const [enterprise, hello] = arms;
    const summary = (runs: MainJobRun[]) => ({ runs, cpuMs: spread(runs.map((r) => r.cpuMs)), wallMs: spread(runs.map((r) => r.wallMs)) });
    return {
      app,
      helloApp: HELLO_APP,
      enterprise: summary(enterprise.runs),
      hello: summary(hello.runs),
      cpuRatio: pairedRatio(enterprise.runs.map((r) => r.cpuMs), hello.runs.map((r) => r.cpuMs)),
      wallRatio: pairedRatio(enterprise.runs.map((r) => r.wallMs), hello.runs.map((r) => r.wallMs)),
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
