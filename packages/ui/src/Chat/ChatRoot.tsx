import type {
  ChatCompletionParams,
  ChatCompletionResponse,
  KindlingClient,
  KindlingError,
  RequestOptions,
} from '@kindling/client'
import {
  type BatchInterval,
  type ChatMessageInput,
  type ChatUIMessage,
  type ToolSet,
  useChatActions,
  useKindlingThreads,
} from '@kindling/react'
import { type ReactNode, useCallback, useEffect, useId, useMemo, useState } from 'react'
import { cx } from '../internal/cx.ts'
import type { ToolRenderers } from '../ToolCall/ToolCall.tsx'
import { ChatContext, type ChatContextValue } from './ChatContext.ts'

/** Props of `Chat.Root` (and of the whole {@link Chat}). */
export interface ChatRootProps {
  /** The model to ask. Without `onModelChange` it is the starting model and the picker changes it. */
  model: string
  /** Called when the user picks another model; the widget switches either way. */
  onModelChange?: ((model: string) => void) | undefined
  /** Request parameters sent with every request (`temperature`, `max_tokens`, `n`, `tools`, …). */
  params?: ChatCompletionParams | undefined
  /**
   * Tools the model may call, run in the page (`defineTool` from `@kindling/react`): calls are
   * shown with their state, approvals get Approve/Deny, and the answer goes on with the results.
   */
  tools?: ToolSet | undefined
  /** At most this many automatic follow-up requests per user turn; then Continue is offered. Default 5. */
  maxSteps?: number | undefined
  /** Draws chosen tools' calls your way, by tool name (e.g. `get_weather` → a weather card). */
  toolRenderers?: ToolRenderers | undefined
  /** The client; default the `KindlingProvider`'s. */
  client?: KindlingClient | undefined
  /** The chat's id: components with the same id (and `useChatCompletion({ id })`) share the chat. */
  id?: string | undefined
  /**
   * A thread of the `KindlingProvider`'s thread store: it is loaded (once) and shown, and its
   * answers are saved. Wins over `id`.
   */
  threadId?: string | undefined
  /** The messages a new chat starts with (read once). */
  initialMessages?: readonly ChatMessageInput[] | undefined
  /** Per-request options: `headers`, `requestTimeout`, `maxRetries`. */
  requestOptions?: Omit<RequestOptions, 'signal'> | undefined
  /** Ask for usage in the last chunk. Default true. */
  includeUsage?: boolean | undefined
  /** Called once an answer completed. */
  onFinish?: ((message: ChatUIMessage, response: ChatCompletionResponse) => void) | undefined
  /** Called when a request or its stream failed. */
  onError?: ((error: KindlingError, message: ChatUIMessage) => void) | undefined
  /** How often streamed text reaches the screen: `'frame'` (default), milliseconds, or `0`. */
  batchInterval?: BatchInterval | undefined
  className?: string | undefined
  children?: ReactNode
}

interface ModelListState {
  error: KindlingError | undefined
  retry: () => Promise<boolean>
}
const NO_MODEL_LIST_ERROR: ModelListState = { error: undefined, retry: async () => true }

/** The model to use: the prop, followed when it changes, or what the user picked since. */
function useModelState(model: string, onModelChange: ((model: string) => void) | undefined) {
  const [picked, setPicked] = useState(model)
  const [prop, setProp] = useState(model)
  if (prop !== model) {
    setProp(model)
    setPicked(model)
  }
  const setModel = useCallback(
    (next: string) => {
      setPicked(next)
      onModelChange?.(next)
    },
    [onModelChange],
  )
  return [picked, setModel] as const
}

/**
 * Runs one chat and gives it to the `Chat.*` parts inside, which can be laid out freely. The root
 * holds only the chat's actions (`useChatActions`), so it does not re-render while an answer
 * streams: each part subscribes to the slice of the chat it shows.
 */
export function ChatRoot({
  model: modelProp,
  onModelChange,
  params,
  tools,
  maxSteps,
  toolRenderers,
  client,
  id,
  threadId,
  initialMessages,
  requestOptions,
  includeUsage,
  onFinish,
  onError,
  batchInterval,
  className,
  children,
}: ChatRootProps) {
  const generatedId = useId()
  const chatId = threadId ?? id ?? `chat${generatedId}`
  const threads = useKindlingThreads()
  useEffect(() => {
    if (threadId !== undefined) void threads?.open(threadId)
  }, [threads, threadId])
  const [model, setModel] = useModelState(modelProp, onModelChange)
  const [editingId, setEditingId] = useState<string | undefined>(undefined)
  const [errorNoticeMounted, setErrorNoticeMounted] = useState(false)
  const [modelList, setModelList] = useState<ModelListState>(NO_MODEL_LIST_ERROR)
  const reportModelList = useCallback(
    (error: KindlingError | undefined, retry: () => Promise<boolean>) =>
      setModelList((current) => (current.error === error ? current : { error, retry })),
    [],
  )
  const actions = useChatActions(chatId, {
    params,
    model,
    tools,
    maxSteps,
    client,
    initialMessages,
    requestOptions,
    includeUsage,
    onFinish,
    onError,
    batchInterval,
    forgetWhenUnused: threadId === undefined && id === undefined,
  })
  const { send, stop, regenerate, edit, setMessages, switchSibling, reset, setInput, handleSubmit } = actions
  const { approve, deny, addToolResult, continue: continueTools } = actions
  const value = useMemo<ChatContextValue>(
    () => ({
      id: chatId,
      client,
      model,
      setModel,
      send,
      stop,
      regenerate,
      edit,
      setMessages,
      switchSibling,
      reset,
      setInput,
      handleSubmit,
      approve,
      deny,
      addToolResult,
      continue: continueTools,
      toolRenderers,
      editingId,
      startEditing(messageId, content) {
        setEditingId(messageId)
        setInput(content)
      },
      cancelEditing() {
        setEditingId(undefined)
        setInput('')
      },
      modelListError: modelList.error,
      retryModelList: modelList.retry,
      reportModelList,
      errorNoticeMounted,
      setErrorNoticeMounted,
    }),
    [
      chatId,
      client,
      model,
      setModel,
      send,
      stop,
      regenerate,
      edit,
      setMessages,
      switchSibling,
      reset,
      setInput,
      handleSubmit,
      approve,
      deny,
      addToolResult,
      continueTools,
      toolRenderers,
      editingId,
      modelList,
      reportModelList,
      errorNoticeMounted,
    ],
  )
  return (
    <ChatContext.Provider value={value}>
      <div className={cx('kindling-chat', className)}>{children}</div>
    </ChatContext.Provider>
  )
}
