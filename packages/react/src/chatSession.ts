import {
  type ChatAccumulatorState,
  type ChatChoiceState,
  type ChatCompletionParams,
  type ChatCompletionResponse,
  type ChatCompletionStream,
  type ChatCompletionStreamResponse,
  type ChatRequestMessage,
  createChatAccumulator,
  type DeltaMessage,
  type KindlingClient,
  type KindlingError,
  type RequestOptions,
  serverTimeToFirstTokenMs,
  toChatCompletionResponse,
  toChatMessage,
} from '@kindling/client'
import {
  type ChatAlternative,
  type ChatMessageInput,
  type ChatState,
  type ChatStore,
  type ChatUIMessage,
  createMessageId,
  initialChatState,
  selectMessage,
  toRequestMessage,
  toUIMessage,
  withMessageAt,
  withMessages,
} from './chatStore.ts'
import { type BatchInterval, createFrameBatcher, type FrameScheduler } from './frameBatcher.ts'
import { toKindlingError } from './toKindlingError.ts'

// The framework-agnostic life of one chat: send, stop, regenerate, edit over its store. React only
// calls these; nothing here knows about components.

/** Everything one request needs; the hooks build it from their latest options at call time. */
export interface ChatRequestConfig {
  client: KindlingClient
  model: string
  /** Request parameters: `temperature`, `max_tokens`, `tools`, `n`, … */
  params?: ChatCompletionParams | undefined
  /** Per-request options: `headers`, `requestTimeout`, `maxRetries`. */
  requestOptions?: Omit<RequestOptions, 'signal'> | undefined
  /** Ask for usage in the last chunk (`stream_options.include_usage`). Default true. */
  includeUsage?: boolean | undefined
  /** Called for every delta of every choice, as it arrives (before it reaches the store). */
  onDelta?:
    | ((delta: DeltaMessage, info: { index: number; chunk: ChatCompletionStreamResponse }) => void)
    | undefined
  /** Called once an answer completed. */
  onFinish?: ((message: ChatUIMessage, response: ChatCompletionResponse) => void) | undefined
  /** Called when a request or its stream failed (not when it was stopped). */
  onError?: ((error: KindlingError, message: ChatUIMessage) => void) | undefined
  /** How often deltas reach the store (default `'frame'`). */
  batchInterval?: BatchInterval | undefined
  /** Replaces the frame scheduler, e.g. with a manual one in tests. */
  scheduler?: FrameScheduler | undefined
}

/** The actions of one chat. Sending while an answer streams stops it first (stop-then-send). */
export interface ChatSession {
  /** Appends a user message (a string, or any message) and streams the answer. */
  send(message: string | ChatMessageInput, config: ChatRequestConfig): Promise<void>
  /** Stops the answer in progress, keeping its text with `status: 'stopped'`. */
  stop(): void
  /** Replaces the last assistant answer with a new one (or answers a trailing user message). */
  regenerate(config: ChatRequestConfig): Promise<void>
  /** Replaces a message's text, drops every message after it, and asks again. */
  edit(messageId: string, content: string, config: ChatRequestConfig): Promise<void>
  /** Replaces the messages (stopping any answer in progress). */
  setMessages(
    messages:
      | readonly ChatMessageInput[]
      | ((messages: readonly ChatUIMessage[]) => readonly ChatMessageInput[]),
  ): void
  /** Shows another of the `n` alternatives of an answer. */
  selectAlternative(messageId: string, index: number): void
  /** Sets the input box text. */
  setInput(input: string): void
  /** Stops and goes back to the initial messages, with an empty input. */
  reset(): void
  /** Stops (no callback is called for a stopped answer) and ignores every later call. */
  dispose(): void
}

interface Run {
  readonly messageId: string
  readonly controller: AbortController
  accumulator: ChatAccumulatorState
  firstTokenAt: number | undefined
  /** For the server's own timing (`perfMetrics`), once the response headers arrived. */
  stream: ChatCompletionStream | undefined
  readonly startedAt: number
  readonly model: string
  cancelBatch(): void
}

const alternativeCache = new WeakMap<ChatChoiceState, ChatAlternative>()

