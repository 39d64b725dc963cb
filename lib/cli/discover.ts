import { isUtf8 } from 'buffer';
import * as fs from 'fs';
import * as path from 'path';
import type * as HclModule from './hcl';
import type { SourceLocation } from './hcl';
import { locateJsonError } from './json-error';
import { UnusableInputError } from '../private/errors';

/**
 * Finds the Terraform JSON configurations named on the command line and reads them.
 *
 * A configuration is what Terraform would plan together: the plain `*.tf.json` files directly in
 * one directory, or one `cdk.tf.json` (cdktf writes one per stack, under
 * `cdktf.out/stacks/<stack>/`), or one file named explicitly. Anything unusable raises
 * {@link UnusableInputError} (exit 2, `file: problem` on one line).
 */

export interface ConfigurationFile {
  /** The path as shown to the user (relative to the PATH they gave). */
  readonly file: string;
  readonly content: unknown;
}

export interface ConfigurationSource {
  /** How the configuration is named in the output: a directory or a file. */
  readonly name: string;
  /** Display path → path to read. */
  readonly files: readonly string[];
  /** One file named on the command line: it may be `terraform show -json` output (told by content). */
  readonly named?: boolean;
  /** The directory's variable definitions files, lowest precedence first (terraform.tfvars, …, *.auto.tfvars). */
  readonly variableFiles?: readonly string[];
}

/** What a source holds: a configuration's files (and its directory's variable values), or one plan or state. */
export type SourceContent =
  | {
    readonly kind: 'configuration';
    readonly files: ConfigurationFile[];
    readonly variables?: Map<string, unknown>;
    /** Where the blocks of its `.tf` files start, by address. */
    readonly locations?: Map<string, SourceLocation>;
  }
  | { readonly kind: 'show'; readonly file: string; readonly content: unknown };

/** Files above this size are refused: no real configuration is that large, and reading it would exhaust memory. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

const CDKTF_FILE = 'cdk.tf.json';
const TF_JSON_SUFFIX = '.tf.json';
const TF_SUFFIX = '.tf';
/** Directories never searched for cdk.tf.json: dependencies and tool state (`.terraform`, `.git`). */
const SKIPPED_DIRECTORIES = new Set(['node_modules']);

/** The top-level keys of a Terraform JSON file (`//` is a comment). */
const TERRAFORM_BLOCKS = new Set([
  'resource',
  'data',
  'provider',
  'terraform',
  'variable',
  'output',
  'locals',
  'module',
  'moved',
  'import',
  'removed',
  'check',
  'ephemeral',
]);

/** Resolves the PATH arguments to configurations, in argument order; directories are searched in name order. */
export function discoverConfigurations(paths: readonly string[]): ConfigurationSource[] {
  const configurations: ConfigurationSource[] = [];
  const seen = new Set<string>();
  const add = (source: ConfigurationSource): void => {
    const key = source.files.map((f) => path.resolve(f)).join('\u0000');
    if (seen.has(key)) return;
    seen.add(key);
    configurations.push(source);
  };
  for (const given of paths) {
    const stat = statOrFail(given);
    if (stat.isDirectory()) {
      const found = discoverDirectory(given);
      if (found.length === 0) {
        throw new UnusableInputError(given, `no *${TF_JSON_SUFFIX} or *${TF_SUFFIX} file in this directory and no ${CDKTF_FILE} below it`);
      }
      found.forEach(add);
    } else if (stat.isFile()) {
      if (given.endsWith(TF_SUFFIX)) {
        add({ name: given, files: [given] });
        continue;
      }
      if (!given.endsWith('.json')) {
        throw new UnusableInputError(given, `not a ${TF_JSON_SUFFIX} or ${TF_SUFFIX} file, a terraform show -json file (plan or state, *.json) or a directory`);
      }
      add({ name: given, files: [given], named: true });
    } else {
      throw new UnusableInputError(given, 'not a regular file or a directory');
    }
  }
  return configurations;
}

