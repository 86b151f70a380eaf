export {
  type AttachmentOptions,
  DEFAULT_ATTACHMENT_OPTIONS,
} from './attachments/attachmentOptions.ts'
export type { SentAttachment } from './attachments/attachmentPart.ts'
export { userMessageWithAttachments } from './attachments/userMessage.ts'
export {
  Composer,
  type ComposerButtonProps,
  type ComposerInputProps,
  type ComposerRootProps,
} from './Composer.tsx'
export type { ComposerAttachmentsProps } from './ComposerAttachments.tsx'
export { type ComposerState, type ComposerStatus, useComposer } from './ComposerContext.ts'
export type { AttachmentDraft, DraftAttachment } from './useAttachmentDraft.ts'
