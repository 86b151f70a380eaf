// Turning the markdown tree into React elements recurses once per level (mdast-util-to-hast,
// hast-util-to-jsx-runtime, React's commit). The line check before parsing (markdownGuards.ts)
// bounds block nesting; inline constructs can nest too (`*_*_…_*_*`, `![![…](x)](x)`), so the
// parsed tree is measured here, without recursion, and a tree too deep is shown as plain text.

/** Deepest parsed tree (in nodes) that is rendered as markdown. */
export const MAX_TREE_DEPTH = 96

interface TreeNode {
  type: string
  children?: TreeNode[]
  value?: string
  data?: Record<string, unknown>
}

/** What {@link treeDepth} reads of a unist node (mdast, hast). */
export interface DepthNode {
  type: string
  children?: readonly DepthNode[] | undefined
}

/** The depth of `tree`, stopping early once it exceeds `limit`. */
export function treeDepth(tree: DepthNode, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0
  const stack: [DepthNode, number][] = [[tree, 1]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [DepthNode, number]
    if (depth > deepest) {
      deepest = depth
      if (deepest > limit) return deepest
    }
    for (const child of node.children ?? []) stack.push([child, depth + 1])
  }
  return deepest
}

/**
 * A remark plugin: replaces a tree deeper than {@link MAX_TREE_DEPTH} with the source as plain
 * preformatted text (`<div class="kindling-markdown__plain">`).
 */
export function remarkDepthGuard() {
  return (tree: TreeNode, file: { value: unknown }) => {
    if (treeDepth(tree, MAX_TREE_DEPTH) <= MAX_TREE_DEPTH) return undefined
    const plain: TreeNode = {
      type: 'plainText',
      data: {
        hName: 'div',
        hProperties: { className: ['kindling-markdown__plain'], dataPlainReason: 'depth' },
        hChildren: [{ type: 'text', value: String(file.value) }],
      },
    }
    return { type: 'root', children: [plain] }
  }
}
