// A year of arrivals through simulate(): 500 a day at seeded random times,
// about 2% urgent, default settings in Europe/London. The baseline is one
// sort and scan of the same arrivals, measured in the same run.
import { defaultSettings } from '../src/shared/model'
import { type SimArrival, simulate } from '../src/shared/policy'
import { seededRandom } from '../src/shared/seeded-random'

const dayMs = 24 * 60 * 60_000
const from = Date.parse('2026-01-01T00:00:00Z')
const to = from + 365 * dayMs
const perDay = 500

function yearOfArrivals(): SimArrival[] {
  const random = seededRandom(2026)
  const sources = ['slack', 'github', 'email'] as const
  const arrivals: SimArrival[] = []
  for (let index = 0; index < 365 * perDay; index++) {
    const isUrgent = random() < 0.02
    arrivals.push({
      id: `item-${index}`,
      at: from + Math.floor(random() * (to - from)),
      threadKey: `thread-${Math.floor(random() * 2000)}`,
      container: isUrgent ? '#incidents' : '#general',
      source: sources[index % 3] ?? 'slack',
      isUrgent,
    })
  }
  return arrivals
}

/** The least any replay must do: sort the arrivals and look at each once. */
function baseline(arrivals: SimArrival[]): number {
  const sorted = [...arrivals].sort((a, b) => a.at - b.at)
  let urgent = 0
  for (const arrival of sorted) if (arrival.isUrgent) urgent++
  return urgent
}

export async function benchSimulate(): Promise<string[]> {
  const arrivals = yearOfArrivals()
  const settings = { ...defaultSettings, timeZone: 'Europe/London' }
  const options = { zone: 'Europe/London', pollMs: 60_000 }
  // One warm-up of each, so the JIT and the schedule cache are not what is measured.
  simulate(settings, arrivals.slice(0, 1000), from, from + 30 * dayMs, options)
  baseline(arrivals.slice(0, 1000))

  let started = performance.now()
  const urgent = baseline(arrivals)
  const baselineMs = performance.now() - started

  started = performance.now()
  const events = simulate(settings, arrivals, from, to, options)
  const elapsedMs = performance.now() - started

  const digests = events.filter((event) => event.kind === 'digest').length
  const breakthroughs = events.filter((event) => event.kind === 'breakthrough').length
  return [
    `arrivals: ${arrivals.length.toLocaleString('en')} over 365 days (${urgent.toLocaleString('en')} urgent)`,
    `simulate: ${elapsedMs.toFixed(1)} ms, ${Math.round(arrivals.length / (elapsedMs / 1000)).toLocaleString('en')} arrivals/s`,
    `events: ${events.length.toLocaleString('en')} (${digests} digests, ${breakthroughs} breakthroughs)`,
    `baseline (sort + scan): ${baselineMs.toFixed(1)} ms`,
    `ratio simulate / baseline: ${(elapsedMs / baselineMs).toFixed(1)}×`,
  ]
}
