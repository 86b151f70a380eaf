import { echoModel } from './echo.ts'
import { reasoningModel } from './reasoning.ts'
import { textModel } from './text.ts'
import { toolsModel } from './tools.ts'
import type { BuiltinModel } from './types.ts'
import { visionModel } from './vision.ts'

/** Every model the server runs itself, in the order `/models` lists them. */
export const builtinModels: readonly BuiltinModel[] = [
  echoModel,
  textModel,
  toolsModel,
  reasoningModel,
  visionModel,
]

/** The built-in model with this id, if there is one. */
export function findBuiltinModel(id: string): BuiltinModel | undefined {
  return builtinModels.find((model) => model.id === id)
}

export type { BuiltinModel, ModelLimits, ModelOutput, ModelToolCall } from './types.ts'
