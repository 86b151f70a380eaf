export { CodeBlock, type CodeBlockProps } from './CodeBlock.tsx'
export { loadHighlighter } from './loadHighlighter.ts'
export { Markdown, type MarkdownProps } from './Markdown.tsx'
