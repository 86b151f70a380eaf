// The weather tool's made-up forecast: no network, and the same city always gets the same weather,
// so screenshots and tests are stable.

/** What the demo `get_weather` tool returns. */
export interface FakeWeather {
  city: string
  temperature_c: number
  conditions: string
  high_c: number
  low_c: number
  /** Says the numbers are invented, for the model and the reader. */
  note: string
}

const CONDITIONS = ['Sunny', 'Partly cloudy', 'Light rain', 'Windy', 'Overcast']

/** A made-up forecast for `city`, derived from its name. */
export function fakeWeather(city: string): FakeWeather {
  let hash = 2166136261
  for (const char of city.trim().toLowerCase()) {
    hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0
  }
  const temperature = 4 + (hash % 26)
  return {
    city: city.trim(),
    temperature_c: temperature,
    conditions: CONDITIONS[hash % CONDITIONS.length] as string,
    high_c: temperature + 3,
    low_c: temperature - 6,
    note: 'Made up by the playground from the city name.',
  }
}
