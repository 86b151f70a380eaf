import { toWireTools } from '@kindling/react/core'
import { describe, expect, it } from 'vitest'
import { DEMO_TOOLS, demoToolSet } from '../demoTools/demoTools.ts'
import { ArithmeticError, evaluateArithmetic } from '../demoTools/evaluateArithmetic.ts'
import { fakeWeather } from '../demoTools/fakeWeather.ts'

const context = { signal: new AbortController().signal, messages: [], toolCallId: 'call_1' }

describe('evaluateArithmetic', () => {
  it.each([
    ['2 + 2', 4],
    ['(12 + 3) * 2^3 / 4', 30],
    ['2^3^2', 512],
    ['-3 * -(2 + 1)', 9],
    ['7 % 4 - 10 / 4', 0.5],
    ['1.5e3 + .5', 1500.5],
  ])('%s = %d', (expression, value) => {
    expect(evaluateArithmetic(expression)).toBe(value)
  })

  it.each([
    ['', 'empty'],
    ['2 +', 'ends too early'],
    ['(1 + 2', 'never closed'],
    ['1 / 0', 'Division by zero'],
    ['2 ^ 9999', 'too large'],
    ['alert(1)', 'not a number'],
    ['1 2', 'Unexpected "2"'],
  ])('refuses %j with a clear error', (expression, message) => {
    expect(() => evaluateArithmetic(expression)).toThrow(ArithmeticError)
    expect(() => evaluateArithmetic(expression)).toThrow(message)
  })
})

describe('the demo tools', () => {
  it('fake weather is the same for the same city, and differs between cities', () => {
    expect(fakeWeather('Lisbon')).toEqual(fakeWeather(' lisbon '.replace('l', 'L')))
    const cities = ['Lisbon', 'Oslo', 'Kyoto', 'Lima', 'Accra'].map((city) => fakeWeather(city).temperature_c)
    expect(new Set(cities).size).toBeGreaterThan(1)
    expect(fakeWeather('Oslo').high_c).toBeGreaterThan(fakeWeather('Oslo').low_c)
  })

  it('turns only the enabled names into a tool set, none into undefined', () => {
    expect(demoToolSet([])).toBeUndefined()
    expect(Object.keys(demoToolSet(['send_email', 'calculate', 'nope']) ?? {})).toEqual([
      'calculate',
      'send_email',
    ])
    expect(demoToolSet('calculate' as unknown as string[])).toBeUndefined()
  })

  it('declares every tool on the wire with a description and an object schema', () => {
    const wire = toWireTools(demoToolSet(DEMO_TOOLS.map((demo) => demo.name)) ?? {})
    expect(wire.map((tool) => tool.function.name)).toEqual(DEMO_TOOLS.map((demo) => demo.name))
    for (const tool of wire) {
      expect(tool.function.description).toBeTruthy()
      expect(tool.function.parameters).toMatchObject({ type: 'object' })
    }
    const calculator = wire.find((tool) => tool.function.name === 'calculate')
    expect(calculator?.function.parameters).toMatchObject({
      properties: { expression: { type: 'string', pattern: expect.any(String) } },
    })
  })

  it('only the email tool needs approval, and it only pretends', async () => {
    const email = DEMO_TOOLS.find((demo) => demo.name === 'send_email')
    expect(DEMO_TOOLS.filter((demo) => demo.tool.needsApproval).map((demo) => demo.name)).toEqual([
      'send_email',
    ])
    const result = await email?.tool.execute?.({ to: 'a@example.com', subject: 'Hi', body: 'Hello' }, context)
    expect(result).toMatchObject({ sent: false, pretended: true, to: 'a@example.com' })
  })

  it('the calculator and the clock run', async () => {
    const calculate = DEMO_TOOLS.find((demo) => demo.name === 'calculate')
    expect(await calculate?.tool.execute?.({ expression: '6 * 7' }, context)).toEqual({
      expression: '6 * 7',
      result: 42,
    })
    const clock = DEMO_TOOLS.find((demo) => demo.name === 'get_current_time')
    const now = (await clock?.tool.execute?.({}, context)) as { iso: string; timeZone: string }
    expect(Math.abs(Date.parse(now.iso) - Date.now())).toBeLessThan(60_000)
    expect(now.timeZone).toBeTruthy()
  })
})
