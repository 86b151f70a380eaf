// Model output steered by prompt injection can dress a link up: text that names one site while the
// link goes to another (`[https://bank.example](https://evil.example)`), bidirectional controls that
// reorder what is shown (`invoice\u202Efdp.exe` reads "invoiceexe.pdf"), or a look-alike host in
// another script (`аpple.com` with a Cyrillic "а"). This rehype plugin strips the controls from link
// text and marks links whose destination should be shown next to them (SafeLink shows it).

// Bidirectional formatting controls: embeddings, overrides, isolates, and the invisible marks.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

/** `text` without bidirectional formatting controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C). */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '')
}

interface HastNode {
  type: string
  tagName?: string
  value?: string
  properties?: Record<string, unknown>
  children?: HastNode[]
}

// A host name in text, with or without a scheme: `bank.example`, `https://www.bank.example/login`.
const HOST_IN_TEXT =
  /(?:[a-z][a-z\d+.-]*:\/\/)?(?:[^\s/?#@:()<>[\]"',;]+@)?((?:[\p{L}\p{N}-]+\.)+\p{L}[\p{L}\p{N}-]+)/giu

/** `www.bank.example.` → `bank.example`, in punycode (what a browser's URL parser gives). */
function canonicalHost(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname.replace(/\.$/, '').replace(/^www\./, '')
  } catch {
    return null
  }
}

/**
 * The host `href` leads to when it must be shown beside `text`: the text names another host, or
 * the host is an internationalised name (shown in its ASCII `xn--` form, which look-alike letters
 * cannot imitate). `null` when the text already tells the truth, or `href` is not http(s).
 */
export function deceptiveLinkHost(text: string, href: string): string | null {
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  const destination = url.hostname.replace(/\.$/, '').replace(/^www\./, '')
  if (destination.split('.').some((label) => label.startsWith('xn--'))) return url.host
  for (const match of text.matchAll(HOST_IN_TEXT)) {
    const named = canonicalHost(match[1] as string)
    if (named === null) continue
    // The text may name the site or a parent domain of it (`example.com` for `docs.example.com`).
    if (named !== destination && !destination.endsWith(`.${named}`)) return url.host
  }
  return null
}

function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value ?? ''
  return (node.children ?? []).map(textOf).join('')
}

function stripControls(node: HastNode): void {
  if (node.type === 'text' && node.value) node.value = stripBidiControls(node.value)
  for (const child of node.children ?? []) stripControls(child)
}

/** A rehype plugin: see the comment at the top of this file. */
export function rehypeLinkSafety() {
  return (tree: HastNode) => {
    // Without recursion: the tree's depth is bounded (remarkDepthGuard), but this costs nothing.
    const stack: HastNode[] = [tree]
    while (stack.length > 0) {
      const node = stack.pop() as HastNode
      if (node.type === 'element' && node.tagName === 'a') {
        stripControls(node)
        const properties = node.properties ?? {}
        if (typeof properties.title === 'string') properties.title = stripBidiControls(properties.title)
        const href = typeof properties.href === 'string' ? properties.href : ''
        const host = deceptiveLinkHost(textOf(node), href)
        if (host) node.properties = { ...properties, dataDestinationHost: host }
        continue
      }
      for (const child of node.children ?? []) stack.push(child)
    }
  }
}