function discoverDirectory(root: string): ConfigurationSource[] {
  const result: ConfigurationSource[] = [];
  const plain = listDirectory(root)
    .filter((entry) => entry.isFile && (entry.name.endsWith(TF_JSON_SUFFIX) || entry.name.endsWith(TF_SUFFIX)) && entry.name !== CDKTF_FILE)
    .map((entry) => path.join(root, entry.name));
  if (plain.length > 0) {
    const variableFiles = variableFilesOf(root);
    result.push(variableFiles.length > 0 ? { name: root, files: plain, variableFiles } : { name: root, files: plain });
  }

  // Depth-first in name order, iteratively so that a deep tree cannot overflow the stack.
  const pending = [root];
  while (pending.length > 0) {
    const directory = pending.pop() as string;
    const entries = listDirectory(directory);
    const cdktf = entries.find((entry) => entry.isFile && entry.name === CDKTF_FILE);
    if (cdktf !== undefined) {
      const file = path.join(directory, cdktf.name);
      result.push({ name: file, files: [file] });
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      if (entry.isDirectory && !entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) pending.push(path.join(directory, entry.name));
    }
  }
  return result;
}

/**
 * The variable definitions files Terraform loads from a configuration's directory, in its order
 * of precedence (later wins): terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars and
 * *.auto.tfvars.json in lexical order of their names.
 */
