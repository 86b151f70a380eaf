import type { ReactNode } from 'react'
import { ChatComposer, type ChatComposerProps, ChatErrorNotice, ChatModelPicker } from './ChatControls.tsx'
import { ChatMessage, ChatMessages } from './ChatMessages.tsx'
import { ChatRoot, type ChatRootProps } from './ChatRoot.tsx'

/** Props of {@link Chat}: those of `Chat.Root` plus a few for the default layout. */
export interface ChatProps extends Omit<ChatRootProps, 'children'> {
  /** Show the model picker (fed by `GET /models`) above the conversation. Default true. */
  showModelPicker?: boolean | undefined
  /** Show a usage badge (tokens, time to first token, tokens/s) under each finished reply. Default true. */
  showUsage?: boolean | undefined
  /** Shown while there are no messages. */
  emptyState?: ReactNode
  /** Placeholder of the message input. */
  placeholder?: string | undefined
  /** Let markdown images in replies load. Default false. */
  allowImages?: boolean | undefined
  /** Let the user attach images and text files (see `Chat.Composer`'s `attachments`). Default off. */
  attachments?: ChatComposerProps['attachments']
}

function ChatWidget({
  showModelPicker = true,
  showUsage,
  emptyState,
  placeholder,
  allowImages,
  attachments,
  ...rootProps
}: ChatProps) {
  return (
    <ChatRoot {...rootProps}>
      {showModelPicker ? (
        <div className="kindling-chat__toolbar">
          <ChatModelPicker />
        </div>
      ) : null}
      <ChatMessages emptyState={emptyState} showUsage={showUsage} allowImages={allowImages} />
      <ChatErrorNotice />
      <ChatComposer placeholder={placeholder} attachments={attachments} />
    </ChatRoot>
  )
}

/**
 * A whole chat: model picker, conversation, error notice and composer, wired to
 * `useChatCompletion`. It needs only a model and a client (the prop or a `KindlingProvider`):
 *
 * ```tsx
 * <Chat client={createClient({ baseURL: '/v1', apiKey: null })} model="kindling-text" />
 * ```
 *
 * With `tools` (and optionally `maxSteps`, `toolRenderers`) it runs the model's tool calls in the
 * page and shows each one in its message, with Approve / Deny for those that need approval.
 *
 * It is built from parts an app can lay out itself: `Chat.Root` runs the chat and provides it;
 * `Chat.Messages`, `Chat.Message`, `Chat.Composer`, `Chat.ErrorNotice` and `Chat.ModelPicker` show it.
 *
 * ```tsx
 * <Chat.Root model="kindling-text" params={{ temperature: 0.7 }}>
 *   <Chat.Messages />
 *   <Chat.ErrorNotice />
 *   <Chat.Composer />
 *   <Chat.ModelPicker />
 * </Chat.Root>
 * ```
 */
export const Chat: typeof ChatWidget & {
  Root: typeof ChatRoot
  Messages: typeof ChatMessages
  Message: typeof ChatMessage
  Composer: typeof ChatComposer
  ErrorNotice: typeof ChatErrorNotice
  ModelPicker: typeof ChatModelPicker
} = Object.assign(ChatWidget, {
  Root: ChatRoot,
  Messages: ChatMessages,
  Message: ChatMessage,
  Composer: ChatComposer,
  ErrorNotice: ChatErrorNotice,
  ModelPicker: ChatModelPicker,
})
