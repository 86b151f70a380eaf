// The reference for the partial JSON parser's tests, written independently of it and simply
// (quadratic, regex-based): the partial value of a prefix of a JSON text is JSON.parse of the prefix
// completed by these rules: an open string is closed (after dropping an incomplete escape); a number
// that nothing follows yet, and an incomplete true/false/null, are dropped; a key whose value is
// dropped or not begun is dropped with its colon; a trailing comma is dropped; open brackets are
// closed. Nothing left means undefined.

type Token = { text: string; kind: 'punct' | 'string' | 'scalar'; isKey?: boolean }

const STRING = /^"(?:[^"\\]|\\.)*"/s
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/
const LITERAL = /^(?:true|false|null)/

// The content of an open string up to its last complete escape.
function completeEscapes(raw: string): string {
  let i = 0
  while (i < raw.length) {
    if (raw[i] !== '\\') {
      i++
      continue
    }
    if (i + 1 >= raw.length) return raw.slice(0, i)
    if (raw[i + 1] === 'u') {
      if (!/^[0-9a-fA-F]{4}/.test(raw.slice(i + 2, i + 6))) return raw.slice(0, i)
      i += 6
    } else i += 2
  }
  return raw
}

/** The partial value of `prefix`, a prefix of a valid JSON text. */
export function expectedPartial(prefix: string): unknown {
  const tokens: Token[] = []
  let rest = prefix
  while (rest.length > 0) {
    const space = /^\s+/.exec(rest)
    if (space) {
      rest = rest.slice(space[0].length)
      continue
    }
    const char = rest[0] as string
    if ('{}[],:'.includes(char)) {
      tokens.push({ text: char, kind: 'punct' })
      rest = rest.slice(1)
    } else if (char === '"') {
      const match = STRING.exec(rest)
      const isKey = isKeyPosition(tokens)
      if (!match) {
        // An open string: the last token of the prefix.
        if (!isKey) tokens.push({ text: `"${completeEscapes(rest.slice(1))}"`, kind: 'string' })
        rest = ''
      } else {
        tokens.push({ text: match[0], kind: 'string', isKey })
        rest = rest.slice(match[0].length)
      }
    } else {
      const match = NUMBER.exec(rest) ?? LITERAL.exec(rest)
      const isNumber = char === '-' || (char >= '0' && char <= '9')
      // A number is complete only when something other than a number character follows it.
      const next = match ? rest[match[0].length] : undefined
      if (!match || (isNumber && (next === undefined || '0123456789.eE+-'.includes(next)))) rest = ''
      else {
        tokens.push({ text: match[0], kind: 'scalar' })
        rest = rest.slice(match[0].length)
      }
    }
  }
  // Drop what cannot be shown: trailing commas, colons and the keys before them, a lone key.
  for (;;) {
    const last = tokens.at(-1)
    if (last?.text === ',' && last.kind === 'punct') tokens.pop()
    else if (last?.text === ':' && last.kind === 'punct') tokens.splice(-2, 2)
    else if (last?.isKey) tokens.pop()
    else break
  }
  if (tokens.length === 0) return undefined
  const open: string[] = []
  for (const token of tokens) {
    if (token.kind !== 'punct') continue
    if (token.text === '{') open.push('}')
    else if (token.text === '[') open.push(']')
    else if (token.text === '}' || token.text === ']') open.pop()
  }
  return JSON.parse(tokens.map((token) => token.text).join('') + open.reverse().join(''))
}

// A string is a key when it follows `{` or a comma inside an object.
function isKeyPosition(tokens: readonly Token[]): boolean {
  const last = tokens.at(-1)
  if (last?.kind !== 'punct') return false
  if (last.text === '{') return true
  if (last.text !== ',') return false
  // Find the innermost open container before this comma.
  let depth = 0
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] as Token
    if (token.kind !== 'punct') continue
    if (token.text === '}' || token.text === ']') depth++
    else if (token.text === '{' || token.text === '[') {
      if (depth === 0) return token.text === '{'
      depth--
    }
  }
  return false
}