/** A choice as an alternative; cached, so choices the last chunk did not touch keep their identity. */
function alternativeOf(choice: ChatChoiceState): ChatAlternative {
  let alternative = alternativeCache.get(choice)
  if (alternative === undefined) {
    const message = toChatMessage(choice)
    alternative = {
      content: typeof message.content === 'string' ? message.content : '',
      reasoning_content: message.reasoning_content ?? undefined,
      tool_calls: message.tool_calls ?? undefined,
      finish_reason: choice.finish_reason,
    }
    alternativeCache.set(choice, alternative)
  }
  return alternative
}

/** The assistant message a run has produced so far. O(size of the new text) thanks to joined pieces. */
function renderAnswer(
  run: Run,
  previous: ChatUIMessage | undefined,
  status: ChatUIMessage['status'],
  finishedAt?: number,
): ChatUIMessage {
  const { accumulator } = run
  const choices = accumulator.choices
  const selected = Math.min(previous?.alternatives?.selected ?? 0, Math.max(choices.length - 1, 0))
  const choice = choices[selected]
  const shown = choice ? alternativeOf(choice) : undefined
  return {
    id: run.messageId,
    role: 'assistant',
    content: shown?.content ?? '',
    reasoning_content: shown?.reasoning_content,
    tool_calls: shown?.tool_calls,
    status,
    finish_reason: shown?.finish_reason ?? null,
    usage: accumulator.usage,
    model: accumulator.model || run.model,
    alternatives:
      choices.length > 1
        ? { count: choices.length, selected, choices: choices.map(alternativeOf) }
        : undefined,
    timing: {
      startedAt: run.startedAt,
      firstTokenAt: run.firstTokenAt,
      finishedAt,
      serverTimeToFirstToken: serverTimeToFirstTokenMs(run.stream?.perfMetrics),
    },
  }
}

function hasToken(chunk: ChatCompletionStreamResponse): boolean {
  for (const choice of chunk.choices) {
    const delta = choice.delta
    if (delta.content || delta.reasoning_content || delta.tool_calls?.length) return true
  }
  return false
}

/** Messages worth sending back: everything but empty answers (e.g. one that failed before a token). */
function requestMessagesOf(messages: readonly ChatUIMessage[]): ChatRequestMessage[] {
  const out: ChatRequestMessage[] = []
  for (const message of messages) {
    if (message.role === 'assistant' && message.content === '' && !message.tool_calls?.length) continue
    out.push(toRequestMessage(message))
  }
  return out
}

/**
 * Creates the session of one chat over its store. `initialMessages` is what {@link ChatSession.reset}
 * goes back to.
 */
