import {
  APIStreamError,
  type ChatCompletionStreamResponse,
  type CompletionStreamResponse,
  ResponseValidationError,
  toChatCompletionResponse,
  toCompletionResponse,
} from '@kindling/client'
import { type RunningServer, startServer } from '@kindling/server'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accumulateChatChunks } from '../../packages/client/src/accumulateChat.ts'
import { accumulateCompletionChunks } from '../../packages/client/src/accumulateCompletion.ts'
import { type Recording, recordStreams } from './recordings.ts'
import { createReplayer, type Outcome, splitAt, trickyOffsets } from './replay.ts'
import {
  applyEquivalent,
  type Events,
  equivalentEdits,
  hostile,
  insertHostile,
  jsonEventIndexes,
  serialize,
  toEvents,
} from './sseMutations.ts'
import { FUZZ_RUNS } from './stressConfig.ts'

// Property tests over recorded streams of every built-in model (see RELIABILITY.md): bytes that mean
// the same read the same; hostile bytes end in a typed error that keeps what came before.

let server: RunningServer
let recordings: (Recording & {
  events: Events
  expected: Outcome
  read: ReturnType<typeof createReplayer>
})[] = []
const figures = { equivalent: 0, hostile: 0, typedErrors: 0, bytes: 0, parts: 0 }

beforeAll(async () => {
  server = await startServer({ port: 0 })
  const recorded = await recordStreams(server)
  recordings = await Promise.all(
    recorded.map(async (recording) => {
      const read = createReplayer(recording)
      const expected = await read([recording.bytes])
      return { ...recording, events: toEvents(new TextDecoder().decode(recording.bytes)), expected, read }
    }),
  )
})

afterAll(async () => {
  await server?.close()
  console.log(
    `[reliability] fuzz: ${figures.equivalent} equivalent + ${figures.hostile} hostile cases over ${recordings.length} recordings, ` +
      `${figures.bytes} bytes in ${figures.parts} reads, ${figures.typedErrors} typed errors, 0 crashes, 0 hangs`,
  )
})

// Generous: about 7 ms a case on a 2-core machine; a hang still fails each case after 5 s.
const caseBudget = 20_000 + FUZZ_RUNS * 50

/** The final response of the first `count` chunks, as the stream reports it in `partial`. */
function partialOf(recording: Recording, chunks: unknown[]) {
  return recording.kind === 'chat'
    ? toChatCompletionResponse(accumulateChatChunks(chunks as ChatCompletionStreamResponse[]))
    : toCompletionResponse(accumulateCompletionChunks(chunks as CompletionStreamResponse[]))
}

/** Cut points: anywhere, or at an offset inside a UTF-8 character or a CRLF pair. */
const cutsArbitrary = fc.array(
  fc.oneof(
    fc.nat(),
    fc.nat().map((n) => -1 - n),
  ),
  { maxLength: 40 },
)
function resolveCuts(bytes: Uint8Array, cuts: number[]): number[] {
  const tricky = trickyOffsets(bytes)
  return cuts.map((cut) =>
    cut >= 0 ? cut % (bytes.length + 1) : (tricky[(-1 - cut) % Math.max(1, tricky.length)] ?? 0),
  )
}

describe('fuzzing recorded streams of every built-in model', () => {
  it('recorded every model, chat and completions, with one and several choices', () => {
    expect(recordings).toHaveLength(16)
    for (const recording of recordings) {
      expect(recording.expected.error, recording.name).toBeUndefined()
      expect(recording.expected.chunks.length, recording.name).toBeGreaterThan(3)
    }
    // kindling-text writes ASCII prose of its own; every model that repeats the prompt carries UTF-8.
    const withUtf8 = recordings.filter((recording) => trickyOffsets(recording.bytes).length > 0)
    expect(withUtf8.length).toBeGreaterThanOrEqual(8)
    const several = recordings.filter((recording) => recording.body.n === 3)
    for (const recording of several) {
      const final = recording.expected.final as { choices: unknown[] }
      expect(final.choices.length, recording.name).toBeGreaterThanOrEqual(3)
    }
  })

  it(
    'reads equivalent bytes (re-chunked, re-framed, with ignorable lines) exactly as the original',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: recordings.length - 1 }),
          equivalentEdits,
          cutsArbitrary,
          async (which, edits, cuts) => {
            const recording = recordings[which] as (typeof recordings)[number]
            const { events, tail } = applyEquivalent(recording.events, edits)
            const bytes = serialize(events, { eol: edits.eol, eolSeed: edits.eolSeed, bom: edits.bom, tail })
            const parts = splitAt(bytes, resolveCuts(bytes, cuts))
            figures.equivalent++
            figures.bytes += bytes.length
            figures.parts += parts.length
            expect(await recording.read(parts)).toEqual(recording.expected)
          },
        ),
        { numRuns: FUZZ_RUNS },
      )
    },
    caseBudget,
  )

  it(
    'ends hostile bytes with a typed error carrying exactly the chunks before them',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: recordings.length - 1 }),
          fc.nat(),
          hostile,
          fc.constantFrom('\n', '\r', '\r\n', 'mixed' as const),
          cutsArbitrary,
          async (which, where, item, eol, cuts) => {
            const recording = recordings[which] as (typeof recordings)[number]
            const at = where % recording.events.length
            const events = insertHostile(recording.events, at, item)
            const bytes = serialize(events, { eol, eolSeed: where })
            const parts = splitAt(bytes, resolveCuts(bytes, cuts))
            figures.hostile++
            figures.bytes += bytes.length
            figures.parts += parts.length
            const outcome = await recording.read(parts)
            const before = jsonEventIndexes(recording.events).filter((index) => index < at).length
            const kept = recording.expected.chunks.slice(0, before)
            const expectedClass =
              item.kind === 'error-event' || item.kind === 'error-chunk' || item.kind === 'error-field'
                ? APIStreamError
                : ResponseValidationError
            expect(outcome.error).toBeInstanceOf(expectedClass)
            expect(outcome.chunks).toEqual(kept)
            expect(outcome.error?.partial).toEqual(partialOf(recording, kept))
            figures.typedErrors++
          },
        ),
        { numRuns: FUZZ_RUNS },
      )
    },
    caseBudget,
  )
})
