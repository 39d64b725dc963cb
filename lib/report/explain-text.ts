import { ReachHop } from '../reach/types';

/** The lines `azvpn reach` prints for one answer. */
export function explanationText(from: string, to: string, status: string, reason: string, hops: readonly ReachHop[], notes: readonly string[]): string {
  const lines = [`${from} → ${to}: ${status}`];
  if (status === 'reachable') lines.push(`  path: ${reason}`);
  else lines.push(`  ${status === 'unknown' ? 'why unknown' : 'why not'}: ${reason}`);
  hops.forEach((h, i) => lines.push(`  ${i + 1}. ${h.from} → ${h.to}: ${h.reason}${h.via ? ` [${h.via}]` : ''}`));
  for (const n of notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}
