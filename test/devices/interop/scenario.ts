import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { azureBgpd, azureSwanctl, EmulatedGateway } from './azure-emulator';
import { Lab, waitFor } from './lab';

/**
 * One interop scenario: an emulated Azure gateway (one namespace per instance), one device
 * namespace running the generated swanctl.conf (and frr.conf) unmodified, joined by veth pairs.
 */
export interface ScenarioInput {
  readonly name: string;
  readonly azure: EmulatedGateway;
  /** The generated device files, exactly as azvpn device-config wrote them. */
  readonly deviceSwanctl: string;
  readonly deviceFrr?: string;
  /** Addresses the device owns besides its public IP and BGP address (hosts in its prefixes). */
  readonly deviceHosts: readonly string[];
  /** The device host TCP tests start from. */
  readonly tcpSource: string;
  /** The prefixes the device announces, which every Azure instance must learn. */
  readonly advertised: readonly string[];
}

export interface TunnelState {
  readonly name: string;
  readonly ikeState: string;
  readonly children: ReadonlyArray<{ name: string; state: string; spiIn: string; bytesIn: number; bytesOut: number; dhGroup?: string }>;
}

const SWANCTL = '/usr/sbin/swanctl';
const CHARON = '/usr/sbin/charon-systemd';
const BGPD = '/usr/lib/frr/bgpd';
const VTYSH = '/usr/bin/vtysh';

interface Daemon {
  readonly ns: string;
  readonly dir: string;
  readonly vici: string;
}

export class Scenario {
  public readonly device: Daemon;
  public readonly instances: Daemon[] = [];

  constructor(private readonly lab: Lab, private readonly input: ScenarioInput) {
    const deviceNs = lab.namespace('dev');
    this.device = { ns: deviceNs, dir: lab.workDir(deviceNs), vici: '' };
    this.device = { ...this.device, vici: path.join(this.device.dir, 'charon.vici') };
    const site = input.azure.site;
    lab.ip(deviceNs, 'addr', 'add', `${site.publicIp}/32`, 'dev', 'lo');
    if (site.bgpAddress) lab.ip(deviceNs, 'addr', 'add', `${site.bgpAddress}/32`, 'dev', 'lo');
    for (const host of input.deviceHosts) lab.ip(deviceNs, 'addr', 'add', `${host}/32`, 'dev', 'lo');
    input.azure.instances.forEach((instance, i) => {
      const ns = lab.namespace(`az${i}`);
      const dir = lab.workDir(ns);
      this.instances.push({ ns, dir, vici: path.join(dir, 'charon.vici') });
      lab.link(deviceNs, `az${i}`, ns, 'site');
      lab.ip(ns, 'addr', 'add', `${instance.publicIp}/32`, 'dev', 'site');
      if (instance.bgpAddress) lab.ip(ns, 'addr', 'add', `${instance.bgpAddress}/32`, 'dev', 'lo');
      lab.ip(ns, 'addr', 'add', `${input.azure.vmAddress}/32`, 'dev', 'lo');
      lab.ip(deviceNs, 'route', 'add', `${instance.publicIp}/32`, 'dev', `az${i}`, 'src', site.publicIp);
      lab.ip(ns, 'route', 'add', `${site.publicIp}/32`, 'dev', 'site', 'src', instance.publicIp);
    });
  }

  /** Starts charon everywhere and loads the emulator's and the device's swanctl.conf. */
  public async startIpsec(): Promise<void> {
    const all = [...this.instances, this.device];
    for (const d of all) {
      fs.writeFileSync(path.join(d.dir, 'strongswan.conf'), strongswanConf(d));
      this.lab.spawn(d.ns, CHARON, [], { STRONGSWAN_CONF: path.join(d.dir, 'strongswan.conf') }, path.join(d.dir, 'charon.out'));
    }
    for (const d of all) {
      if ((await waitFor(() => (fs.existsSync(d.vici) ? true : undefined), 10_000)) === undefined) throw new Error(`charon in ${d.ns} did not open its vici socket`);
    }
    this.instances.forEach((d, i) => this.load(d, azureSwanctl(this.input.azure, i), 'azure-swanctl.conf'));
    this.load(this.device, this.input.deviceSwanctl, 'swanctl.conf');
  }

