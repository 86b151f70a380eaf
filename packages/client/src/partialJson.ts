import { KindlingError } from './errors.ts'
import { createPartialSnapshotter, type PartialSnapshotter } from './partialJsonSnapshot.ts'

// A streaming JSON parser that builds the value as the text arrives. Each character is looked at
// once, so a chunk costs time proportional to its length, not to the text so far (re-parsing the
// whole text on every chunk, as the AI SDK's parsePartialJson does, is quadratic).

/** Why a text is not JSON. */
export type PartialJsonErrorReason = 'unexpected-character' | 'unexpected-end'

/** The text is not JSON: `offset` is the index (in the whole text, in UTF-16 units) where it stops being so. */
export class PartialJsonError extends KindlingError {
  override name = 'PartialJsonError'
  constructor(
    readonly reason: PartialJsonErrorReason,
    readonly offset: number,
    message: string,
  ) {
    super(message)
  }
}

/** An incremental JSON parser: see {@link createPartialJsonParser}. */
export interface PartialJsonParser {
  /** Parses the next piece of the text; returns the value so far (`undefined` before one begins). */
  push(chunk: string): unknown
  /** Ends the text: returns the complete value, or throws {@link PartialJsonError} if it is incomplete. */
  end(): unknown
  /** The value so far, as the last `push` returned it. */
  readonly value: unknown
  /**
   * A copy of the value so far that later pushes leave alone, for UIs that compare by identity: a
   * finished object or array is copied once and the same copy appears in every later snapshot, so
   * a snapshot costs the width of the containers still open, not the size of the value.
   */
  snapshot(): unknown
}

type Container = Record<string, unknown> | unknown[]

enum Mode {
  Value, // a value may start here
  After, // a value just ended
  Key, // an object key may start here
  Colon,
  String,
  Escape,
  Unicode,
  Number,
  Literal,
  Ended,
}

// Number states: which characters may follow. Terminal states (a number may end there) are marked.
enum Num {
  Minus, // '-': a digit must follow
  Zero, // terminal
  Int, // terminal
  Dot, // a digit must follow
  Frac, // terminal
  Exp, // a sign or digit must follow
  ExpSign, // a digit must follow
  ExpDigits, // terminal
}
const isTerminal = (state: Num) =>
  state === Num.Zero || state === Num.Int || state === Num.Frac || state === Num.ExpDigits

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}
const LITERALS: Record<string, [string, unknown]> = {
  t: ['true', true],
  f: ['false', false],
  n: ['null', null],
}

const isSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09
const isDigit = (code: number) => code >= 0x30 && code <= 0x39

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  if (code >= 0x61 && code <= 0x66) return code - 0x57
  if (code >= 0x41 && code <= 0x46) return code - 0x37
  return -1
}

// `__proto__` as an assignment would set the prototype; JSON.parse makes it an own property.
function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true })
  } else object[key] = value
}

/**
 * Creates a streaming JSON parser. What `push` returns (the partial value) is defined as the value of
 * the text so far once it is completed by closing what is open and dropping what cannot be shown yet:
 * - a string that has begun is there, filled so far (an escape sequence appears once complete);
 * - a number appears once something follows it (it could still grow), or at `end()`; `true`,
 *   `false` and `null` once complete;
 * - objects and arrays are there from their opening bracket, with their members so far; an object
 *   key whose value has not begun (or is an incomplete number or literal) is absent.
 *
 * The value is built in place: each `push` returns the same object, grown. Take
 * `snapshot()` to keep a copy. Invalid JSON throws {@link PartialJsonError} at the offset
 * of the first character that cannot continue a JSON text; so does every later call.
 */
