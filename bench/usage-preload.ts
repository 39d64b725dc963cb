/**
 * Preloaded (`node -r usage-preload.js bin/azvpn.js …`) into the CLI process the checker
 * benchmark runs, so that the real program runs unchanged and still reports its own peak RSS and
 * CPU time: when the process exits, it writes `process.resourceUsage()` to the file named by
 * AZVPN_BENCH_USAGE_FILE. (`/usr/bin/time -v` is not on every machine.)
 */
import * as fs from 'fs';

export interface ChildUsage {
  readonly maxRssKiB: number;
  readonly userCpuMs: number;
  readonly systemCpuMs: number;
  /** From process start to exit, as the child saw it. */
  readonly uptimeMs: number;
  readonly exitCode: number;
}

const target = process.env.AZVPN_BENCH_USAGE_FILE;
if (target) {
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    const report: ChildUsage = {
      maxRssKiB: usage.maxRSS,
      userCpuMs: usage.userCPUTime / 1000,
      systemCpuMs: usage.systemCPUTime / 1000,
      uptimeMs: process.uptime() * 1000,
      exitCode: code,
    };
    fs.writeFileSync(target, JSON.stringify(report));
  });
}
