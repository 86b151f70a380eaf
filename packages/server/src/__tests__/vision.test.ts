import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { chatText, type Json, jsonChunks, post, serve } from './helpers.ts'
import { dataUrl, gifBytes, jpegBytes, pngBytes, type WebpKind, webpBytes } from './imageBytes.ts'

// The built-in models read content parts; kindling-vision answers with what the image headers say,
// so these tests prove what was sent. Images are real header bytes built in the test.

const CHAT = '/v1/chat/completions'
const image = (url: string) => ({ type: 'image_url', image_url: { url } })
const text = (value: string) => ({ type: 'text', text: value })

interface SentImage {
  mediaType: string
  width: number
  height: number
  bytes: Uint8Array
}

const sentImage: fc.Arbitrary<SentImage> = fc.oneof(
  fc
    .record({ w: fc.integer({ min: 1, max: 2 ** 31 - 1 }), h: fc.integer({ min: 1, max: 2 ** 31 - 1 }) })
    .map(({ w, h }) => ({ mediaType: 'image/png', width: w, height: h, bytes: pngBytes(w, h) })),
  fc
    .record({ w: fc.integer({ min: 1, max: 65535 }), h: fc.integer({ min: 1, max: 65535 }) })
    .map(({ w, h }) => ({
      mediaType: 'image/gif',
      width: w,
      height: h,
      bytes: gifBytes(w, h),
    })),
  fc
    .record({ w: fc.integer({ min: 1, max: 65535 }), h: fc.integer({ min: 1, max: 65535 }), p: fc.boolean() })
    .map(({ w, h, p }) => ({ mediaType: 'image/jpeg', width: w, height: h, bytes: jpegBytes(w, h, p) })),
  fc
    .constantFrom<[WebpKind, number]>(['lossy', 16383], ['lossless', 16384], ['extended', 2 ** 24])
    .chain(([kind, max]) =>
      fc.record({ w: fc.integer({ min: 1, max }), h: fc.integer({ min: 1, max }) }).map(({ w, h }) => ({
        mediaType: 'image/webp',
        width: w,
        height: h,
        bytes: webpBytes(w, h, kind),
      })),
    ),
)

async function chat(server: { url: string }, messages: Json[], extra: Json = {}): Promise<Response> {
  return post(server as never, CHAT, { model: 'kindling-vision', messages, ...extra })
}

describe('kindling-vision', () => {
  it('is listed by /models', async () => {
    const server = await serve()
    const list = await (await fetch(`${server.url}/v1/models`)).json()
    expect(list.data.map((model: Json) => model.id)).toContain('kindling-vision')
  })

  it('reports the count, media type and pixel size of every image it was sent', async () => {
    const server = await serve()
    await fc.assert(
      fc.asyncProperty(
        fc.array(sentImage, { minLength: 0, maxLength: 4 }),
        fc.boolean(),
        async (images, stream) => {
          const parts = [
            text('What are these?'),
            ...images.map((sent) => image(dataUrl(sent.mediaType, sent.bytes))),
          ]
          const response = await chat(server, [{ role: 'user', content: parts }], { stream })
          expect(response.status).toBe(200)
          const answer = stream
            ? chatText(jsonChunks(await response.text()))
            : (await response.json()).choices[0].message.content
          const lines = answer.split('\n')
          const count =
            images.length === 0 ? 'no images' : images.length === 1 ? '1 image' : `${images.length} images`
          expect(lines[0]).toBe(`I see ${count}.`)
          images.forEach((sent, index) => {
            expect(lines[index + 1]).toBe(
              `Image ${index + 1}: ${sent.mediaType}, ${sent.width}x${sent.height} pixels, ${sent.bytes.length} bytes.`,
            )
          })
          expect(lines.at(-1)).toBe('Your text: What are these?')
        },
      ),
      { numRuns: 40 },
    )
  })

  it('says it cannot fetch a remote image rather than guessing', async () => {
    const server = await serve()
    const url = 'https://example.com/cat.png'
    const response = await chat(server, [{ role: 'user', content: [image(url)] }])
    const answer: string = (await response.json()).choices[0].message.content
    expect(answer).toBe(
      `I see 1 image.\nImage 1: ${url} is a remote URL; I cannot fetch remote images (I have no network).`,
    )
  })

  it('describes the last user message only', async () => {
    const server = await serve()
    const messages = [
      { role: 'user', content: [image(dataUrl('image/png', pngBytes(3, 4)))] },
      { role: 'assistant', content: 'A small picture.' },
      { role: 'user', content: [image(dataUrl('image/gif', gifBytes(7, 9))), text('And this?')] },
    ]
    const answer: string = (await (await chat(server, messages)).json()).choices[0].message.content
    expect(answer).toBe('I see 1 image.\nImage 1: image/gif, 7x9 pixels, 14 bytes.\nYour text: And this?')
  })
})