export function createPartialJsonParser(): PartialJsonParser {
  let root: unknown
  let mode = Mode.Value
  let allowClose = false // after `[` or `{`: the closer may come at once
  // The innermost open container, whether it is an array, and the key being filled in it; the
  // outer ones wait on the stacks.
  let top: Container | undefined
  let topIsArray = false
  let key = ''
  const containers: (Container | undefined)[] = []
  const keys: string[] = []
  let consumed = 0 // characters of earlier chunks
  let text = '' // the string (value or key) being read
  let stringIsKey = false
  let stringShown = false // the string value being read is already in its container
  let unicode = 0
  let unicodeDigits = 0
  let numText = '' // the number's text from earlier chunks
  let numFrom = 0 // where the number's text not yet in numText starts, in this chunk
  // Integers of up to 15 digits are summed as they are read: no string, and exact.
  let numSimple = true
  let numNegative = false
  let numInt = 0
  let numDigits = 0
  let numState = Num.Minus
  let literal = ''
  let literalValue: unknown = null
  let literalAt = 0
  let failure: PartialJsonError | undefined
  let snapshotter: PartialSnapshotter | undefined

  const fail = (reason: PartialJsonErrorReason, offset: number, message: string): never => {
    failure = new PartialJsonError(reason, offset, `Invalid JSON at offset ${offset}: ${message}.`)
    throw failure
  }
  const unexpected = (chunk: string, i: number): never =>
    fail('unexpected-character', consumed + i, `unexpected ${JSON.stringify(chunk[i])}`)

  // Puts a value where the parser stands: the root, the next array item, or the current key.
  const attach = (value: unknown) => {
    if (top === undefined) root = value
    else if (topIsArray) (top as unknown[]).push(value)
    else setKey(top as Record<string, unknown>, key, value)
  }
  // Replaces the value attached last (a string that grew).
  const replaceLast = (value: unknown) => {
    if (top === undefined) root = value
    else if (topIsArray) (top as unknown[])[(top as unknown[]).length - 1] = value
    else setKey(top as Record<string, unknown>, key, value)
  }
  const showString = () => {
    if (stringShown) replaceLast(text)
    else attach(text)
    stringShown = true
  }
  const open = (container: Container, isArray: boolean) => {
    attach(container)
    containers.push(top)
    keys.push(key)
    top = container
    topIsArray = isArray
    key = ''
    allowClose = true
  }
  const close = () => {
    top = containers.pop()
    key = keys.pop() as string
    topIsArray = Array.isArray(top)
  }

  const numberValue = (rest: string) =>
    numSimple && numDigits <= 15 ? (numNegative ? -numInt : numInt) : Number(numText + rest)

  function step(chunk: string): void {
    const length = chunk.length
    let m = mode // a local: the loop reads it for every character
    let i = 0
    while (i < length) {
      switch (m) {
        case Mode.String: {
          const start = i
          let code = 0
          while (i < length) {
            code = chunk.charCodeAt(i)
            if (code === 0x22 || code === 0x5c || code < 0x20) break
            i++
          }
          if (i > start) text += chunk.slice(start, i)
          if (i === length) break
          if (code === 0x22) {
            if (stringIsKey) {
              key = text
              m = Mode.Colon
            } else {
              showString()
              m = Mode.After
            }
          } else if (code === 0x5c) m = Mode.Escape
          else fail('unexpected-character', consumed + i, 'a control character in a string (escape it)')
          i++
          break
        }
        case Mode.After: {
          const code = chunk.charCodeAt(i)
          if (top === undefined) {
            if (!isSpace(code)) unexpected(chunk, i)
          } else if (code === 0x2c) {
            allowClose = false
            m = topIsArray ? Mode.Value : Mode.Key
          } else if (code === (topIsArray ? 0x5d : 0x7d)) close()
          else if (!isSpace(code)) unexpected(chunk, i)
          i++
          break
        }
        case Mode.Key: {
          const code = chunk.charCodeAt(i)
          if (code === 0x22) {
            text = ''
            stringIsKey = true
            m = Mode.String
          } else if (code === 0x7d && allowClose) {
            close()
            m = Mode.After
          } else if (!isSpace(code)) unexpected(chunk, i)
          i++
          break
        }
        case Mode.Colon: {
          const code = chunk.charCodeAt(i)
          if (code === 0x3a) {
            allowClose = false
            m = Mode.Value
          } else if (!isSpace(code)) unexpected(chunk, i)
          i++
          break
        }
        case Mode.Value: {
          const code = chunk.charCodeAt(i)
          if (code === 0x22) {
            text = ''
            stringIsKey = false
            stringShown = false
            m = Mode.String
          } else if (code === 0x2d || isDigit(code)) {
            numText = ''
            numFrom = i
            numSimple = true
            numNegative = code === 0x2d
            numInt = numNegative ? 0 : code - 0x30
            numDigits = numNegative ? 0 : 1
            numState = numNegative ? Num.Minus : code === 0x30 ? Num.Zero : Num.Int
            m = Mode.Number
          } else if (code === 0x7b) {
            open({}, false)
            m = Mode.Key
          } else if (code === 0x5b) {
            open([], true)
            m = Mode.Value
          } else if (code === 0x5d && allowClose && topIsArray) {
            close()
            m = Mode.After
          } else if (!isSpace(code)) {
            const entry = LITERALS[chunk[i] as string]
            if (entry === undefined) unexpected(chunk, i)
            ;[literal, literalValue] = entry as [string, unknown]
            literalAt = 1
            m = Mode.Literal
          }
          i++
          break
        }
        case Mode.Number: {
          while (i < length) {
            const code = chunk.charCodeAt(i)
            if (isDigit(code)) {
              if (numState === Num.Zero) unexpected(chunk, i)
              if (numState === Num.Int || numState === Num.Minus) {
                if (numState === Num.Minus) numState = code === 0x30 ? Num.Zero : Num.Int
                numInt = numInt * 10 + (code - 0x30)
                numDigits++
              } else if (numState === Num.Dot) numState = Num.Frac
              else if (numState === Num.Exp || numState === Num.ExpSign) numState = Num.ExpDigits
            } else if (code === 0x2e) {
              if (numState !== Num.Zero && numState !== Num.Int) unexpected(chunk, i)
              numState = Num.Dot
              numSimple = false
            } else if (code === 0x65 || code === 0x45) {
              if (numState !== Num.Zero && numState !== Num.Int && numState !== Num.Frac) unexpected(chunk, i)
              numState = Num.Exp
              numSimple = false
            } else if (code === 0x2b || code === 0x2d) {
              if (numState !== Num.Exp) unexpected(chunk, i)
              numState = Num.ExpSign
            } else break
            i++
          }
          if (i === length) break
          if (!isTerminal(numState)) unexpected(chunk, i)
          attach(numberValue(chunk.slice(numFrom, i)))
          m = Mode.After // the character after the number is read there
          break
        }
        case Mode.Literal: {
          if (chunk[i] !== literal[literalAt]) unexpected(chunk, i)
          i++
          if (++literalAt === literal.length) {
            attach(literalValue)
            m = Mode.After
          }
          break
        }
        case Mode.Escape: {
          const char = chunk[i] as string
          if (char === 'u') {
            unicode = 0
            unicodeDigits = 0
            m = Mode.Unicode
          } else {
            const escaped = ESCAPES[char]
            if (escaped === undefined)
              fail('unexpected-character', consumed + i, `an invalid escape '\\${char}'`)
            text += escaped
            m = Mode.String
          }
          i++
          break
        }
        case Mode.Unicode: {
          const digit = hexValue(chunk.charCodeAt(i))
          if (digit < 0) fail('unexpected-character', consumed + i, 'a \\u escape needs 4 hex digits')
          unicode = unicode * 16 + digit
          if (++unicodeDigits === 4) {
            text += String.fromCharCode(unicode)
            m = Mode.String
          }
          i++
          break
        }
      }
    }
    mode = m
    if (m === Mode.Number) {
      numText += chunk.slice(numFrom)
      numFrom = 0
    }
    // A string value shows what it holds so far; a key shows nothing until its value begins.
    if ((m === Mode.String || m === Mode.Escape || m === Mode.Unicode) && !stringIsKey) showString()
  }

  return {
    push(chunk) {
      if (failure) throw failure
      if (mode === Mode.Ended) throw new KindlingError('push() after end(): the parser has finished.')
      step(chunk)
      consumed += chunk.length
      return root
    },
    end() {
      if (failure) throw failure
      if (mode === Mode.Number && isTerminal(numState)) {
        attach(numberValue(''))
        mode = Mode.After
      }
      if (mode !== Mode.After || top !== undefined) {
        fail(
          'unexpected-end',
          consumed,
          consumed === 0 ? 'the text is empty' : 'the text ends before the value does',
        )
      }
      mode = Mode.Ended
      return root
    },
    get value() {
      return root
    },
    snapshot() {
      snapshotter ??= createPartialSnapshotter()
      // The stack holds what was `top` before each open: `undefined` below the root.
      const open: object[] = []
      for (const container of containers) if (container !== undefined) open.push(container)
      if (top !== undefined) open.push(top)
      return snapshotter(root, open)
    },
  }
}
