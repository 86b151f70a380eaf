import { APIError, type ChatCompletionStream, KindlingError } from '@kindling/client'
import type { ChatUIMessage } from './chatMessage.ts'
import { type ChatState, withChangedMessages } from './chatState.ts'
import { getNode, replaceMessages } from './messageTree.ts'
import type { ChatRequestConfig } from './requestRunner.ts'

// Resume on reload: an answer a `@kindling/server` keeps (resumable streams) carries its stream's id
// on the streaming message, saved with the thread when the answer starts. A chat that loads such a
// message reads the stream again from its first event (the replay is exact, so no event counter has
// to be saved per token) and continues the same message.

/** The server stream an answer is read from: enough to read it again after a reload. */
export interface StreamRef {
  /** The stream's id (the `x-kindling-stream-id` response header). */
  readonly id: string
  /**
   * The `x-kindling-resume-token` of a stream started without an API key: the server binds such a
   * stream to it, so it is the one credential that can read or stop it (kept with the thread).
   */
  readonly resumeToken?: string | undefined
}

/** An answer that was streaming when its page went away, with the stream to read it from. */
export type ResumableMessage = ChatUIMessage & { readonly stream: StreamRef }

/**
 * The answer could not be resumed: the server no longer has its stream (it expired, the server
 * restarted without a shared store, or it was started with other credentials) or it stopped early.
 * The message keeps the text it had.
 */
export class StreamResumeError extends KindlingError {
  override name = 'StreamResumeError'
  constructor(
    /** The stream that could not be read again. */
    readonly streamId: string,
    /** The server's answer (`NotFoundError` for an expired stream, a 410 for one stopped early). */
    override readonly cause: unknown,
  ) {
    super(
      'The answer in progress could not be resumed: the server no longer has its stream (it expired or stopped early). The text received before is kept; regenerate to ask again.',
      { cause },
    )
  }
}

const STREAM_ID_HEADER = 'x-kindling-stream-id'
const RESUME_TOKEN_HEADER = 'x-kindling-resume-token'

/** The stream a response can be resumed from, when the server numbered it (resumable streams on). */
export function streamRefOf(stream: ChatCompletionStream): StreamRef | undefined {
  const id = stream.response.headers.get(STREAM_ID_HEADER)
  if (!id) return undefined
  const resumeToken = stream.response.headers.get(RESUME_TOKEN_HEADER) ?? undefined
  return resumeToken ? { id, resumeToken } : { id }
}

/** The active path's last message when it is an answer cut off mid-stream that can be resumed. */
export function resumableMessageOf(state: ChatState): ResumableMessage | undefined {
  const last = state.messages.at(-1)
  // A message streaming here is this engine's own run; a loaded one reads `stopped`.
  if (last?.role !== 'assistant' || !last.stream || last.status === 'streaming') return undefined
  return last as ResumableMessage
}

/** Opens `ref`'s stream again from its first event; a stream the server lost is a {@link StreamResumeError}. */
export function openResumedStream(
  config: ChatRequestConfig,
  ref: StreamRef,
): (signal: AbortSignal) => Promise<ChatCompletionStream> {
  return async (signal) => {
    try {
      return await config.client.chatCompletion.resume(ref.id, {
        ...config.requestOptions,
        after: 0,
        resumeToken: ref.resumeToken,
        signal,
      })
    } catch (error) {
      if (error instanceof APIError && (error.status === 404 || error.status === 410))
        throw new StreamResumeError(ref.id, error)
      throw error
    }
  }
}

/**
 * Whether a stream read ended because another reader stopped it (the server's `stream_cancelled`,
 * in the stream or on a resume): another tab's stop, which this chat shows as stopped, not failed.
 */
export function stoppedByAnotherReader(error: unknown): boolean {
  const cause = error instanceof StreamResumeError ? error.cause : error
  return cause instanceof APIError && cause.code === 'stream_cancelled'
}

/** The state fields that put `ref` on a run's messages, so the next save keeps it. */
export function withStreamRef(
  state: ChatState,
  messageIds: readonly string[],
  ref: StreamRef,
): Pick<ChatState, 'tree' | 'messages'> {
  const changed: ChatUIMessage[] = []
  for (const id of messageIds) {
    const message = getNode(state.tree, id)?.message
    if (message) changed.push({ ...message, stream: ref })
  }
  return { tree: replaceMessages(state.tree, changed), ...withChangedMessages(state, changed) }
}

/** What {@link createResumeScheduler} needs of its engine. */
export interface ResumeSchedulerHost {
  /** The engine's state. */
  state(): ChatState
  /** Whether the engine is answering, running tools or disposed: then nothing is resumed. */
  busy(): boolean
  /** The latest registered request config, if a consumer gave one. */
  config(): ChatRequestConfig | undefined
  /** Continues `message` from its stream. */
  resume(message: ResumableMessage, config: ChatRequestConfig): void
}

/**
 * Decides when a chat resumes a cut-off answer: after its tree was loaded or replaced, and when a
 * consumer gives it a config. Each stream is resumed at most once per engine, so StrictMode's double
 * effects and several consumers of one chat start one read; checks are deferred to a microtask so a
 * load and a config given in the same task count once.
 */
export function createResumeScheduler(host: ResumeSchedulerHost): { check(): void } {
  const resumed = new Set<string>()
  let queued = false
  const run = () => {
    queued = false
    if (host.busy()) return
    const message = resumableMessageOf(host.state())
    if (!message || resumed.has(message.stream.id)) return
    const config = host.config()
    // No consumer yet: the next `configure` checks again.
    if (!config) return
    resumed.add(message.stream.id)
    host.resume(message, config)
  }
  return {
    check() {
      if (queued) return
      queued = true
      queueMicrotask(run)
    },
  }
}
