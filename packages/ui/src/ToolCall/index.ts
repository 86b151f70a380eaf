export {
  ChatToolCalls,
  type ChatToolCallsProps,
  ToolCall,
  type ToolCallProps,
  type ToolRenderer,
  type ToolRenderers,
} from './ToolCall.tsx'
