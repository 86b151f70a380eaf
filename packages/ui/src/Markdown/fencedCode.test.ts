import { describe, expect, it } from 'vitest'
import { fencedCode } from './fencedCode.ts'

describe('fencedCode', () => {
  it('reads an open fence as the parser will, without the newline the closing fence follows', () => {
    expect(fencedCode('```ts title\nconst a = 1\n')).toEqual({ language: 'ts', code: 'const a = 1' })
    expect(fencedCode('~~~\na\n\nb')).toEqual({ language: undefined, code: 'a\n\nb' })
    expect(fencedCode('  ```\n  a\n    b\n c')).toEqual({ language: undefined, code: 'a\n  b\nc' })
  })

  it('reads a closed fence followed by blank lines only, with the same code it had while open', () => {
    const open = fencedCode('```py\nx = 1\n``` not a close\n')
    expect(fencedCode('```py\nx = 1\n``` not a close\n```\n\n')).toEqual(open)
    expect(fencedCode('````\n```\n````')).toEqual({ language: undefined, code: '```' })
    expect(fencedCode('```\n```')).toEqual({ language: undefined, code: '' })
    // A shorter run, or the other character, does not close it.
    expect(fencedCode('````\na\n```\n~~~~')?.code).toBe('a\n```\n~~~~')
  })

  it('leaves anything else to the parser', () => {
    expect(fencedCode('```py\nx = 1\n```\nText after the fence')).toBeNull()
    expect(fencedCode('Text\n```\ncode\n```')).toBeNull()
    expect(fencedCode('```')).toBeNull()
    expect(fencedCode('    ```\nindented code\n')).toBeNull()
    expect(fencedCode('```a`b\nx\n')).toBeNull()
    // Escapes and character references in the info string: the parser decodes them.
    expect(fencedCode('```c&#43;&#43;\nx\n')).toBeNull()
    expect(fencedCode('```c\\+\\+\nx\n')).toBeNull()
  })
})
