// A story's per-tool renderer: what an app draws for its `get_weather` results instead of JSON.

/** What the stories' fake `get_weather` tool returns. */
export interface WeatherReport {
  city: string
  temperature: number
  conditions: string
  high: number
  low: number
}

/** A small weather card (inline styles from the kit's theme variables: stories only). */
export function WeatherCard({ report, className }: { report: WeatherReport; className?: string }) {
  return (
    <div
      className={className}
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: 16,
        margin: '0.75rem',
        padding: '0.75rem 1rem',
        borderRadius: 'var(--kindling-radius)',
        background: 'linear-gradient(135deg, light-dark(#e8effc, #233049), light-dark(#f3f4f6, #22252b))',
      }}
    >
      <div>
        <div style={{ fontWeight: 600, fontSize: 'var(--kindling-text-base)' }}>{report.city}</div>
        <div style={{ color: 'var(--kindling-muted)' }}>
          {report.conditions} · H {report.high}° L {report.low}°
        </div>
      </div>
      <div style={{ fontSize: '2rem', fontWeight: 300, lineHeight: 1 }}>{report.temperature}°</div>
    </div>
  )
}

/** A deterministic fake forecast for a city (no network): the same city gives the same weather. */
export function fakeWeather(city: string): WeatherReport {
  let hash = 0
  for (const char of city.toLowerCase()) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  const temperature = 8 + (hash % 20)
  const conditions = ['Sunny', 'Partly cloudy', 'Light rain', 'Windy'][hash % 4] as string
  return { city, temperature, conditions, high: temperature + 3, low: temperature - 5 }
}
