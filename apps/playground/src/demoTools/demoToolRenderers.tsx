import type { ToolRenderers } from '@kindling/ui'
import type { FakeWeather } from './fakeWeather.ts'

// How the playground draws some demo tools' results instead of JSON: the example of per-tool
// renderers an app would write.

function WeatherCard({ weather }: { weather: FakeWeather }) {
  return (
    <div className="playground-weather">
      <div>
        <div className="playground-weather-city">{weather.city}</div>
        <div className="playground-weather-detail">
          {weather.conditions} · H {weather.high_c}° L {weather.low_c}°
        </div>
      </div>
      <div className="playground-weather-temperature">{weather.temperature_c}°C</div>
    </div>
  )
}

/** The playground's renderers: `get_weather` results as a weather card. */
export const DEMO_TOOL_RENDERERS: ToolRenderers = {
  get_weather: (call) =>
    call.status === 'done' ? <WeatherCard weather={call.result as FakeWeather} /> : null,
}
