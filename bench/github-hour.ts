// An idle hour and a busy hour of GitHub notifications: the real engine
// and host in Node (fake IndexedDB, a clock moved by hand) against the
// GitHub emulator, the notifications stream urgent (a rule names review
// requests), so it is polled as often as GitHub allows. Printed: requests
// made, the share answered 304 (free against the rate limit), and the
// shortest gap between two list requests against X-Poll-Interval.
import 'fake-indexeddb/auto'
import { startGithubApp } from '../tests/emulators/github/app'

const hourMs = 60 * 60_000
const stepMs = 5_000

type HourResult = {
  requests: number
  listRequests: number
  notModified: number
  shortestGapMs: number
  pollIntervalMs: number
}

async function simulateHour(threadsPerHour: number): Promise<HourResult> {
  const start = Date.parse('2026-11-24T10:00:00Z')
  const app = await startGithubApp({
    start: new Date(start).toISOString(),
    settings: { urgentRules: [{ id: 'reviews', kind: 'github-reason', reason: 'review_requested' }] },
  })
  const { clock, emulator, engine } = app
  // Warm up: the first pull reads the inbox; the hour measured starts after it.
  clock.jumpTo(start + stepMs)
  await clock.runDue(() => engine.settled())
  const before = emulator.requestCount()
  const beforeLog = emulator.listLog().length
  const every = threadsPerHour > 0 ? hourMs / threadsPerHour : Number.POSITIVE_INFINITY
  let nextThread = start + every
  for (let at = start + 2 * stepMs; at <= start + hourMs; at += stepMs) {
    clock.jumpTo(at)
    while (nextThread <= at) {
      emulator.say({ title: `PR ${Math.round(nextThread)}`, reason: 'review_requested', type: 'PullRequest' })
      nextThread += every
    }
    await clock.runDue(() => engine.settled())
  }
  await engine.settled()
  const log = emulator.listLog().slice(beforeLog)
  const gaps = log.slice(1).map((entry, index) => entry.at - (log[index]?.at ?? entry.at))
  const result = {
    requests: emulator.requestCount() - before,
    listRequests: log.length,
    notModified: log.filter((entry) => entry.status === 304).length,
    shortestGapMs: gaps.length > 0 ? Math.min(...gaps) : 0,
    pollIntervalMs: 60_000,
  }
  await app.stop()
  return result
}

export async function benchGithubHours(): Promise<string[]> {
  const idle = await simulateHour(0)
  const busy = await simulateHour(20)
  const line = (name: string, hour: HourResult) =>
    `${name}: ${hour.requests} requests (${hour.listRequests} notification lists, ${hour.notModified} answered 304 = ${((100 * hour.notModified) / Math.max(1, hour.listRequests)).toFixed(0)}%); shortest gap between lists ${(hour.shortestGapMs / 1000).toFixed(0)} s against X-Poll-Interval ${hour.pollIntervalMs / 1000} s`
  return [
    line('idle hour', idle),
    line('busy hour, 20 review requests', busy),
    'goal: ≥ 90% of idle polls answered 304, none sooner than X-Poll-Interval',
  ]
}
