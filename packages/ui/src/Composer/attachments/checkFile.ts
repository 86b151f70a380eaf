import { IMAGE_TYPES, type ResolvedAttachmentOptions, TEXT_EXTENSIONS } from './attachmentOptions.ts'
import { formatBytes } from './formatBytes.ts'

/** What a file will be sent as. */
export type AttachmentKind = 'image' | 'text'

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : name.slice(dot).toLowerCase()
}

/** Whether `file` matches one `accept` entry (a type, a `type/*` wildcard or an `.extension`). */
export function matchesAccept(file: Pick<File, 'name' | 'type'>, accept: readonly string[]): boolean {
  const type = file.type.toLowerCase()
  return accept.some((entry) => {
    const pattern = entry.trim().toLowerCase()
    if (pattern.startsWith('.')) return extensionOf(file.name) === pattern
    if (pattern.endsWith('/*')) return type.startsWith(pattern.slice(0, -1))
    return type === pattern
  })
}

/** What `file` is, by its declared type (or, without one, its extension); undefined if neither. */
export function kindOf(file: Pick<File, 'name' | 'type'>): AttachmentKind | undefined {
  const type = file.type.toLowerCase()
  if (type.startsWith('image/')) return 'image'
  if (type.startsWith('text/') || type === 'application/json') return 'text'
  if (type === '' && TEXT_EXTENSIONS.includes(extensionOf(file.name))) return 'text'
  return undefined
}

/**
 * Why `file` cannot be attached, as a sentence that names it, or undefined when it can (so far:
 * its bytes are checked when it is read). `count` is how many files the draft already holds.
 */
export function checkFile(
  file: Pick<File, 'name' | 'type' | 'size'>,
  options: ResolvedAttachmentOptions,
  count: number,
): string | undefined {
  const name = file.name || 'The pasted file'
  if (count >= options.maxFiles) {
    return `${name} was not attached: a message can carry at most ${options.maxFiles} file${options.maxFiles === 1 ? '' : 's'}.`
  }
  const kind = kindOf(file)
  if (!kind || !matchesAccept(file, options.accept)) {
    return `${name} was not attached: ${file.type || 'this kind of file'} is not accepted here.`
  }
  if (kind === 'image' && options.acceptsImages === false) {
    return `${name} was not attached: the current model does not read images. Pick a vision model to send images.`
  }
  if (kind === 'image' && !IMAGE_TYPES.includes(file.type.toLowerCase())) {
    return `${name} was not attached: ${file.type} images are not accepted (PNG, JPEG, WebP or GIF).`
  }
  const limit = kind === 'text' ? options.maxTextBytes : options.maxFileBytes
  if (file.size > limit) {
    return `${name} was not attached: it is ${formatBytes(file.size)}, more than the ${formatBytes(limit)} allowed.`
  }
  return undefined
}
