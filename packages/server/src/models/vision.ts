import { type ImageFact, readContentParts } from '../contentParts.ts'
import { type BuiltinModel, messageText } from './types.ts'

function describeImage(image: ImageFact, index: number): string {
  if (image.kind === 'remote') {
    return `Image ${index + 1}: ${image.url} is a remote URL; I cannot fetch remote images (I have no network).`
  }
  return `Image ${index + 1}: ${image.mediaType}, ${image.width}x${image.height} pixels, ${image.bytes} bytes.`
}

/**
 * A stand-in for a vision model: it answers with facts about the images of the last user message
 * that a test can check (how many, their media types and pixel sizes read from the PNG, JPEG, WebP
 * or GIF header of each data URL), then quotes the message's text.
 */
export const visionModel: BuiltinModel = {
  id: 'kindling-vision',
  description: 'Describes the images it was sent: count, media types and pixel sizes from their headers.',
  supportsImageInput: true,
  chat(request) {
    const index = request.messages.findLastIndex((message) => message.role === 'user')
    const message = request.messages[index]
    if (!message) return { content: 'Send me a user message with image_url parts and I will describe them.' }
    const images = readContentParts([message])[0] ?? []
    const count = images.length === 1 ? '1 image' : `${images.length === 0 ? 'no' : images.length} images`
    const lines = [`I see ${count}.`, ...images.map(describeImage)]
    const text = messageText(message)
    if (text !== '') lines.push(`Your text: ${text}`)
    return { content: lines.join('\n') }
  },
  complete(prompt) {
    return ` I see no images in a text completion. ${prompt}`
  },
}
