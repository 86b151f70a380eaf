import { Chat } from '@kindling/ui'

// The conversation pane of the threads page, in its own chunk as an app splits it: the thread
// list's first paint does not wait for the chat UI and its markdown renderer to load.

/** The chat of the open thread. */
export default function ThreadChat({ threadId }: { threadId: string }) {
  return <Chat threadId={threadId} model="kindling-echo" showModelPicker={false} />
}
