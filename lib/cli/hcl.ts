import { execFileSync } from 'child_process';
import { UnusableInputError } from '../private/errors';

/**
 * Native HCL (`*.tf`) through `@cdktf/hcl2json`: HashiCorp's HCL parser compiled to WebAssembly,
 * which turns a `.tf` file into Terraform's JSON configuration syntax (blocks as arrays,
 * expressions as `${…}` templates), so the Terraform JSON adapter reads it like a `.tf.json`.
 *
 * The parser's API is asynchronous and its start-up costs about a second (loading and
 * instantiating the WebAssembly module; measured in BENCHMARKS.md), so it is loaded only when a
 * configuration has a `.tf` file, in a child process that azvpn waits for: the commands stay
 * synchronous, and a run without `.tf` files never pays for it.
 */

/** One `.tf` file to parse: the path shown in messages, and its text. */
export interface HclSource {
  readonly file: string;
  readonly text: string;
}

// Runs in the child: parses each file in order, stops at the first syntax error.
const WORKER = `
const { parse } = require(process.argv[1]);
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', async () => {
  const out = [];
  for (const f of JSON.parse(input)) {
    try {
      out.push({ file: f.file, content: await parse(f.file, f.text) });
    } catch (e) {
      out.push({ file: f.file, error: String((e && e.message) || e) });
      break;
    }
  }
  process.stdout.write(JSON.stringify(out), () => process.exit(0));
});
`;

/** Parses `.tf` files into Terraform JSON syntax; a syntax error is {@link UnusableInputError} at `file:line`. */
export function parseHcl(sources: readonly HclSource[]): Array<{ file: string; content: unknown }> {
  if (sources.length === 0) return [];
  let parser: string;
  try {
    parser = require.resolve('@cdktf/hcl2json');
  } catch {
    throw new UnusableInputError(sources[0].file, 'reading .tf files needs the package @cdktf/hcl2json, which is not installed');
  }
  let output: string;
  try {
    output = execFileSync(process.execPath, ['-e', WORKER, parser], {
      input: JSON.stringify(sources),
      encoding: 'utf8',
      maxBuffer: 2 * 1024 * 1024 * 1024 - 1,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.split('\n').find((l) => l.trim() !== '') ?? 'the parser failed';
    throw new UnusableInputError(sources[0].file, `cannot parse HCL: ${detail}`);
  }
  const parsed = JSON.parse(output) as Array<{ file: string; content?: unknown; error?: string }>;
  return parsed.map((p) => {
    if (p.error !== undefined) throw syntaxError(p.file, p.error);
    return { file: p.file, content: p.content };
  });
}

/**
 * The parser says `parse config: [main.tf:2,7-3,1: Invalid expression; Expected …]`; the user
 * reads `main.tf:2: Invalid expression; Expected …`.
 */
export function syntaxError(file: string, message: string): UnusableInputError {
  const inner = /^parse config: \[([\s\S]*)\]$/.exec(message.trim())?.[1] ?? message.trim();
  const escapedFile = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^${escapedFile}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?:\\s*([\\s\\S]*)$`).exec(inner);
  if (m) return new UnusableInputError(`${file}:${m[1]}`, `HCL syntax error at column ${m[2]}: ${firstDiagnostic(m[3])}`);
  return new UnusableInputError(file, `HCL syntax error: ${firstDiagnostic(inner)}`);
}

/** The parser joins several diagnostics with `, <file>:…`; the first one is the one to fix first. */
function firstDiagnostic(text: string): string {
  const cut = text.search(/, [^\s,]+:\d+,\d+/);
  return (cut > 0 ? text.slice(0, cut) : text).replace(/\s+/g, ' ').trim();
}

/** Where a block starts: the file and its 1-based line. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

const BLOCK_HEADER = /^\s*(resource|data)\s+"?([A-Za-z_][A-Za-z0-9_-]*)"?\s+"?([A-Za-z_][A-Za-z0-9_-]*)"?\s*\{/;
const HEREDOC_START = /<<-?\s*([A-Za-z_][A-Za-z0-9_-]*)\s*$/;

/**
 * The line of each `resource` and `data` block header of a `.tf` file (`resource "type" "name" {`),
 * by address. The JSON the parser returns has no positions, but block headers are syntax:
 * they start a line outside heredocs and comments, which this scan skips. The first header of
 * an address wins, as the adapter keeps the first block.
 */
export function blockLines(file: string, text: string, into: Map<string, SourceLocation>): void {
  const lines = text.split(/\r?\n/);
  let heredoc: string | undefined;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
      continue;
    }
    if (inComment) {
      if (line.includes('*/')) inComment = false;
      continue;
    }
    const m = BLOCK_HEADER.exec(line);
    if (m) {
      const address = m[1] === 'data' ? `data.${m[2]}.${m[3]}` : `${m[2]}.${m[3]}`;
      if (!into.has(address)) into.set(address, { file, line: i + 1 });
    }
    const withoutStrings = line.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/(#|\/\/).*$/, '');
    const heredocStart = HEREDOC_START.exec(withoutStrings);
    if (heredocStart) heredoc = heredocStart[1];
    else if (withoutStrings.lastIndexOf('/*') > withoutStrings.lastIndexOf('*/')) inComment = true;
  }
}

/** The location of the block a finding's address (`azurerm_x.y["k"]`, `data.t.n[0]`) belongs to. */
export function locationOf(address: string, locations: ReadonlyMap<string, SourceLocation>): SourceLocation | undefined {
  const base = /^(?:data\.)?[^.[\]]+\.[^.[\]]+/.exec(address)?.[0];
  return base === undefined ? undefined : locations.get(base);
}
