import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Network namespaces, veth pairs and daemons for the interop test. Everything it creates is
 * named with a per-run prefix and removed by {@link Lab.destroy}: processes by pid, namespaces
 * with `ip netns del`. Traffic stays between the namespaces it creates.
 */

/** Why the interop test cannot run here, or undefined when it can. */
export function interopUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not running as root (network namespaces need CAP_SYS_ADMIN)';
  for (const tool of ['/usr/sbin/charon-systemd', '/usr/sbin/swanctl', '/usr/lib/frr/bgpd', '/usr/bin/vtysh']) {
    if (!fs.existsSync(tool)) return `${tool} is missing (apt-get install strongswan-swanctl charon-systemd libcharon-extra-plugins libstrongswan-standard-plugins frr)`;
  }
  if (!fs.existsSync('/dev/net/tun')) return '/dev/net/tun is missing (userspace ESP needs it)';
  const probe = `azvpnprobe${process.pid}`;
  const add = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf-8' });
  if (add.status !== 0) return `cannot create a network namespace (${(add.stderr || add.error?.message || '').trim()})`;
  spawnSync('ip', ['netns', 'del', probe]);
  return undefined;
}

export class Lab {
  public readonly dir: string;
  private readonly namespaces: string[] = [];
  private readonly children: ChildProcess[] = [];
  private readonly pidFiles: string[] = [];
  private counter = 0;

  constructor(private readonly prefix: string) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    fs.chmodSync(this.dir, 0o755);
  }

  /** A new namespace with lo up; returns its name. */
  public namespace(role: string): string {
    const name = `${this.prefix}-${role}-${this.counter++}`;
    run('ip', ['netns', 'add', name]);
    this.namespaces.push(name);
    this.ip(name, 'link', 'set', 'lo', 'up');
    return name;
  }

  public ip(ns: string, ...args: string[]): void {
    run('ip', ['-n', ns, ...args]);
  }

  /** A veth pair between two namespaces (interface names are local to each namespace). */
  public link(a: string, aIf: string, b: string, bIf: string): void {
    this.ip(a, 'link', 'add', aIf, 'type', 'veth', 'peer', 'name', bIf, 'netns', b);
    this.ip(a, 'link', 'set', aIf, 'up');
    this.ip(b, 'link', 'set', bIf, 'up');
  }

  /** A private directory for one namespace's daemons. */
  public workDir(ns: string): string {
    const dir = path.join(this.dir, ns);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Starts a foreground daemon inside a namespace; `ip netns exec` execs it, so the pid is the daemon's. */
  public spawn(ns: string, command: string, args: string[], env: Record<string, string> = {}, log?: string): ChildProcess {
    const out = log ? fs.openSync(log, 'a') : 'ignore';
    const child = spawn('ip', ['netns', 'exec', ns, command, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
    if (typeof out === 'number') fs.closeSync(out);
    child.on('error', () => undefined);
    this.children.push(child);
    return child;
  }

  /** Runs a command inside a namespace and returns its stdout (throws on a non-zero exit). */
  public exec(ns: string, command: string, args: string[], timeoutMs = 15_000): string {
    return execFileSync('ip', ['netns', 'exec', ns, command, ...args], { encoding: 'utf-8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Remembers a pid file of a daemon that forks (bgpd -d), to kill it by pid at the end. */
  public trackPidFile(file: string): void {
    this.pidFiles.push(file);
  }

  /** Kills what this lab started (by pid) and deletes its namespaces; safe to call twice. */
  public async destroy(): Promise<void> {
    for (const file of this.pidFiles.splice(0)) {
      const pid = readPid(file);
      if (pid !== undefined) killPid(pid);
    }
    await Promise.all(this.children.splice(0).map((child) => stopChild(child)));
    for (const ns of this.namespaces.splice(0)) spawnSync('ip', ['netns', 'del', ns]);
    if (process.env.AZVPN_INTEROP_KEEP !== '1') fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Namespaces of this lab that still exist (for the cleanup assertion). */
  public leftovers(): string[] {
    const listed = spawnSync('ip', ['netns', 'list'], { encoding: 'utf-8' }).stdout ?? '';
    return listed.split('\n').map((l) => l.split(' ')[0]).filter((n) => n.startsWith(`${this.prefix}-`));
  }
}

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
}

/** SIGTERM, then SIGKILL after 3 s; resolves when the child has exited (and been reaped). */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf-8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    spawnSync('sleep', ['0.05']);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Polls until `probe` returns a value (not undefined) or the time is up; returns the last value or undefined. */
export async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, intervalMs = 250): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    try {
      value = probe();
    } catch {
      value = undefined;
    }
    if (value !== undefined) return value;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
