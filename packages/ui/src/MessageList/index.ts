export { MessageList, type MessageListProps, type RenderMessage } from './MessageList.tsx'
export { type FollowBottom, useFollowBottom } from './useFollowBottom.ts'
