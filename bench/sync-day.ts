// A simulated 8-hour working day of syncing, read from main's request
// ledger: the real engine and host in Node (fake IndexedDB, a clock moved by
// hand) against the sample workspace with scripted traffic on six streams,
// one of them urgent (#incidents), sending no poll-interval hint, as most
// real sources do. Once with push watches (only the urgent stream needs
// one), once polling. The baseline is the naive poller: every stream every
// minute.
import 'fake-indexeddb/auto'
import { saveSettings } from '../src/renderer/db/repositories'
import { LullDb } from '../src/renderer/db/schema'
import { createEngine } from '../src/renderer/engine/engine'
import { defaultSettings } from '../src/shared/model'
import { createInProcessHost } from '../tests/support/in-process-host'
import { ManualClock } from '../tests/support/manual-clock'

const dayMs = 8 * 60 * 60_000
/** The clock moves a second at a time: latencies are exact to the second. */
const stepMs = 1_000
const start = Date.parse('2026-11-24T08:00:00Z')

type DayResult = {
  requests: number
  streams: number
  urgentCount: number
  worstUrgentMs: number
}

async function simulateDay(canWatch: boolean, run: number): Promise<DayResult> {
  const clock = new ManualClock(start, 'Europe/London')
  const host = createInProcessHost(
    {
      slotMs: 15_000,
      backlogMs: 0,
      pollAfterMs: null,
      now: () => clock.now(),
      setTimer: (callback, ms) => clock.setTimer(callback, ms),
      canWatch,
    },
    { clock },
  )
  const db = new LullDb(`sync-day-${run}`)
  await saveSettings(db, { ...defaultSettings, timeZone: 'Europe/London' })
  let ids = 0
  const engine = createEngine({
    db,
    host: host.client,
    clock,
    newId: () => `id-${++ids}`,
    navigate: () => {},
    report: () => {},
  })
  await engine.start()
  for (let at = start + stepMs; at <= start + dayMs; at += stepMs) {
    clock.jumpTo(at)
    await clock.runDue(() => engine.settled())
  }
  await engine.settled()
  engine.stop()
  const ledger = await host.dispatch('ledger:summary', { since: start - 60_000 })
  if (!ledger.ok) throw new Error(ledger.error.message)
  const entries = (ledger.value as { entries: Array<{ count: number }> }).entries
  const urgent = (await db.items.toArray()).filter((item) => item.stream === 'slack-incidents')
  const account = await db.accounts.get('sample')
  db.close()
  return {
    requests: entries.reduce((sum, entry) => sum + entry.count, 0),
    streams: account?.streams.length ?? 0,
    urgentCount: urgent.length,
    worstUrgentMs: Math.max(0, ...urgent.map((item) => item.receivedAt - item.sentAt)),
  }
}

export async function benchSyncDay(): Promise<string[]> {
  const pushed = await simulateDay(true, 1)
  const polled = await simulateDay(false, 2)
  const naive = pushed.streams * (dayMs / 60_000)
  const line = (name: string, day: DayResult) =>
    `${name}: ${day.requests.toLocaleString('en')} requests, ${(day.requests / naive).toFixed(3)}× naive; ` +
    `worst urgent latency ${(day.worstUrgentMs / 1000).toFixed(1)} s over ${day.urgentCount} urgent messages`
  return [
    `${pushed.streams} streams (1 urgent), 8 hours, the sample workspace speaking every ~25 s; requests from the ledger`,
    `naive baseline (every stream every minute): ${naive.toLocaleString('en')} requests`,
    line('push watches', pushed),
    line('polling     ', polled),
  ]
}
