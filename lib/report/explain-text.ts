import { escapeControls as e } from '../private/text';
import { ReachHop } from '../reach/types';

/** The lines `azvpn reach` prints for one answer; names from the configuration show control characters as escapes. */
export function explanationText(from: string, to: string, status: string, reason: string, hops: readonly ReachHop[], notes: readonly string[]): string {
  const lines = [`${e(from)} → ${e(to)}: ${status}`];
  if (status === 'reachable') lines.push(`  path: ${e(reason)}`);
  else lines.push(`  ${status === 'unknown' ? 'why unknown' : 'why not'}: ${e(reason)}`);
  hops.forEach((h, i) => lines.push(`  ${i + 1}. ${e(h.from)} → ${e(h.to)}: ${e(h.reason)}${h.via ? ` [${e(h.via)}]` : ''}`));
  for (const n of notes) lines.push(`  note: ${e(n)}`);
  return `${lines.join('\n')}\n`;
}
