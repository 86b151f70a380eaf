// Stream helpers shared by the client integration tests: a body that drops mid-answer, as a broken
// network would, and a reader that keeps what arrived before an error.

/** `response` with a body that errors (`TypeError: terminated`) once `bytes` bytes went through. */
export function cutBodyAfter(response: Response, bytes: number, onCut?: () => void): Response {
  if (!response.body) return response
  const reader = response.body.getReader()
  let left = bytes
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read()
      if (done) return controller.close()
      if (value.length < left) {
        left -= value.length
        return controller.enqueue(value)
      }
      if (left > 0) controller.enqueue(value.subarray(0, left))
      await reader.cancel()
      onCut?.()
      controller.error(new TypeError('terminated'))
    },
    cancel: (reason) => reader.cancel(reason),
  })
  return new Response(body, response)
}

/** Reads a chat stream to its end or error: the text read, and what it threw. */
export async function readAll(
  stream: AsyncIterable<{ choices: { delta: { content?: string | null | undefined } }[] }>,
  onChunk?: (n: number) => unknown,
): Promise<{ text: string; error: unknown }> {
  let text = ''
  let chunks = 0
  try {
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? ''
      await onChunk?.(++chunks)
    }
  } catch (error) {
    return { text, error }
  }
  return { text, error: undefined }
}