  /** Tunnels as the device sees them. */
  public tunnels(): TunnelState[] {
    const raw = this.swanctl(this.device, ['--list-sas', '--raw']);
    const tunnels: TunnelState[] = [];
    for (const ike of raw.split('list-sa event ').slice(1)) {
      const name = /^\{(\S+) \{/.exec(ike)?.[1] ?? '?';
      const ikeState = /uniqueid=\d+ version=\d state=(\S+)/.exec(ike)?.[1] ?? '?';
      const children = [...ike.matchAll(/\{name=(\S+) uniqueid=\d+ reqid=\d+ state=(\S+) ([^}]*)\}/g)].map((m) => ({
        name: m[1],
        state: m[2],
        spiIn: /spi-in=(\S+)/.exec(m[3])?.[1] ?? '',
        bytesIn: Number(/bytes-in=(\d+)/.exec(m[3])?.[1] ?? 0),
        bytesOut: Number(/bytes-out=(\d+)/.exec(m[3])?.[1] ?? 0),
        dhGroup: /dh-group=(\S+)/.exec(m[3])?.[1],
      }));
      tunnels.push({ name, ikeState, children });
    }
    return tunnels;
  }

  /** Waits until every expected tunnel has an established IKE SA and an installed CHILD SA. */
  public async waitForTunnels(expected: number, timeoutMs: number): Promise<TunnelState[] | undefined> {
    return waitFor(() => {
      const up = this.tunnels().filter((t) => t.ikeState === 'ESTABLISHED' && t.children.some((c) => c.state === 'INSTALLED'));
      return up.length === expected ? up : undefined;
    }, timeoutMs);
  }

  /** Forces a CHILD SA rekey from the device; returns the new CHILD SA once installed. */
  public async rekey(tunnel: string, timeoutMs: number): Promise<TunnelState['children'][number] | undefined> {
    const before = this.tunnels().find((t) => t.name === tunnel)?.children.find((c) => c.state === 'INSTALLED');
    if (!before) return undefined;
    const out = this.swanctl(this.device, ['--rekey', '--child', tunnel]);
    if (!/rekey completed successfully/.test(out)) return undefined;
    return waitFor(() => {
      const now = this.tunnels().find((t) => t.name === tunnel)?.children.find((c) => c.state === 'INSTALLED' && c.spiIn !== before.spiIn);
      return now;
    }, timeoutMs);
  }

  /** The device's charon log, for the negative controls. */
  public deviceLog(): string {
    const file = path.join(this.device.dir, 'charon.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : '';
  }

  /** Starts bgpd on every Azure instance, then on the device with the generated frr.conf. */
  public startBgp(): void {
    this.instances.forEach((d, i) => this.bgpd(d, azureBgpd(this.input.azure, i)));
    if (this.input.deviceFrr === undefined) throw new Error('no frr.conf for a BGP scenario');
    this.bgpd(this.device, this.input.deviceFrr);
  }

  /** BGP sessions of a namespace: neighbour address → state. */
  public bgpSessions(d: Daemon): Map<string, string> {
    const summary = JSON.parse(this.vtysh(d, 'show bgp ipv4 unicast summary json')) as { peers?: Record<string, { state?: string }> };
    return new Map(Object.entries(summary.peers ?? {}).map(([peer, info]) => [peer, info.state ?? '?']));
  }

  /** Prefixes in a namespace's BGP table. */
  public bgpPrefixes(d: Daemon): string[] {
    const table = JSON.parse(this.vtysh(d, 'show bgp ipv4 unicast json')) as { routes?: Record<string, unknown> };
    return Object.keys(table.routes ?? {});
  }

  /** An echo server on the "VM" address in every Azure instance; resolves once all listen. */
  public async startEchoServers(port: number): Promise<void> {
    const script = `require('net').createServer((s) => s.pipe(s)).listen(${port}, ${JSON.stringify(this.input.azure.vmAddress)}, () => console.log('listening'))`;
    for (const d of this.instances) {
      const log = path.join(d.dir, 'echo.out');
      this.lab.spawn(d.ns, process.execPath, ['-e', script], {}, log);
      const listening = await waitFor(() => (fs.existsSync(log) && fs.readFileSync(log, 'utf-8').includes('listening') ? true : undefined), 10_000, 100);
      if (!listening) throw new Error(`the echo server in ${d.ns} did not start: ${fs.existsSync(log) ? fs.readFileSync(log, 'utf-8') : 'no output'}`);
    }
  }

  /** A TCP round trip from the device host to the VM; returns the bytes echoed back. */
  public tcpRoundTrip(port: number, bytes: number): number {
    const script = `
      const net = require('net');
      const socket = net.connect({ host: ${JSON.stringify(this.input.azure.vmAddress)}, port: ${port}, localAddress: ${JSON.stringify(this.input.tcpSource)} });
      let received = 0;
      socket.on('connect', () => socket.write(Buffer.alloc(${bytes}, 97)));
      socket.on('data', (d) => { received += d.length; if (received >= ${bytes}) { console.log(received); process.exit(0); } });
      socket.on('error', (e) => { console.error(e.message); process.exit(1); });
      setTimeout(() => { console.log(received); process.exit(2); }, 8000);`;
    const out = execFileSync('ip', ['netns', 'exec', this.device.ns, process.execPath, '-e', script], { encoding: 'utf-8', timeout: 12_000 });
    return Number(out.trim());
  }

  private load(d: Daemon, content: string, file: string): void {
    const conf = path.join(d.dir, file);
    fs.writeFileSync(conf, content, { mode: 0o600 });
    this.swanctl(d, ['--load-all', '--noprompt', '--file', conf]);
  }

  private swanctl(d: Daemon, args: string[]): string {
    return execFileSync('ip', ['netns', 'exec', d.ns, SWANCTL, ...args, '--uri', `unix://${d.vici}`], {
      encoding: 'utf-8',
      timeout: 15_000,
      env: { ...process.env, STRONGSWAN_CONF: path.join(d.dir, 'strongswan.conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  private bgpd(d: Daemon, config: string): void {
    const bgpDir = path.join(d.dir, 'frr');
    fs.mkdirSync(bgpDir, { recursive: true });
    const conf = path.join(bgpDir, 'frr.conf');
    fs.writeFileSync(conf, config);
    execFileSync('chown', ['-R', 'frr:frr', bgpDir]);
    const pidFile = path.join(bgpDir, 'bgpd.pid');
    this.lab.trackPidFile(pidFile);
    execFileSync('ip', ['netns', 'exec', d.ns, BGPD, '-d', '-Z', '-n', '-P', '0', '-f', conf, '--vty_socket', bgpDir, '-i', pidFile, '-u', 'frr', '-g', 'frr', '--log', `file:${path.join(bgpDir, 'bgpd.log')}`], {
      timeout: 15_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  private vtysh(d: Daemon, command: string): string {
    return execFileSync('ip', ['netns', 'exec', d.ns, VTYSH, '--vty_socket', path.join(d.dir, 'frr'), '-c', command], { encoding: 'utf-8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
  }
}

/** charon with userspace ESP (kernel XFRM is unavailable here), its own vici socket and log. */
function strongswanConf(d: Daemon): string {
  return [
    'charon-systemd {',
    '    load = random nonce openssl pem pkcs1 x509 pubkey gmp aes sha1 sha2 hmac md5 kdf gcm kernel-libipsec kernel-netlink socket-default vici',
    '    install_routes = yes',
    '    plugins {',
    '        vici {',
    `            socket = unix://${d.vici}`,
    '        }',
    '    }',
    '    filelog {',
    '        log {',
    `            path = ${path.join(d.dir, 'charon.log')}`,
    '            default = 1',
            '            flush_line = yes',
    '            ike = 2',
    '        }',
    '    }',
    '    journal {',
    '        default = -1',
    '    }',
    '}',
    'swanctl {',
    '    load = pem pkcs1 x509 pubkey openssl random',
    '}',
    '',
  ].join('\n');
}
