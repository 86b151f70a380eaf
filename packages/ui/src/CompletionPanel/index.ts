export { CompletionPanel, type CompletionPanelProps } from './CompletionPanel.tsx'
