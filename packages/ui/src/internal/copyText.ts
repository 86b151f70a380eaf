/**
 * Writes text to the clipboard. Falls back to a hidden textarea and `execCommand('copy')` where the
 * async Clipboard API is missing (plain-http pages on a LAN, older embedded browsers).
 */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text)
    return
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  const ok = document.execCommand('copy')
  area.remove()
  if (!ok) throw new Error('The browser refused to copy to the clipboard.')
}
