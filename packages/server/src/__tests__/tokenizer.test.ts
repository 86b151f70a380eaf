import { describe, expect, it } from 'vitest'
import { countTokens, tokenize } from '../tokenizer.ts'

describe('tokenize', () => {
  it('splits words and punctuation, each with the whitespace before it', () => {
    expect(tokenize('Hello, world!')).toEqual(['Hello', ',', ' world', '!'])
    expect(tokenize("  don't  stop")).toEqual(["  don't", '  stop'])
  })

  it('gives back the text exactly when the tokens are joined', () => {
    for (const text of [
      '',
      ' ',
      'a\r\nb\n',
      'emoji 🔥 ok',
      'trailing space  ',
      '{"a":[1,2]}',
      'ünïcödé wörds',
      '\t\tx',
    ]) {
      expect(tokenize(text).join('')).toBe(text)
    }
  })

  it('counts the same tokens it splits', () => {
    expect(countTokens('')).toBe(0)
    expect(countTokens('one two three.')).toBe(4)
    expect(countTokens('{"location":"Paris"}')).toBe(9)
  })
})
