import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { VpnTopology } from '../../lib/constructs/vpn-topology';
import '../../lib/testing/jest';
import * as enterprise from '../../examples/enterprise';
import { azvpn } from '../cli/support';

// The enterprise example as `cdktf synth` writes it: azvpn summary and azvpn graph on its
// cdktf.out are pinned, the DOT output renders, and the README's reachability claims hold.

let outdir: string;
let stack: TerraformStack;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'enterprise-reach-'));
  const app = new App({ outdir });
  stack = enterprise.build(app);
  app.synth();
});

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** Output with the temporary directory replaced, so snapshots read like a run in the repository. */
const stable = (text: string) => text.split(outdir).join('cdktf.out');

test('GIVEN the enterprise cdktf.out WHEN azvpn summary runs THEN the Markdown summary is pinned', () => {
  const r = azvpn('summary', outdir);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  expect(stable(r.stdout)).toMatchSnapshot();
});

test('GIVEN the enterprise cdktf.out WHEN azvpn graph runs THEN the Mermaid and DOT diagrams are pinned', () => {
  const mermaid = azvpn('graph', outdir);
  const dot = azvpn('graph', outdir, '--format', 'dot');
  expect([mermaid.code, dot.code]).toEqual([0, 0]);
  expect(mermaid.stdout).toMatchSnapshot('mermaid');
  expect(dot.stdout).toMatchSnapshot('dot');
});

const hasDot = spawnSync('dot', ['-V']).status === 0;
(hasDot ? test : test.skip)('GIVEN the enterprise DOT diagram WHEN piped to dot -Tsvg THEN Graphviz draws it without a warning', () => {
  const svg = spawnSync('dot', ['-Tsvg'], { input: azvpn('graph', outdir, '--format', 'dot').stdout, encoding: 'utf-8' });
  expect({ status: svg.status, stderr: svg.stderr }).toEqual({ status: 0, stderr: '' });
  expect(svg.stdout).toContain('<svg');
});

test('GIVEN the enterprise stack WHEN asserted with toReach THEN spokes reach every branch and the second region, P2S reaches the spokes, spokes do not reach each other', () => {
  expect(stack).toReach('app', 'paris');
  expect(stack).toReach('data', 'dublin');
  expect(stack).toReach('p2s', 'shared');
  expect(stack).toReach('madrid', 'vnet-hub-neu');
  expect(stack).not.toReach('app', 'data');
  const t = VpnTopology.of(stack);
  expect(t.canReach('app', 'data').rule).toBe('peer.non-transitive');
});
