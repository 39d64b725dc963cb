import * as fs from 'fs';
import * as path from 'path';
import { CommandFunction, parseOptions, ParsedOptions, quote, runCommand, UsageError } from './command';
import { discoverConfigurations, readSource } from './discover';
import { printable } from './format';
import { DeviceSpecError, deviceSpecFromTopology, siteNames } from '../devices/device-spec';
import { markedPlaceholder } from '../devices/render-support';
import { deviceVendor, deviceVendors } from '../devices/vendors';
import { topologyFromTerraformJson } from '../terraform-json';
import { topologyFromTerraformShow } from '../terraform-json/show';
import { Topology } from '../model/topology';
import { parsePrefix } from '../private/cidr';
import { UnusableInputError } from '../private/errors';

/**
 * `azvpn device-config STATE --site NAME --vendor V [--out DIR] [--advertise CIDR...]`: the
 * on-premises device's configuration for one local network gateway.
 *
 * Exit codes: 0 written; 3 written with placeholders for values known only after apply (the
 * input was a configuration, not a state; the placeholders are listed on stderr); 2 unusable
 * input or command line (one line on stderr, nothing written).
 */

export const EXIT_WRITTEN = 0;
export { EXIT_UNUSABLE } from './command';
export const EXIT_PLACEHOLDERS = 3;

export const DEVICE_CONFIG_USAGE = `Usage: azvpn device-config STATE --site NAME --vendor VENDOR [--out DIR] [--advertise CIDR...]

Writes the on-premises device's configuration for one site (local network gateway): one tunnel
per Azure gateway instance (two when active-active, matched by ip_configuration name), the
connection's ipsec_policy mirrored exactly or Azure's default proposals, lifetimes, DPD, the
pre-shared key, traffic selectors and, for BGP, one neighbour per instance.
  STATE         what \`terraform show -json\` prints after apply (public IPs, BGP addresses and the
                key are known there). A Terraform JSON configuration (a .tf.json file, a directory,
                cdktf.out) also works: values known only after apply become {{REPLACE:NAME}}
                placeholders, listed on stderr, and the exit code is 3.
  --site NAME   the local network gateway's Azure name or Terraform address
  --vendor V    ${deviceVendors().map((v) => v.name).join(', ')}
  --out DIR     write DIR/<file> with mode 0600 (it holds the pre-shared key) instead of stdout
  --advertise CIDR...   prefixes the device announces over BGP

Exit codes: 0 written, 3 written with placeholders, 2 unusable input or command line.
`;

interface DeviceConfigOptions {
  readonly input: string;
  readonly site: string;
  readonly vendor: string;
  readonly out?: string;
  readonly advertise: string[];
}

const SINGLE_VALUED = ['--site', '--vendor', '--out'];

export const deviceConfigCommand: CommandFunction = (args, io) =>
  runCommand(io, () => {
    const parsed = parseOptions(args, 'device-config', { repeatable: SINGLE_VALUED, variadic: ['--advertise'] });
    if (parsed.help) return { stdout: DEVICE_CONFIG_USAGE, code: EXIT_WRITTEN };
    const result = generateOrExplain(options(parsed));
    if (result.write) writePrivateFile(result.write.file, result.write.content);
    return result;
  });

function options(parsed: ParsedOptions): DeviceConfigOptions {
  const one = (option: string): string | undefined => {
    const values = parsed.values.get(option) ?? [];
    if (values.length > 1) throw new UsageError(`option ${option} is given ${values.length} times; give it once (see azvpn device-config --help)`);
    return values[0];
  };
  const site = one('--site');
  const vendor = one('--vendor');
  const out = one('--out');
  const advertise = [...(parsed.values.get('--advertise') ?? [])];
  if (parsed.positionals.length !== 1) throw new UsageError(`device-config needs exactly one STATE, got ${parsed.positionals.length} (see azvpn device-config --help)`);
  if (site === undefined) throw new UsageError('device-config needs --site NAME (the local network gateway\'s name or Terraform address)');
  if (vendor === undefined) throw new UsageError(`device-config needs --vendor (${deviceVendors().map((v) => v.name).join(', ')})`);
  for (const prefix of advertise) {
    const prefixParsed = parsePrefix(prefix);
    if (!prefixParsed || prefixParsed.version !== 4 || !prefix.includes('/') || !prefixParsed.aligned) throw new UsageError(`--advertise ${quote(prefix)} is not an IPv4 prefix in CIDR notation (for example 10.100.0.0/24)`);
  }
  return { input: parsed.positionals[0], site, vendor, advertise, ...(out === undefined ? {} : { out }) };
}

/** What the spec or a vendor cannot build from (an unknown site, a gateway not in the file, FRR for a static site) is unusable input. */
function generateOrExplain(options: DeviceConfigOptions): ReturnType<typeof generate> {
  try {
    return generate(options);
  } catch (error) {
    if (error instanceof DeviceSpecError) throw new UsageError(error.message);
    throw error;
  }
}

function generate(options: DeviceConfigOptions): { stdout: string; stderr: string; code: number; write?: { file: string; content: string } } {
  const vendor = deviceVendor(options.vendor);
  if (!vendor) throw new UsageError(`unknown vendor ${quote(options.vendor)} (expected ${deviceVendors().map((v) => v.name).join(', ')})`);
  const topology = loadTopology(options.input, options.site);
  const spec = deviceSpecFromTopology(topology, options.site, { advertise: options.advertise });
  const content = vendor.render(spec);
  // Only what this vendor's file contains: an FRR file for an APIPA site is complete even from a configuration.
  const used = spec.placeholders.filter((p) => content.includes(markedPlaceholder(p)));
  const placeholders = used.length === 0
    ? ''
    : `azvpn: ${options.input} is a configuration, not a state: ${used.length} value(s) known only after apply are placeholders:\n` +
      used.map((p) => `  ${markedPlaceholder(p)}  ${printable(p.description)}\n`).join('') +
      'azvpn: run it again on `terraform show -json` output after apply to fill them in\n';
  const code = used.length === 0 ? EXIT_WRITTEN : EXIT_PLACEHOLDERS;
  if (options.out === undefined) return { stdout: content, stderr: placeholders, code };
  const file = path.join(options.out, vendor.fileName);
  return { stdout: `wrote ${file} (mode 0600: it holds the pre-shared key)\n`, stderr: placeholders, code, write: { file, content } };
}

/**
 * The topology from a `terraform show -json` document, or else from a Terraform JSON
 * configuration; with several configurations (cdktf.out), the one that has the site.
 */
function loadTopology(input: string, site: string): Topology {
  if (input === '') throw new UsageError('STATE is empty');
  const topologies = discoverConfigurations([input]).map((source) => {
    const content = readSource(source);
    return content.kind === 'show' ? topologyFromTerraformShow(content.file, content.content) : topologyFromTerraformJson(content.files);
  });
  const withSite = topologies.find((t) => t.localGateways.some((l) => l.address === site || l.name === site));
  return withSite ?? topologies[0] ?? emptyHint(input, topologies);
}

function emptyHint(input: string, topologies: Topology[]): never {
  const sites = topologies.flatMap(siteNames);
  throw new UnusableInputError(input, `no configuration found${sites.length ? ` (sites: ${sites.join(', ')})` : ''}`);
}

/** Mode 0600 from the first byte: the file holds the pre-shared key. */
function writePrivateFile(file: string, content: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fd = fs.openSync(file, 'w', 0o600);
    try {
      fs.fchmodSync(fd, 0o600);
      fs.writeFileSync(fd, content);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw new UnusableInputError(file, `cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