describe('content parts on every built-in model', () => {
  it('joins text parts as the message text', async () => {
    const server = await serve()
    const response = await post(server, CHAT, {
      model: 'kindling-echo',
      messages: [
        {
          role: 'user',
          content: [text('Hello, '), image(dataUrl('image/png', pngBytes(1, 1))), text('world')],
        },
      ],
    })
    expect((await response.json()).choices[0].message.content).toBe('Hello, world')
  })

  it('counts each image part in the prompt tokens', async () => {
    const server = await serve()
    const usage = async (images: number) => {
      const parts = [
        text('Look'),
        ...Array.from({ length: images }, () => image('https://example.com/a.png')),
      ]
      const response = await post(server, CHAT, {
        model: 'kindling-text',
        messages: [{ role: 'user', content: parts }],
      })
      return (await response.json()).usage.prompt_tokens as number
    }
    const [none, two] = [await usage(0), await usage(2)]
    expect(two - none).toBe(2 * 85)
  })

  const png = pngBytes(10, 10)
  const cases: [string, Json, string][] = [
    [
      'an unknown part type',
      { type: 'input_audio', input_audio: { data: '', format: 'wav' } },
      'messages[0].content[1].type',
    ],
    ['an image_url part without an image_url', { type: 'image_url' }, 'messages[0].content[1].image_url'],
    [
      'an image_url without a url',
      { type: 'image_url', image_url: { detail: 'low' } },
      'messages[0].content[1].image_url.url',
    ],
    ['a text part without text', { type: 'text' }, 'messages[0].content[1].text'],
    [
      'a bad detail',
      { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'max' } },
      'messages[0].content[1].image_url.detail',
    ],
    [
      'a data URL that is not base64',
      image('data:image/png;base64,not base64!'),
      'messages[0].content[1].image_url.url',
    ],
    [
      'a data URL without ;base64',
      image(`data:image/png,${Buffer.from(png).toString('latin1')}`),
      'messages[0].content[1].image_url.url',
    ],
    [
      'GIF bytes declared as PNG',
      image(dataUrl('image/png', gifBytes(4, 4))),
      'messages[0].content[1].image_url.url',
    ],
    [
      'a text file declared as an image',
      image(dataUrl('image/jpeg', new TextEncoder().encode('just some notes'))),
      'messages[0].content[1].image_url.url',
    ],
    [
      'a data URL of a non-image type',
      image(dataUrl('text/plain', new TextEncoder().encode('hi'))),
      'messages[0].content[1].image_url.url',
    ],
    [
      'an image type the models do not read',
      image(dataUrl('image/bmp', png)),
      'messages[0].content[1].image_url.url',
    ],
    [
      'a URL scheme no server can fetch',
      image('blob:http://localhost/1234'),
      'messages[0].content[1].image_url.url',
    ],
    [
      'a truncated PNG',
      image(dataUrl('image/png', png.slice(0, 20))),
      'messages[0].content[1].image_url.url',
    ],
  ]
  for (const model of ['kindling-vision', 'kindling-text']) {
    it.each(cases)(`answers 400 naming the part for %s (${model})`, async (_name, part, param) => {
      const server = await serve()
      const response = await post(server, CHAT, {
        model,
        stream: true,
        messages: [{ role: 'user', content: [text('Look:'), part] }],
      })
      expect(response.status).toBe(400)
      const { error } = await response.json()
      expect(error.param).toBe(param)
      expect(error.message).toContain(param)
      expect(error.type).toBe('invalid_request_error')
    })
  }

  it('says what the bytes really are when they do not match the declared type', async () => {
    const server = await serve()
    const response = await chat(server, [
      { role: 'user', content: [image(dataUrl('image/png', gifBytes(4, 4)))] },
    ])
    expect((await response.json()).error.message).toContain('says image/png but its bytes are image/gif')
  })

  it('names the message the bad part is in', async () => {
    const server = await serve()
    const response = await chat(server, [
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: 'hi' },
      { role: 'user', content: [text('a'), text('b'), image('data:image/gif;base64,R0lG')] },
    ])
    expect((await response.json()).error.param).toBe('messages[2].content[2].image_url.url')
  })
})
