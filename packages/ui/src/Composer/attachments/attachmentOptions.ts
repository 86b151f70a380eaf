/** What the composer accepts as attachments, and how it prepares images. Every field is optional. */
export interface AttachmentOptions {
  /** Most files per message. Default 4. */
  maxFiles?: number | undefined
  /** Largest file the user may pick, before downscaling (bytes). Default 20 MiB. */
  maxFileBytes?: number | undefined
  /** Largest text file (it is sent as text, whole). Default 256 KiB. */
  maxTextBytes?: number | undefined
  /**
   * Accepted files, as in `<input accept>`: media types (`image/png`), wildcards (`image/*`) or
   * extensions (`.md`). Default PNG, JPEG, WebP and GIF images and text files.
   */
  accept?: readonly string[] | undefined
  /**
   * Whether the current model reads images: `false` rejects images with a message that says so;
   * `undefined` (not known) lets them through.
   */
  acceptsImages?: boolean | undefined
  /** Images are downscaled so that their longest side is at most this (pixels). Default 2048. */
  maxImageSide?: number | undefined
  /** Images are re-encoded (smaller, then lower quality) until they fit this (bytes). Default 1.5 MB. */
  maxImageBytes?: number | undefined
  /**
   * Uploads a prepared image and resolves to its URL (`https:`), sent instead of a data URL. Called
   * when the message is sent, never for a file the user removed.
   */
  upload?: ((file: File) => Promise<string>) | undefined
}

/** The image types vision models read (OpenAI's list) and the composer can check by their bytes. */
export const IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif']

/** Extensions treated as text when the browser gives a file no type. */
export const TEXT_EXTENSIONS: readonly string[] = [
  '.txt',
  '.md',
  '.markdown',
  '.csv',
  '.json',
  '.log',
  '.tsv',
]

/** The defaults of {@link AttachmentOptions}. */
export const DEFAULT_ATTACHMENT_OPTIONS = {
  maxFiles: 4,
  maxFileBytes: 20 * 1024 * 1024,
  maxTextBytes: 256 * 1024,
  accept: [...IMAGE_TYPES, 'text/*', 'application/json', ...TEXT_EXTENSIONS],
  maxImageSide: 2048,
  maxImageBytes: 1_500_000,
} as const

/** Options with every default filled in. */
export interface ResolvedAttachmentOptions {
  readonly maxFiles: number
  readonly maxFileBytes: number
  readonly maxTextBytes: number
  readonly accept: readonly string[]
  readonly maxImageSide: number
  readonly maxImageBytes: number
  readonly acceptsImages: boolean | undefined
  readonly upload: ((file: File) => Promise<string>) | undefined
}

/** `options` with the defaults filled in (an `undefined` field takes its default). */
export function resolveAttachmentOptions(options: AttachmentOptions = {}): ResolvedAttachmentOptions {
  const d = DEFAULT_ATTACHMENT_OPTIONS
  return {
    maxFiles: options.maxFiles ?? d.maxFiles,
    maxFileBytes: options.maxFileBytes ?? d.maxFileBytes,
    maxTextBytes: options.maxTextBytes ?? d.maxTextBytes,
    accept: options.accept ?? d.accept,
    maxImageSide: options.maxImageSide ?? d.maxImageSide,
    maxImageBytes: options.maxImageBytes ?? d.maxImageBytes,
    acceptsImages: options.acceptsImages,
    upload: options.upload,
  }
}
