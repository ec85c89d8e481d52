// After a failed pull the scheduler asks again exactly when the source said
// (Retry-After), and otherwise backs off, an urgent stream for a minute at most.
import { describe, expect, it } from 'vitest'
import { LullDb } from '../../src/renderer/db/schema'
import { maxUrgentBackoffMs } from '../../src/renderer/engine/polling'
import { createStreamScheduler } from '../../src/renderer/engine/sync'
import { defaultSettings, type Settings } from '../../src/shared/model'
import { createInProcessHost } from '../support/in-process-host'

let stores = 0
const start = Date.parse('2026-11-23T12:00:00Z')

async function oneStream(options: { isUrgent?: boolean } = {}) {
  let at = start
  const now = () => at
  const host = createInProcessHost({ isScripted: false, now })
  const account = await host.client.call('account:connect', {
    kind: 'sample',
    label: 'Sample',
    credentials: {},
  })
  const stream = account.streams.find((candidate) => candidate.name === '#incidents') ?? account.streams[0]
  if (!stream) throw new Error('the sample workspace listed no stream')
  const settings: Settings = options.isUrgent ? defaultSettings : { ...defaultSettings, urgentRules: [] }
  const db = new LullDb(`retry-schedule-${++stores}`)
  const scheduler = createStreamScheduler({ db, host: host.client })
  scheduler.setAccounts([{ ...account, streams: [stream] }], now())
  return {
    host,
    scheduler,
    pull: () => scheduler.pullDue(settings, now, { all: true }),
    advance: (ms: number) => {
      at += ms
    },
    now,
  }
}

describe('when a failed pull is tried again', () => {
  it("is exactly the source's Retry-After, however long, not the engine's own backoff", async () => {
    const s = await oneStream()
    s.host.workspace.controls.failNext({ kind: '429', retryAfterSeconds: 300 })
    const [outcome] = await s.pull()
    expect(outcome?.problem).toMatch(/wait|slow|limit/i)
    expect(s.scheduler.nextDueAt()).toBe(s.now() + 300_000)
  })

  it('backs off an urgent stream by at most a minute while its source is down', async () => {
    const s = await oneStream({ isUrgent: true })
    const delays: number[] = []
    for (let failure = 0; failure < 6; failure++) {
      s.host.workspace.controls.failNext({ kind: '5xx' })
      await s.pull()
      const due = s.scheduler.nextDueAt() ?? Number.NaN
      delays.push(due - s.now())
      s.advance(due - s.now())
    }
    expect(delays).toEqual([
      15_000,
      30_000,
      maxUrgentBackoffMs,
      maxUrgentBackoffMs,
      maxUrgentBackoffMs,
      maxUrgentBackoffMs,
    ])
  })

  it('backs off a background stream further, up to a quarter of an hour', async () => {
    const s = await oneStream({ isUrgent: false })
    const delays: number[] = []
    for (let failure = 0; failure < 8; failure++) {
      s.host.workspace.controls.failNext({ kind: '5xx' })
      await s.pull()
      const due = s.scheduler.nextDueAt() ?? Number.NaN
      delays.push(due - s.now())
      s.advance(due - s.now())
    }
    expect(delays.slice(0, 3)).toEqual([15_000, 30_000, 60_000])
    expect(delays.at(-1)).toBe(15 * 60_000)
  })
})
