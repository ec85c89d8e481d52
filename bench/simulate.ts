// A year of arrivals through simulate(): 500 a day at seeded random times,
// about 2% urgent, default settings in Europe/London. The baseline is one
// sort and scan of the same arrivals, measured in the same run. Then the
// reply preview: a busy week of DMs (2,000 from 200 people) replayed
// through the reply decision, against the same kind of baseline.
import { defaultDmReply, defaultSettings } from '../src/shared/model'
import { type ReplyCandidate, type SimArrival, simulate, simulateReplies } from '../src/shared/policy'
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
    ...benchReplyPreview(settings),
  ]
}

function weekOfDms(count: number): ReplyCandidate[] {
  const random = seededRandom(29)
  const start = Date.parse('2026-11-23T00:00:00Z')
  return Array.from({ length: count }, (_unused, index) => {
    const person = Math.floor(random() * 200)
    return {
      id: `dm-${index}`,
      accountId: 'slack-1',
      source: 'slack' as const,
      author: { id: `U${person}`, name: `Person ${person}` },
      sentAt: start + Math.floor(random() * 7 * dayMs),
      status: 'held' as const,
      slack: { conversationKind: 'im' as const, channel: `D${person}` },
    }
  })
}

function benchReplyPreview(settings: typeof defaultSettings): string[] {
  const dms = weekOfDms(2000)
  const reply = { settings: { ...defaultDmReply, isOn: true } }
  simulateReplies(settings, dms.slice(0, 100), 'Europe/London', [], reply)
  let started = performance.now()
  const sorted = [...dms].sort((a, b) => a.sentAt - b.sentAt).length
  const baselineMs = performance.now() - started
  started = performance.now()
  const rows = simulateReplies(settings, dms, 'Europe/London', [], reply)
  const elapsedMs = performance.now() - started
  const told = rows.filter((row) => row.decision.kind === 'reply').length
  return [
    `reply preview: ${sorted.toLocaleString('en')} DMs in a week, ${told} told, ${elapsedMs.toFixed(1)} ms`,
    `ratio reply preview / sort: ${(elapsedMs / Math.max(baselineMs, 0.01)).toFixed(0)}×`,
  ]
}