function variableFilesOf(root: string): string[] {
  const names = listDirectory(root).filter((e) => e.isFile).map((e) => e.name);
  const fixed = ['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n));
  const auto = names.filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json'));
  return [...fixed, ...auto].map((n) => path.join(root, n));
}

interface Entry {
  readonly name: string;
  readonly isFile: boolean;
  /** Symbolic links to directories are not followed (no cycles). */
  readonly isDirectory: boolean;
}

function listDirectory(directory: string): Entry[] {
  let dirents: fs.Dirent[];
  try {
    dirents = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new UnusableInputError(directory, `cannot read directory: ${describeSystemError(error)}`);
  }
  return dirents
    .map((d) => {
      if (d.isSymbolicLink()) {
        // A broken link named *.tf.json counts as a file, so reading it reports the problem.
        const target = statQuietly(path.join(directory, d.name));
        return { name: d.name, isFile: target === undefined || target.isFile(), isDirectory: false };
      }
      return { name: d.name, isFile: d.isFile(), isDirectory: d.isDirectory() };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Reads and parses every file of a configuration, checking that each one is Terraform JSON; `.tf`
 * files go through the HCL parser (loaded only when there is one) into the same JSON syntax.
 */
export function readConfiguration(source: ConfigurationSource): ConfigurationFile[] {
  return readConfigurationWithVariables(source).files;
}

function readConfigurationWithVariables(source: ConfigurationSource): { files: ConfigurationFile[]; variables?: Map<string, unknown>; locations?: Map<string, SourceLocation> } {
  const variableFiles = source.variableFiles ?? [];
  // One parser run for the .tf and .tfvars files (both HCL); none when there are neither.
  const hcl = [...source.files.filter((file) => file.endsWith(TF_SUFFIX)), ...variableFiles.filter((file) => file.endsWith('.tfvars'))];
  const parsed = new Map<string, unknown>();
  let locations: Map<string, SourceLocation> | undefined;
  if (hcl.length > 0) {
    const { parseHcl, blockLines } = require('./hcl') as typeof HclModule;
    const sources = hcl.map((file) => ({ file, text: readText(file) }));
    for (const p of parseHcl(sources)) parsed.set(p.file, p.content);
    locations = new Map();
    for (const { file, text } of sources) if (file.endsWith(TF_SUFFIX)) blockLines(file, text, locations);
  }
  const files = source.files.map((file) => ({ file, content: parsed.has(file) ? parsed.get(file) : readTerraformJson(file) }));
  const variables = new Map<string, unknown>();
  for (const file of variableFiles) addVariableValues(file, parsed.has(file) ? parsed.get(file) : readJson(file), variables);
  return { files, ...(variableFiles.length > 0 ? { variables } : {}), ...(locations !== undefined ? { locations } : {}) };
}

/**
 * Reads the variable definitions files given with -var-file (HCL .tfvars or .tfvars.json) into
 * `into`, in order (later wins).
 */
export function readVariableFiles(files: readonly string[], into: Map<string, unknown>): void {
  const hcl = files.filter((file) => !file.endsWith('.json'));
  const parsed = new Map<string, unknown>();
  if (hcl.length > 0) {
    const { parseHcl } = require('./hcl') as typeof HclModule;
    for (const p of parseHcl(hcl.map((file) => ({ file, text: readText(file) })))) parsed.set(p.file, p.content);
  }
  for (const file of files) addVariableValues(file, parsed.has(file) ? parsed.get(file) : readJson(file), into);
}

function addVariableValues(file: string, content: unknown, into: Map<string, unknown>): void {
  if (!isPlainObject(content)) throw new UnusableInputError(file, `not a variable definitions file: expected NAME = VALUE assignments (a JSON object), found ${describeJsonType(content)}`);
  for (const [name, value] of Object.entries(content)) {
    if (name === '//') continue;
    into.set(name, value);
  }
}

/**
 * Reads a source: a file named on its own that has a `format_version` is `terraform show -json`
 * output (a plan or a state); anything else must be a Terraform JSON configuration.
 */
export function readSource(source: ConfigurationSource): SourceContent {
  if (source.named && source.files.length === 1) {
    const file = source.files[0];
    const content = readJson(file);
    if (isPlainObject(content) && Object.prototype.hasOwnProperty.call(content, 'format_version')) return { kind: 'show', file, content };
    if (!file.endsWith(TF_JSON_SUFFIX)) {
      throw new UnusableInputError(file, 'neither terraform show -json output (no "format_version") nor a Terraform JSON configuration (which is named *.tf.json)');
    }
    checkTerraformShape(file, content);
    return { kind: 'configuration', files: [{ file, content }] };
  }
  return { kind: 'configuration', ...readConfigurationWithVariables(source) };
}

export function readTerraformJson(file: string): unknown {
  const content = readJson(file);
  checkTerraformShape(file, content);
  return content;
}

function readJson(file: string): unknown {
  return parseJson(file, readText(file));
}

function readText(file: string): string {
  const stat = statOrFail(file);
  if (!stat.isFile()) throw new UnusableInputError(file, 'not a regular file');
  if (stat.size > MAX_FILE_BYTES) {
    throw new UnusableInputError(file, `file is too large (${megabytes(stat.size)} MB; azvpn reads at most ${megabytes(MAX_FILE_BYTES)} MB)`);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new UnusableInputError(file, `cannot read file: ${describeSystemError(error)}`);
  }
  return decodeText(file, bytes);
}

function decodeText(file: string, bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UnusableInputError(file, 'UTF-16 text; save the file as UTF-8');
  }
  if (bytes.includes(0)) throw new UnusableInputError(file, 'binary file, not a Terraform configuration');
  // Validating first and then decoding costs a fraction of a fatal TextDecoder on large files.
  if (!isUtf8(bytes)) throw new UnusableInputError(file, 'not UTF-8 text, not Terraform JSON');
  const text = bytes.toString('utf-8');
  // Editors on Windows may write a byte order mark; it is not part of the JSON.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseJson(file: string, text: string): unknown {
  if (text.trim() === '') throw new UnusableInputError(file, 'empty file, expected a Terraform JSON object');
  try {
    return JSON.parse(text);
  } catch {
    const located = locateJsonError(text);
    if (located === undefined) throw new UnusableInputError(file, 'invalid JSON');
    throw new UnusableInputError(file, `invalid JSON at line ${located.line} column ${located.column}: ${located.reason}`);
  }
}

/** The cheap top-level checks; the Terraform JSON adapter checks the blocks themselves. */
function checkTerraformShape(file: string, content: unknown): void {
  if (!isPlainObject(content)) {
    throw new UnusableInputError(file, `not a Terraform configuration: the JSON value is ${describeJsonType(content)}, expected an object with blocks such as "resource"`);
  }
  let blocks = 0;
  for (const [key, value] of Object.entries(content)) {
    if (key === '//') continue;
    if (!TERRAFORM_BLOCKS.has(key)) {
      throw new UnusableInputError(file, `not a Terraform configuration: unknown top-level key ${JSON.stringify(truncate(key, 40))} (expected resource, data, provider, terraform, variable, output, locals or module)`);
    }
    if (!isPlainObject(value) && !(Array.isArray(value) && value.every(isPlainObject))) {
      throw new UnusableInputError(file, `not a Terraform configuration: "${key}" is ${describeJsonType(value)}, expected an object`);
    }
    blocks++;
  }
  if (blocks === 0) {
    throw new UnusableInputError(file, 'not a Terraform configuration: no Terraform block (resource, data, provider, terraform, variable, output, locals or module)');
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function statOrFail(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (error) {
    throw new UnusableInputError(file, describeSystemError(error));
  }
}

function statQuietly(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return code === undefined ? 'cannot be read' : `cannot be read (${code})`;
  }
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(0);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
