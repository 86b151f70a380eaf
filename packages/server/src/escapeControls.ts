// C0 and C1 controls, DEL, the line and paragraph separators, and every bidirectional control
// (embeddings, overrides, isolates, marks): what can forge a log line or make it read differently.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * `text` with every control character written as a visible escape (`\n`, `\x1b`, `\u202e`), so a
 * line built from request data stays one line and reads as it is.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => {
    if (char === '\n') return '\\n'
    if (char === '\r') return '\\r'
    if (char === '\t') return '\\t'
    const code = char.charCodeAt(0)
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
