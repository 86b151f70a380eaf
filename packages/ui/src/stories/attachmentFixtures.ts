// Small real images for the attachment stories (96×72 PNGs drawn by a script: a sunset and a leaf),
// as data URLs and as Files.

/** A 96×72 PNG of a sunset. */
export const sunsetPng =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGAAAABICAIAAACGBWc0AAACKklEQVR42u3Q/2dVcRzH8dffUJqmaZqmKWJEdM8lokREpJQyys49955777l3ymiWZrVqVs1qWVbN+qKMUkqJiIiIiIhIEREREf0Q/XB+6afX3M95//A5vHj8/np54s9AmxD43WwXAr+aHULgZ7NTCPxodgmB741uIfCt0SMEvjbWCYEvjfVC4FPSKwQ+JhuEwIdkoxB4n2wSAu+SohB4W98sBN7UtwiB1/WtQuBVfbsQeFnbIQRe1HYKgee1XULgWW23EHhS2ysEHlX3C4EH1YNC4F61TwgsVA8LgTtxKARuxWUhMB9XhcD1OBECs/FAvvz9vI2zncNM5WheLJrmf1ajmK4M5kJLdVImu5iqDPnPoU4q+zQuVI57zrlOKuM6JsojPstYJ5XlAM6WT3rLpE7K+QPGyqe9ZRjI+QNGy+N+MqyTcruBE9E5P5kHcruB4WjST+aB3G7gWHTRT+aB3G5gMJr2k3kgtxs4El3xk3kgtxtolq76yTyQ2w3US3N+Mg/kdgNx6YafzAO53UBUuu0n80BuN9Af3vWTeSC3GzgULnjLsI7zB/SF971lGMj5Aw6ED31mUifLAewLH3suY52M69jT/9R/znWyT2NtcSQXhk/1tspkFz3F0bxoqY7VKNYUx/Jl0TS2c+gOzgiB1cG4EOgKJoTAquC8EOgMJoXAymBKCHQEl4TAiuCyEGgPZoTA8sKsEGgrXBMCywpzQmBpYV4ILCncFOIfzdUBuIxuEyUAAAAASUVORK5CYII='

/** A 96×72 PNG of a leaf. */
export const leafPng =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGAAAABICAIAAACGBWc0AAABC0lEQVR42u3aNw7DMBBEUZ1ljuycc/blXLg1ICxlti4UTK7wgX+C13E5xevzph8VEAAEEEAAAQQQQAARQAABBBBAAAEEUOdpKWsVW4c2oW1sF9rHDlafgTSXFrG6QDqGTlZ/gDST6bQNZJ3lG0hTmU6XQNZF/oCMpuovQFU+gDSRlQJIVytrII2VHEg3ZQpkOnkAtWjUDpBG+upkA6S7BZAHINPJFai5UVMgDZU5kB5KBmQ6HoCaGAHUGZAGcgSkpwACCCCAAAIIIIAAAgggD0C8xQDiHsRFMf1FkZs0QPyL8bPK37yfv3nWHeyDWJixUWTlyk4aIIAAAgggAggggAACCCCAAAKIAKpbCTKeL/WW7ZKpAAAAAElFTkSuQmCC'

/** A File holding the image of a data URL. */
export function fileFromDataUrl(dataUrl: string, name: string): File {
  const [head, data] = dataUrl.split(',') as [string, string]
  const type = /data:([^;]+)/.exec(head)?.[1] ?? 'application/octet-stream'
  return new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name, { type })
}

/** A small text file. */
export const notesFile = (): File =>
  new File(['# Trip notes\n- pack the camera\n- check the tide times\n'], 'trip-notes.md', {
    type: 'text/markdown',
  })
