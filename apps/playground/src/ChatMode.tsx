import { type ChatUIMessage, useChatActions, useChatStore, useThreads } from '@kindling/react'
import { Chat, type ParameterValues, ThreadSidebar } from '@kindling/ui'
import { useMemo } from 'react'
import { describeConnectionProblem } from './ConnectionNotice.tsx'
import { ConversationTools } from './ConversationTools.tsx'
import { DEMO_TOOL_RENDERERS } from './demoTools/demoToolRenderers.tsx'
import { demoToolSet } from './demoTools/demoTools.ts'
import { useSettings } from './settingsStore.ts'

/** Clear, export and import the active thread. */
function Tools({ threadId }: { threadId: string }) {
  const messages = useChatStore(threadId, (state) => state.messages)
  const { setMessages } = useChatActions(threadId)
  return (
    <ConversationTools
      messages={messages}
      onClear={() => setMessages([])}
      onReplace={(next: ChatUIMessage[]) => setMessages(next)}
    />
  )
}

/**
 * Chat mode: the conversations (kept in IndexedDB) beside `Chat`'s parts for the active one, laid
 * out by the app (model picker and conversation tools on one row). A server that can't be reached
 * shows one banner (`Chat.ErrorNotice`) with one "Try again".
 */
export function ChatMode({
  model,
  params,
  baseURL,
}: {
  model: string
  params: ParameterValues
  baseURL: string
}) {
  const update = useSettings((state) => state.update)
  const enabledTools = useSettings((state) => state.tools)
  // One tool set per choice of tools: the engine builds each set's wire `tools` once.
  const tools = useMemo(() => demoToolSet(enabledTools), [enabledTools])
  const { activeId } = useThreads()
  return (
    <div className="playground-threads">
      <ThreadSidebar />
      {activeId ? (
        <Chat.Root
          threadId={activeId}
          model={model}
          onModelChange={(next) => update({ model: next })}
          params={params}
          tools={tools}
          toolRenderers={DEMO_TOOL_RENDERERS}
          className="playground-chat"
        >
          <div className="kindling-chat__toolbar playground-chat-toolbar">
            <Chat.ModelPicker />
            <Tools threadId={activeId} />
          </div>
          <Chat.Messages emptyState={<p>Say hello. The built-in kindling-* models need no API key.</p>} />
          <Chat.ErrorNotice describe={(error) => describeConnectionProblem(error, baseURL)} />
          <Chat.Composer attachments />
        </Chat.Root>
      ) : (
        <p>Loading conversations…</p>
      )}
    </div>
  )
}