export function createChatSession(
  store: ChatStore,
  initialMessages: readonly ChatMessageInput[] = [],
): ChatSession {
  let current: Run | undefined
  let disposed = false

  const set = (partial: Partial<ChatState>) => store.setState(partial)

  /**
   * Writes the run's message by id (O(1) lookup; only that message is replaced), together with
   * `chat` fields, in one store update so subscribers see one change.
   */
  function writeAnswer(
    run: Run,
    status: ChatUIMessage['status'],
    chat?: Partial<ChatState>,
    extra?: Partial<ChatUIMessage>,
  ): ChatUIMessage | undefined {
    const state = store.getState()
    const index = state.messageIndex.get(run.messageId)
    if (index === undefined) {
      if (chat) set(chat)
      return undefined
    }
    const finishedAt = status === 'streaming' ? undefined : Date.now()
    let message = renderAnswer(run, state.messages[index], status, finishedAt)
    if (extra) message = { ...message, ...extra }
    set({ ...withMessageAt(state, index, message), ...chat })
    return message
  }

  /** Ends the current run now, keeping its text as stopped. */
  function stopRun(run: Run) {
    current = undefined
    run.cancelBatch()
    run.controller.abort()
    writeAnswer(run, 'stopped', { status: 'ready', error: undefined })
  }

  function stop() {
    if (current) stopRun(current)
  }

  async function start(history: readonly ChatUIMessage[], config: ChatRequestConfig): Promise<void> {
    if (disposed) return
    stop()
    const run: Run = {
      messageId: createMessageId(),
      controller: new AbortController(),
      accumulator: createChatAccumulator(),
      firstTokenAt: undefined,
      stream: undefined,
      startedAt: Date.now(),
      model: config.model,
      cancelBatch: () => {},
    }
    current = run
    const live = () => current === run && !disposed
    const placeholder: ChatUIMessage = {
      id: run.messageId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      model: config.model,
      timing: { startedAt: run.startedAt },
    }
    set({ ...withMessages([...history, placeholder]), status: 'submitted', error: undefined })

    const batcher = createFrameBatcher(
      () => live() && writeAnswer(run, 'streaming', { status: 'streaming' }),
      {
        interval: config.batchInterval,
        scheduler: config.scheduler,
      },
    )
    run.cancelBatch = batcher.cancel
    // The user's message was just committed: a first token in this same frame goes with the frame.
    batcher.hold()
    try {
      const stream = await config.client.chatCompletion.create(config.model, requestMessagesOf(history), {
        ...(config.includeUsage === false ? {} : { stream_options: { include_usage: true } }),
        ...config.params,
        ...config.requestOptions,
        stream: true,
        signal: run.controller.signal,
      })
      if (!live()) return stream.abort()
      run.stream = stream
      let opened = false
      for await (const chunk of stream) {
        if (!live()) break
        // The stream already accumulates what it delivers: a second accumulation would double the memory.
        run.accumulator = stream.accumulated
        const token = hasToken(chunk)
        const firstToken = token && run.firstTokenAt === undefined
        if (firstToken) run.firstTokenAt = Date.now()
        if (config.onDelta) {
          for (const choice of chunk.choices) config.onDelta(choice.delta, { index: choice.index, chunk })
        }
        // The first chunk (status 'streaming') and the first token are shown at once, not a frame
        // later: one commit for both when the first chunk carries text. The rest is paced by frames.
        if (firstToken) batcher.requestNow()
        else if (!opened) set({ status: 'streaming' })
        else if (token) batcher.request()
        opened = true
      }
      if (!live()) return
      // The end takes the place of the pending frame's commit instead of adding one.
      await batcher.end()
      if (!live()) return
      batcher.cancel()
      current = undefined
      const message = writeAnswer(run, 'done', { status: 'ready' })
      if (message) config.onFinish?.(message, toChatCompletionResponse(run.accumulator))
    } catch (thrown) {
      batcher.cancel()
      if (!live()) return
      current = undefined
      const error = toKindlingError(thrown)
      const message = writeAnswer(run, 'error', { status: 'error', error }, { error })
      if (message) config.onError?.(error, message)
    }
  }

  function lastAnswerCut(messages: readonly ChatUIMessage[]): readonly ChatUIMessage[] {
    const last = messages.at(-1)
    return last?.role === 'assistant' ? messages.slice(0, -1) : messages
  }

  return {
    send(message, config) {
      stop()
      const input = typeof message === 'string' ? { role: 'user' as const, content: message } : message
      return start([...store.getState().messages, toUIMessage(input)], config)
    },
    stop,
    regenerate(config) {
      stop()
      const history = lastAnswerCut(store.getState().messages)
      if (history.length === 0) return Promise.resolve()
      return start(history, config)
    },
    edit(messageId, content, config) {
      stop()
      const state = store.getState()
      const index = state.messageIndex.get(messageId)
      const message = selectMessage(state, messageId)
      if (index === undefined || message === undefined) return Promise.resolve()
      const edited: ChatUIMessage = {
        ...message,
        content,
        parts: undefined,
        status: 'done',
        error: undefined,
      }
      return start([...state.messages.slice(0, index), edited], config)
    },
    setMessages(next) {
      if (disposed) return
      stop()
      const messages = typeof next === 'function' ? next(store.getState().messages) : next
      set({ ...withMessages(messages.map(toUIMessage)), status: 'ready', error: undefined })
    },
    selectAlternative(messageId, index) {
      if (disposed) return
      const state = store.getState()
      const position = state.messageIndex.get(messageId)
      const message = selectMessage(state, messageId)
      const alternatives = message?.alternatives
      const chosen = alternatives?.choices[index]
      if (position === undefined || !message || !alternatives || !chosen) return
      set(
        withMessageAt(state, position, {
          ...message,
          content: chosen.content,
          reasoning_content: chosen.reasoning_content,
          tool_calls: chosen.tool_calls,
          finish_reason: chosen.finish_reason,
          alternatives: { ...alternatives, selected: index },
        }),
      )
    },
    setInput(input) {
      if (!disposed) set({ input })
    },
    reset() {
      if (disposed) return
      stop()
      store.setState(initialChatState(initialMessages))
    },
    dispose() {
      if (current) stopRun(current)
      disposed = true
    },
  }
}
