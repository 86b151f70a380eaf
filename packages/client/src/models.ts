import { type ClientConfig, type RequestOptions, sendRequest } from './request.ts'
import type { ListModelsResponse } from './schemas.ts'
import { parseJSONResponse, validateResponse } from './validate.ts'

/** `client.models`. */
export interface ModelsAPI {
  /**
   * Lists the models the server offers. `requestTimeout` defaults to 60 seconds here.
   *
   * @example
   * const { data } = await client.models.list()
   * data.map((model) => model.id)
   */
  list(options?: RequestOptions): Promise<ListModelsResponse>
}

/** Binds the model list endpoint to a client's configuration. */
export function createModelsAPI(config: ClientConfig): ModelsAPI {
  return {
    async list(options: RequestOptions = {}) {
      const handle = await sendRequest(config, {
        method: 'GET',
        path: '/models',
        stream: false,
        defaultTimeoutSeconds: 60,
        options,
      })
      const context = { what: 'model list', endpoint: handle.endpoint, headers: handle.response.headers }
      const json = parseJSONResponse(handle.bodyText ?? '', context)
      return (await validateResponse('ListModelsResponseSchema', json, context)) as ListModelsResponse
    },
  }
}
