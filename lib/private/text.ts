/**
 * Text that a configuration controls (names, addresses, messages quoting them) reaches terminals,
 * CI logs and rendered documents. A hostile name must not rewrite a terminal (ANSI/OSC escape
 * sequences), cut a line, hide text (bidi controls) or break a renderer, and the reader should
 * see that the name holds such characters: they are shown as escapes, never dropped.
 */

// C0 (with ESC, NUL, BEL), DEL, C1 (with NEL and CSI), the line and paragraph separators, the
// bidirectional controls and marks, and the byte-order mark.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
// The same without newline and tab, for a whole output whose own lines must stay lines.
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
// The colours `azvpn check` paints itself when asked to.
const SGR = /\u001b\[[0-9;]*m/g;

/** `\n`, `\t`, `\x1b`, `\u2028`: an escape a reader recognises, valid inside a JSON string too (but `\x`). */
function escapeCharacter(c: string): string {
  switch (c) {
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    default: {
      const code = c.charCodeAt(0);
      return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    }
  }
}

/** A value (a name, an address, a message) with every control character shown as an escape. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, escapeCharacter);
}

/**
 * A whole output about to be written: every control character but newline and tab becomes an
 * escape. Characters from U+0080 up become `\uXXXX`, which keeps a JSON document valid and equal
 * in meaning; raw C0 characters never occur in JSON text. With `keepColours`, the SGR colour
 * sequences the output painted itself survive.
 */
export function escapeOutput(text: string, keepColours = false): string {
  if (!keepColours) return text.replace(CONTROLS_BUT_LAYOUT, escapeCharacter);
  let out = '';
  let last = 0;
  SGR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SGR.exec(text)) !== null) {
    out += text.slice(last, m.index).replace(CONTROLS_BUT_LAYOUT, escapeCharacter) + m[0];
    last = m.index + m[0].length;
  }
  return out + text.slice(last).replace(CONTROLS_BUT_LAYOUT, escapeCharacter);
}

/** The longest label a diagram shows; longer names end in an ellipsis (Graphviz rejects labels past 16,384 characters). */
export const MAX_LABEL_LENGTH = 120;

/** Cuts text to `max` characters (code points), ending in an ellipsis when cut. */
export function capLength(text: string, max: number = MAX_LABEL_LENGTH): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}
