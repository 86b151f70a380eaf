import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  type AttachmentOptions,
  type ResolvedAttachmentOptions,
  resolveAttachmentOptions,
} from './attachments/attachmentOptions.ts'
import { attachmentPart, type SentAttachment } from './attachments/attachmentPart.ts'
import { type AttachmentKind, checkFile, kindOf } from './attachments/checkFile.ts'
import { formatBytes } from './attachments/formatBytes.ts'
import {
  AttachmentError,
  type PreparedAttachment,
  prepareAttachment,
} from './attachments/prepareAttachment.ts'

/** A file in the composer's draft. */
export interface DraftAttachment {
  readonly id: string
  readonly name: string
  /** The file's size as picked (before downscaling). */
  readonly size: number
  readonly kind: AttachmentKind
  /** An object URL of the picked image, for its thumbnail. */
  readonly previewUrl: string | undefined
  /** `preparing` while it is read (and an image downscaled). */
  readonly status: 'preparing' | 'ready'
}

/** The files of a draft and what can be done with them (the composer's view state). */
export interface AttachmentDraft {
  readonly items: readonly DraftAttachment[]
  /** Why the last files were not attached, one sentence per file (shown until the next change). */
  readonly rejections: readonly string[]
  /** What a screen reader is told last (files added or removed). */
  readonly announcement: string
  readonly options: ResolvedAttachmentOptions
  /** Checks and adds files (from the file input, a paste or a drop); rejected ones are named in `rejections`. */
  add(files: Iterable<File>): void
  remove(id: string): void
  /**
   * Waits for every file to be ready and returns their parts (uploading images when `upload` is
   * set); `undefined` when a file turned out unreadable (it is then removed and named in
   * `rejections`). Throws an {@link AttachmentError} naming a file whose upload failed.
   */
  collect(): Promise<SentAttachment[] | undefined>
  /** Empties the draft (after a send). */
  clear(): void
}

let nextId = 0

/** The attachments of one composer: added, checked, prepared in the background, removed. */
export function useAttachmentDraft(options: AttachmentOptions | undefined): AttachmentDraft {
  const resolved = useMemo(() => resolveAttachmentOptions(options), [options])
  const [items, setItems] = useState<readonly DraftAttachment[]>([])
  const [rejections, setRejections] = useState<readonly string[]>([])
  const [announcement, setAnnouncement] = useState('')
  // The preparation of each file, by id; and the latest items, for callbacks that outlive a render.
  const prepared = useRef(new Map<string, Promise<PreparedAttachment>>())
  const itemsRef = useRef(items)
  itemsRef.current = items
  const optionsRef = useRef(resolved)
  optionsRef.current = resolved

  const forget = useCallback((id: string) => {
    const item = itemsRef.current.find((candidate) => candidate.id === id)
    if (item?.previewUrl) URL.revokeObjectURL(item.previewUrl)
    prepared.current.delete(id)
    itemsRef.current = itemsRef.current.filter((candidate) => candidate.id !== id)
    setItems(itemsRef.current)
  }, [])

  const add = useCallback(
    (files: Iterable<File>) => {
      const accepted: DraftAttachment[] = []
      const rejected: string[] = []
      for (const file of files) {
        const reason = checkFile(file, optionsRef.current, itemsRef.current.length + accepted.length)
        if (reason) {
          rejected.push(reason)
          continue
        }
        const kind = kindOf(file) as AttachmentKind
        nextId += 1
        const id = `attachment-${nextId}`
        accepted.push({
          id,
          name: file.name,
          size: file.size,
          kind,
          previewUrl: kind === 'image' ? URL.createObjectURL(file) : undefined,
          status: 'preparing',
        })
        const promise = prepareAttachment(file, optionsRef.current)
        prepared.current.set(id, promise)
        promise.then(
          () => {
            if (!prepared.current.has(id)) return
            itemsRef.current = itemsRef.current.map((item) =>
              item.id === id ? { ...item, status: 'ready' } : item,
            )
            setItems(itemsRef.current)
          },
          (error: unknown) => {
            if (!prepared.current.has(id)) return
            forget(id)
            const message =
              error instanceof AttachmentError
                ? error.message
                : `${file.name} was not attached: it could not be read.`
            setRejections((current) => [...current, message])
          },
        )
      }
      itemsRef.current = [...itemsRef.current, ...accepted]
      setItems(itemsRef.current)
      setRejections(rejected)
      const added = accepted.map((item) => `${item.name} (${formatBytes(item.size)})`)
      setAnnouncement(added.length > 0 ? `Attached ${added.join(', ')}.` : '')
    },
    [forget],
  )

  const remove = useCallback(
    (id: string) => {
      const item = itemsRef.current.find((candidate) => candidate.id === id)
      forget(id)
      setRejections([])
      if (item) setAnnouncement(`Removed ${item.name}.`)
    },
    [forget],
  )

  const collect = useCallback(async () => {
    const current = itemsRef.current
    const settled = await Promise.allSettled(
      current.map((item) => prepared.current.get(item.id) as Promise<PreparedAttachment>),
    )
    const ready: PreparedAttachment[] = []
    for (const result of settled) {
      if (result.status === 'rejected') return undefined
      ready.push(result.value)
    }
    return Promise.all(
      ready.map((file) =>
        attachmentPart(file, optionsRef.current.upload).catch((error: unknown) => {
          throw new AttachmentError(
            `${file.name} could not be uploaded: ${error instanceof Error ? error.message : String(error)}`,
          )
        }),
      ),
    )
  }, [])

  const clear = useCallback(() => {
    for (const item of itemsRef.current) if (item.previewUrl) URL.revokeObjectURL(item.previewUrl)
    prepared.current.clear()
    itemsRef.current = []
    setItems([])
    setRejections([])
  }, [])

  // Object URLs of a composer that goes away.
  useEffect(
    () => () => {
      for (const item of itemsRef.current) if (item.previewUrl) URL.revokeObjectURL(item.previewUrl)
    },
    [],
  )

  return useMemo(
    () => ({ items, rejections, announcement, options: resolved, add, remove, collect, clear }),
    [items, rejections, announcement, resolved, add, remove, collect, clear],
  )
}
