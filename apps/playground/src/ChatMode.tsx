import { type ChatUIMessage, useChatActions, useChatStore, useThreads } from '@kindling/react'
import { Chat, type ParameterValues, ThreadSidebar } from '@kindling/ui'
import { ConversationTools } from './ConversationTools.tsx'
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

/** Chat mode: the conversations (kept in IndexedDB) beside the whole `Chat` widget of the active one. */
export function ChatMode({ model, params }: { model: string; params: ParameterValues }) {
  const update = useSettings((state) => state.update)
  const { activeId } = useThreads()
  return (
    <div className="playground-chat playground-threads">
      <ThreadSidebar />
      {activeId ? (
        <div className="playground-thread">
          <Chat
            threadId={activeId}
            model={model}
            onModelChange={(next) => update({ model: next })}
            params={params}
            emptyState={<p>Say hello. The built-in kindling-* models need no API key.</p>}
          />
          <Tools threadId={activeId} />
        </div>
      ) : (
        <p>Loading conversations…</p>
      )}
    </div>
  )
}
