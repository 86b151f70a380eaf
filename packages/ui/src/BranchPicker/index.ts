export {
  BranchPicker,
  type BranchPickerProps,
  ChatBranchPicker,
  type ChatBranchPickerProps,
} from './BranchPicker.tsx'
