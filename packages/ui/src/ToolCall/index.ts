export { ChatToolCalls, type ChatToolCallsProps } from './ChatToolCalls.tsx'
export {
  ToolCall,
  type ToolCallActions,
  type ToolCallProps,
  type ToolRenderer,
  type ToolRenderers,
} from './ToolCall.tsx'
