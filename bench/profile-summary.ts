/**
 * Reads a V8 CPU profile (`.cpuprofile`, from `node --cpu-prof` or the inspector) and says where
 * the time went: the functions with the most self time, and self time per code area.
 */
import * as fs from 'fs';
import * as inspector from 'inspector';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: number[];
}

interface CpuProfile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

export interface SelfTime {
  readonly name: string;
  readonly where: string;
  readonly selfMs: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly topFunctions: SelfTime[];
  readonly byArea: Array<{ readonly area: string; readonly selfMs: number; readonly share: number }>;
}

/** Profiles `work` with the in-process inspector, so the profile covers exactly that window. */
export async function profile<T>(work: () => T): Promise<{ result: T; profile: object }> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params ?? {}, (error, value) => (error ? reject(error) : resolve(value))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  const result = work();
  const { profile: data } = await post('Profiler.stop');
  session.disconnect();
  return { result, profile: data as object };
}

export function summarizeProfileFile(file: string, top = 15): ProfileSummary {
  return summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf-8')) as CpuProfile, top);
}

export function summarizeProfile(data: object, top = 15): ProfileSummary {
  const profileData = data as CpuProfile;
  const byId = new Map(profileData.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; attribute it to the sample's node.
  for (let i = 0; i < profileData.samples.length; i++) {
    const id = profileData.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, profileData.timeDeltas[i] ?? 0));
  }
  const byFunction = new Map<string, { name: string; where: string; us: number }>();
  const byArea = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = byFunction.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
    const area = areaOf(frame.url, name);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    totalUs += us;
  }
  const share = (us: number) => (totalUs > 0 ? us / totalUs : 0);
  return {
    totalMs: totalUs / 1000,
    topFunctions: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: f.us / 1000, share: share(f.us) })),
    byArea: [...byArea.entries()].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, selfMs: us / 1000, share: share(us) })),
  };
}

function shortUrl(url: string): string {
  const text = url.replace(/^file:\/\//, '');
  const nm = text.lastIndexOf('node_modules/');
  if (nm >= 0) return text.slice(nm + 'node_modules/'.length);
  const lib = text.lastIndexOf('/lib/');
  if (lib >= 0 && !text.includes('/bench/')) return text.slice(lib + 1);
  const bench = text.lastIndexOf('/bench/');
  if (bench >= 0) return text.slice(bench + 1);
  return text;
}

/** Coarse code areas: which package, or which part of this library. */
function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const text = url.replace(/^file:\/\//, '');
  const nm = text.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = text.slice(nm + 'node_modules/'.length).split('/');
    const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    if (pkg === 'cdktf') return `cdktf/${rest[1] === 'lib' ? (rest[2] ?? '').replace(/\.js$/, '') : rest[1]}`;
    return pkg;
  }
  if (text.startsWith('node:') || !text.startsWith('/')) return 'node internals';
  if (text.includes('/bench/')) return 'bench (the topology code itself)';
  const lib = text.lastIndexOf('/lib/');
  if (lib >= 0) {
    const parts = text.slice(lib + 5).split('/');
    return `cdktf-azure-vpn lib/${parts.length > 1 ? parts[0] : parts[0].replace(/\.js$/, '')}`;
  }
  return text;
}
