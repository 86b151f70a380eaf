// The calculator tool's arithmetic: + - * / %, powers (^), parentheses and unary minus, parsed by
// hand. Never `eval`: the expression comes from a model.

/** An expression the calculator cannot evaluate, with what is wrong. */
export class ArithmeticError extends Error {
  override name = 'ArithmeticError'
}

const MAX_LENGTH = 500

/** The value of an arithmetic expression such as `(12 + 3) * 2^3 / 4`. Throws an {@link ArithmeticError}. */
export function evaluateArithmetic(expression: string): number {
  if (expression.length > MAX_LENGTH) {
    throw new ArithmeticError(`The expression is longer than ${MAX_LENGTH} characters.`)
  }
  const tokens = expression.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+|[-+*/%^()]|\S/gi) ?? []
  let position = 0
  const peek = () => tokens[position]
  const next = () => tokens[position++]

  function primary(): number {
    const token = next()
    if (token === undefined) throw new ArithmeticError('The expression ends too early.')
    if (token === '(') {
      const value = sum()
      if (next() !== ')') throw new ArithmeticError('A "(" is never closed.')
      return value
    }
    if (token === '-') return -power()
    if (token === '+') return power()
    const value = Number(token)
    if (Number.isNaN(value)) throw new ArithmeticError(`"${token}" is not a number or an operator.`)
    return value
  }
  function power(): number {
    const base = primary()
    // Right-associative: 2^3^2 is 2^(3^2).
    if (peek() === '^') {
      next()
      return base ** power()
    }
    return base
  }
  function product(): number {
    let value = power()
    for (let op = peek(); op === '*' || op === '/' || op === '%'; op = peek()) {
      next()
      const right = power()
      if (op !== '*' && right === 0) throw new ArithmeticError('Division by zero.')
      value = op === '*' ? value * right : op === '/' ? value / right : value % right
    }
    return value
  }
  function sum(): number {
    let value = product()
    for (let op = peek(); op === '+' || op === '-'; op = peek()) {
      next()
      value = op === '+' ? value + product() : value - product()
    }
    return value
  }

  if (tokens.length === 0) throw new ArithmeticError('The expression is empty.')
  const value = sum()
  if (position < tokens.length) throw new ArithmeticError(`Unexpected "${tokens[position]}".`)
  if (!Number.isFinite(value)) throw new ArithmeticError('The result is too large.')
  return value
}
