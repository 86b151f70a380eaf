/**
 * A request a built-in model cannot serve because of one parameter: the server answers 400 with
 * this message, naming `param` (e.g. `messages[0].content[1].image_url.url`).
 */
export class InvalidParamError extends Error {
  override name = 'InvalidParamError'
  constructor(
    message: string,
    readonly param: string,
    readonly code: string = 'invalid_value',
  ) {
    super(message)
  }
}
