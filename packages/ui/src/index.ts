// The public API of @kindling/ui: a deliberate list. Styles ship separately as `@kindling/ui/styles.css`.

export {
  BranchPicker,
  type BranchPickerProps,
  ChatBranchPicker,
  type ChatBranchPickerProps,
} from './BranchPicker/index.ts'
export { Chat, type ChatProps } from './Chat/Chat.tsx'
export { type ChatContextValue, useChatContext } from './Chat/ChatContext.ts'
export type { ChatComposerProps, ChatErrorNoticeProps, ChatModelPickerProps } from './Chat/ChatControls.tsx'
export type { ChatMessageProps, ChatMessagesProps } from './Chat/ChatMessages.tsx'
export type { ChatRootProps } from './Chat/ChatRoot.tsx'
export { CompletionPanel, type CompletionPanelProps } from './CompletionPanel/CompletionPanel.tsx'
export {
  Composer,
  type ComposerButtonProps,
  type ComposerInputProps,
  type ComposerRootProps,
} from './Composer/Composer.tsx'
export { type ComposerState, type ComposerStatus, useComposer } from './Composer/ComposerContext.ts'
export {
  type AttachmentDraft,
  type AttachmentOptions,
  type ComposerAttachmentsProps,
  DEFAULT_ATTACHMENT_OPTIONS,
  type DraftAttachment,
  type SentAttachment,
  userMessageWithAttachments,
} from './Composer/index.ts'
export { JsonView, type JsonViewProps } from './JsonView/index.ts'
export { CodeBlock, type CodeBlockProps } from './Markdown/CodeBlock.tsx'
export { loadHighlighter } from './Markdown/loadHighlighter.ts'
export { Markdown, type MarkdownProps } from './Markdown/Markdown.tsx'
export { DefaultMessage, type DefaultMessageProps, Message } from './Message/Message.tsx'
export type { MessageAttachmentsProps } from './Message/MessageAttachments.tsx'
export { useMessageView } from './Message/MessageContext.ts'
export type {
  MessageActionsProps,
  MessageAlternativesProps,
  MessageStatusProps,
} from './Message/MessageControls.tsx'
export type {
  MessageContentProps,
  MessageReasoningProps,
  MessageRootProps,
  MessageToolCallsProps,
} from './Message/MessageParts.tsx'
export type { MessageStatus, MessageView } from './Message/MessageView.ts'
export { MessageList, type MessageListProps, type RenderMessage } from './MessageList/MessageList.tsx'
export { type FollowBottom, useFollowBottom } from './MessageList/useFollowBottom.ts'
export {
  ConnectedModelPicker,
  type ConnectedModelPickerProps,
} from './ModelPicker/ConnectedModelPicker.tsx'
export { ModelPicker, type ModelPickerProps } from './ModelPicker/ModelPicker.tsx'
export {
  ParameterControls,
  type ParameterControlsProps,
  type ParameterName,
  type ParameterValues,
} from './ParameterControls/ParameterControls.tsx'
export {
  Button,
  type ButtonProps,
  type ButtonVariant,
  buttonClassName,
  IconButton,
  type IconButtonProps,
} from './primitives/Button.tsx'
export { Input, type InputProps, Select, type SelectProps } from './primitives/Field.tsx'
export { type IconName, type IconProps, Icons } from './primitives/Icons.tsx'
export { Sheet, type SheetProps } from './primitives/Sheet.tsx'
export { type TabItem, Tabs, type TabsProps } from './primitives/Tabs.tsx'
export { Tooltip, type TooltipProps, type TooltipSide } from './primitives/Tooltip.tsx'
export {
  ThreadList,
  type ThreadListProps,
  ThreadListView,
  type ThreadListViewProps,
  ThreadSidebar,
  type ThreadSidebarProps,
} from './ThreadList/index.ts'
export {
  ChatToolCalls,
  type ChatToolCallsProps,
  ToolCall,
  type ToolCallActions,
  type ToolCallProps,
  type ToolRenderer,
  type ToolRenderers,
} from './ToolCall/index.ts'
export { UsageBadge, type UsageBadgeProps } from './UsageBadge/UsageBadge.tsx'
