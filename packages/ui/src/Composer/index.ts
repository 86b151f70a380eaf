export {
  Composer,
  type ComposerButtonProps,
  type ComposerInputProps,
  type ComposerRootProps,
} from './Composer.tsx'
export { type ComposerState, type ComposerStatus, useComposer } from './ComposerContext.ts'
