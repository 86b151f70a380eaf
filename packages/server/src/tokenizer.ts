// A word (with the whitespace before it), one other visible character (with its whitespace), or
// trailing whitespace. Every character of the input lands in exactly one token.
const TOKEN_PATTERN = /\s*[\p{L}\p{N}_']+|\s*[^\s\p{L}\p{N}_']|\s+/gu

/**
 * Splits text into tokens: each word or punctuation mark together with the whitespace before it.
 * Joining the tokens gives back the text exactly. This one tokenizer counts every `usage` figure
 * the server reports and cuts every stream into deltas.
 *
 * @example tokenize('Hello, world!') // ['Hello', ',', ' world', '!']
 */
export function tokenize(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? []
}

/** The tokens of `text` one at a time, as {@link tokenize} splits it, with no array of them all. */
export function* iterateTokens(text: string): Generator<string> {
  for (const match of text.matchAll(TOKEN_PATTERN)) yield match[0]
}

/** The number of tokens in `text`, as {@link tokenize} splits it. */
export function countTokens(text: string): number {
  let count = 0
  for (const _ of text.matchAll(TOKEN_PATTERN)) count++
  return count
}
