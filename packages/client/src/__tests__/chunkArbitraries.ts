import fc from 'fast-check'

// fast-check generators of streamed chat chunks, valid and broken, for the chunk check tests.

const tokenLogprob = fc.record(
  {
    token: fc.string(),
    logprob: fc.double({ max: 0, noNaN: true, noDefaultInfinity: true }),
    bytes: fc.option(fc.array(fc.nat(255), { maxLength: 3 })),
    top_logprobs: fc.option(
      fc.array(
        fc.record({
          token: fc.string(),
          logprob: fc.double({ max: 0, noNaN: true, noDefaultInfinity: true }),
        }),
        {
          maxLength: 2,
        },
      ),
    ),
  },
  { requiredKeys: ['token', 'logprob'] },
)

const envelope = {
  id: fc.string(),
  created: fc.option(fc.integer({ min: 0 }), { nil: undefined }),
  model: fc.string(),
  system_fingerprint: fc.option(fc.string()),
  usage: fc.option(
    fc.record(
      { prompt_tokens: fc.nat(), completion_tokens: fc.option(fc.nat()), total_tokens: fc.nat() },
      { requiredKeys: ['prompt_tokens', 'total_tokens'] },
    ),
  ),
  perf_metrics: fc.option(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double()), { maxKeys: 3 }), {
    nil: undefined,
  }),
}

/** Chat chunks as providers send them, optional fields present or not, null or not. */
export const chatChunk = fc.record({
  ...envelope,
  object: fc.constant('chat.completion.chunk'),
  system_fingerprint: fc.option(fc.string()),
  choices: fc.array(
    fc.record(
      {
        index: fc.option(fc.nat(8), { nil: undefined }),
        delta: fc.record(
          {
            role: fc.option(fc.constant('assistant')),
            content: fc.option(fc.string()),
            reasoning_content: fc.option(fc.string()),
            reasoning: fc.option(fc.string()),
            tool_calls: fc.option(
              fc.array(
                fc.record(
                  {
                    index: fc.nat(4),
                    id: fc.option(fc.string()),
                    type: fc.option(fc.constant('function')),
                    function: fc.record(
                      { name: fc.option(fc.string()), arguments: fc.string() },
                      { requiredKeys: [] },
                    ),
                  },
                  { requiredKeys: ['index'] },
                ),
              ),
            ),
          },
          { requiredKeys: [] },
        ),
        logprobs: fc.option(fc.record({ content: fc.option(fc.array(tokenLogprob, { maxLength: 2 })) })),
        finish_reason: fc.option(fc.constantFrom('stop', 'length', 'tool_calls')),
      },
      { requiredKeys: ['finish_reason'] },
    ),
    { maxLength: 3 },
  ),
})

/** Text-completion chunks, legacy logprobs included. */
export const completionChunk = fc.record({
  ...envelope,
  object: fc.constant('text_completion'),
  choices: fc.array(
    fc.record(
      {
        index: fc.nat(8),
        text: fc.string(),
        finish_reason: fc.option(fc.constantFrom('stop', 'length')),
        logprobs: fc.option(
          fc.record(
            {
              tokens: fc.option(fc.array(fc.string(), { maxLength: 2 })),
              token_logprobs: fc.option(
                fc.array(fc.option(fc.double({ max: 0, noNaN: true, noDefaultInfinity: true })), {
                  maxLength: 2,
                }),
              ),
              top_logprobs: fc.option(
                fc.array(
                  fc.option(
                    fc.dictionary(fc.string(), fc.double({ max: 0, noNaN: true, noDefaultInfinity: true }), {
                      maxKeys: 2,
                    }),
                  ),
                  {
                    maxLength: 2,
                  },
                ),
              ),
              text_offset: fc.option(fc.array(fc.nat(), { maxLength: 2 })),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: ['text'] },
    ),
    { maxLength: 3 },
  ),
})

/** A valid chunk with one thing broken: a value of another type anywhere, or a key removed. */
export const brokenChunk = breakOne(chatChunk)

/** A valid text-completion chunk with one thing broken. */
export const brokenCompletionChunk = breakOne(completionChunk)

function breakOne<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return valid.chain((chunk) =>
    fc
      .tuple(
        fc.constantFrom(...pathsOf(chunk)),
        fc.constantFrom<unknown>(
          undefined,
          null,
          7,
          'x',
          [],
          {},
          true,
          1.5,
          -1,
          Number.NaN,
          Infinity,
          'function',
        ),
      )
      .map(([path, value]) => setAt(structuredClone(chunk), path, value)),
  )
}

function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return prefix.length ? [prefix] : []
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)
  const inner = keys.flatMap((key) =>
    pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key]),
  )
  return prefix.length ? [prefix, ...inner] : inner
}

function setAt<T>(root: T, path: (string | number)[], value: unknown): T {
  let node = root as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1] as string | number
  if (value === undefined) delete node[last]
  else node[last] = value
  return root
}
