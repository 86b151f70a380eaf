// The one status vocabulary every engine, hook and component reads (chats, completions, the Composer).

/**
 * Where a chat or a completion is: ready for a request, request sent, answer streaming, or the last
 * request failed.
 */
export type ChatStatus = 'ready' | 'submitted' | 'streaming' | 'error'

/** Where one message is in its life: arriving, finished, stopped by the user, or failed. */
export type ChatMessageStatus = 'streaming' | 'done' | 'stopped' | 'error'

/** True while a request is in flight (`submitted` or `streaming`). */
export function isBusy(status: ChatStatus): boolean {
  return status === 'submitted' || status === 'streaming'
}
