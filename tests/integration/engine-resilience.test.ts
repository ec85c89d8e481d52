// Faults injected around the engine, with the manual clock: a wake that
// throws, a pull that never answers, a window that dies before its notice,
// a backlog bigger than a page, a corrupt settings row, a second window on
// the same store, a store that was wiped.
import { describe, expect, it } from 'vitest'
import { createSampleWorkspace } from '../../src/main/sources/sample'
import type { SourceFactory } from '../../src/main/sources/source'
import { createMemoryStoreMarker } from '../../src/main/store-marker'
import { ingestBatch } from '../../src/renderer/db/ingest'
import { LullDb } from '../../src/renderer/db/schema'
import { readSyncHealth } from '../../src/renderer/db/sync-health'
import { createHarness, digestsOf } from './engine-harness'

// 2026-11-23 is a Monday. Default settings: check-ins 09:30, 13:00, 16:30
// on weekdays; a deep-work block 09:00–11:30; #incidents is urgent.
const monday = (time: string) => `2026-11-23T${time}:00Z`
const breakthroughs = (h: Awaited<ReturnType<typeof createHarness>>) =>
  h.host.ports.notifications.filter((notice) => notice.kind === 'breakthrough')
/** Let promises and fake-indexeddb's own timers run (real time, a few ms). */
const flush = async () => {
  for (let round = 0; round < 5; round++) await new Promise((done) => setTimeout(done, 5))
}

describe('a wake that fails', () => {
  it('arms the next wake anyway, and the check-in that failed once is delivered then', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    const held = h.say('slack-general', 'standup notes')
    await h.at(monday('12:30'))
    let failures = 1
    h.db.digests.hook('creating', () => {
      if (failures-- > 0) throw new Error('QuotaExceededError: the disk is full')
    })

    h.clock.jumpTo(Date.parse(monday('13:00')))
    await h.clock.runDue(() => h.engine.settled())
    expect(await digestsOf(h.db)).toHaveLength(0)
    expect(h.problems.at(-1)).toMatch(/will retry: .*disk is full/)
    expect(h.clock.pendingTimers()).toBeGreaterThan(0)

    h.clock.jumpTo(Date.parse(monday('13:00')) + 30_000)
    await h.clock.runDue(() => h.engine.settled())
    const digests = await digestsOf(h.db)
    expect(digests).toHaveLength(1)
    expect(digests[0]?.itemIds).toEqual([held.id])
    h.engine.stop()
  })
})

/** A source whose pulls of one stream never answer while `hang.isOn`. */
function hangingOn(stream: string, hang: { isOn: boolean }) {
  return (factory: SourceFactory): SourceFactory =>
    (account, credentials, context) => {
      const source = factory(account, credentials, context)
      return {
        ...source,
        pull: (asked, cursor) =>
          hang.isOn && asked === stream ? new Promise(() => {}) : source.pull(asked, cursor),
      }
    }
}

describe('a pull that never answers', () => {
  it('holds up neither other streams, breakthroughs, check-ins nor focus, and shows as slow, then failing', async () => {
    const hang = { isOn: false }
    const h = await createHarness({
      start: monday('12:00'),
      decorateSource: hangingOn('slack-general', hang),
    })
    await h.engine.start()
    hang.isOn = true
    h.say('slack-general', 'stuck behind a hung pull')
    const review = h.say('github', 'review please')
    h.clock.jumpTo(Date.parse(monday('12:00')) + 20_000)
    await h.clock.runDue(flush)
    const urgent = h.say('slack-incidents', 'checkout is down')
    h.clock.jumpTo(Date.parse(monday('12:00')) + 25_000)
    await h.clock.runDue(flush)
    // Work set off in the background (the pull, then the wake it causes) is awaited until it comes true.
    await expect
      .poll(() => breakthroughs(h).map((notice) => notice.body))
      .toEqual([`${urgent.text} — Broke through: Slack channel #incidents`])

    h.clock.jumpTo(Date.parse(monday('12:00')) + 40_000)
    await h.clock.runDue(flush)
    await expect
      .poll(
        async () => (await readSyncHealth(h.db)).find((stream) => stream.stream === 'slack-general')?.state,
      )
      .toBe('slow')

    // Focus starts and ends while the pull hangs.
    await h.engine.startFocus({ kind: 'minutes', minutes: 10 })
    await h.engine.endFocus()

    // The deadline ends the hung pull: the stream fails on its own and says why.
    h.clock.jumpTo(Date.parse(monday('12:00')) + 70_000)
    await h.clock.runDue(flush)
    expect(
      h.problems.some((problem) => /Could not sync #general .*no answer within 45 s/.test(problem)),
    ).toBe(true)

    h.clock.jumpTo(Date.parse(monday('13:00')))
    await h.clock.runDue(flush)
    await expect
      .poll(async () => (await digestsOf(h.db)).flatMap((digest) => digest.itemIds))
      .toContain(review.id)
    h.engine.stop()
  })

  it('lets "check in now" deliver what is there after a short wait instead of waiting on the stuck stream', async () => {
    const hang = { isOn: false }
    const h = await createHarness({
      start: monday('12:00'),
      decorateSource: hangingOn('slack-general', hang),
    })
    await h.engine.start()
    const review = h.say('github', 'review please')
    await h.at(monday('12:01'))
    hang.isOn = true
    const checkIn = h.engine.checkInNow()
    await flush()
    h.clock.jumpTo(Date.parse(monday('12:01')) + 10_000)
    await h.clock.runDue(flush)
    const digest = await checkIn
    expect(digest?.itemIds).toEqual([review.id])
    h.engine.stop()
  })
})

describe('an urgent item whose window died before its notice', () => {
  it('is notified when Lull starts again, from the pending notice stored with the item', async () => {
    const h = await createHarness({ start: monday('12:00') })
    const urgent = h.say('slack-incidents', 'database failover')
    // The last window stored the item and died before it could notify.
    await ingestBatch(h.db, {
      accountId: 'sample',
      stream: 'slack-incidents',
      items: [urgent],
      cursor: null,
      now: h.clock.now(),
      classify: () => 'rule-incidents',
    })
    expect(await h.db.notices.count()).toBe(1)
    await h.engine.start()
    await h.engine.settled()
    expect(breakthroughs(h).map((notice) => notice.body)).toEqual([
      `${urgent.text} — Broke through: Slack channel #incidents`,
    ])
    expect(await h.db.notices.count()).toBe(0)
    h.engine.stop()
  })

  it('retries a notice the host could not show, and starts the cooldown only once it is out', async () => {
    const h = await createHarness({ start: monday('12:00') })
    const show = h.host.ports.notifier.show
    let isBroken = true
    h.host.ports.notifier.show = (request) => {
      if (isBroken) throw new Error('the notification server is gone')
      return show(request)
    }
    await h.engine.start()
    const urgent = h.say('slack-incidents', 'pager: p99 over 2 s')
    await h.at(monday('12:01'))
    expect(breakthroughs(h)).toHaveLength(0)
    expect(await h.db.notices.count()).toBe(1)
    expect((await h.db.meta.get('breakthroughLastNotified'))?.value ?? {}).toEqual({})

    isBroken = false
    h.clock.jumpTo(Date.parse(monday('12:01')) + 6_000)
    await h.clock.runDue(() => h.engine.settled())
    expect(breakthroughs(h).map((notice) => notice.body)).toEqual([
      `${urgent.text} — Broke through: Slack channel #incidents`,
    ])
    expect(await h.db.notices.count()).toBe(0)
    expect(Object.keys((await h.db.meta.get('breakthroughLastNotified'))?.value as object)).toEqual([
      urgent.threadKey,
    ])
    h.engine.stop()
  })
})

describe('a backlog bigger than a page', () => {
  it('is read page by page after a week closed, every item stored once and the contract kept', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    const week = 7 * 24 * 60 * 60_000
    const told = Array.from({ length: 1_200 }, (_, n) => h.say('slack-general', `message ${n}`))
    h.engine.stop()
    h.clock.jumpTo(Date.parse(monday('12:00')) + week)
    const again = h.makeEngine()
    await again.start()
    await again.settled()
    const stored = (await h.db.items.toArray()).filter((item) => item.stream === 'slack-general')
    expect(stored.map((item) => item.id).sort()).toEqual(told.map((item) => item.id).sort())
    expect(h.problems.filter((problem) => /breaks the contract|Could not sync/.test(problem))).toEqual([])
    again.stop()
  })

  it('never hands over more than a page, and a cursor from far away cannot make a pull walk forever', async () => {
    const now = Date.parse(monday('12:00'))
    const workspace = createSampleWorkspace({ slotMs: 1_000, now: () => now })
    const source = workspace.factory({ id: 'sample', kind: 'sample' }, null)
    const far = await source.pull('github', `${now - 10 ** 12}:-1:0`)
    const odd = await source.pull('github', `${now - 60_000}:-9000000000000:999999`)
    const week = await source.pull('github', `${now - 7 * 24 * 60 * 60_000}:-1:0`)
    for (const page of [far, odd, week]) expect(page.items.length).toBeLessThanOrEqual(500)
    expect(odd.cursor).toBe(`${now - 60_000}:60:0`)
    expect(week.hasMore).toBe(true)
  })
})

describe('pause syncing', () => {
  it('changes only its own field of a settings row that does not parse', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.db.settings.put({ key: 'settings', value: { checkIns: 'every hour', focusShortcut: 'F9' } })
    await h.engine.start()
    await h.engine.toggleSyncPaused()
    expect((await h.db.settings.get('settings'))?.value).toEqual({
      checkIns: 'every hour',
      focusShortcut: 'F9',
      syncPaused: true,
    })
    h.engine.stop()
  })

  it('keeps an unreadable row as it is and pauses for this run only, saying so', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.db.settings.put({ key: 'settings', value: 'not json {' })
    await h.engine.start()
    await h.engine.toggleSyncPaused()
    expect((await h.db.settings.get('settings'))?.value).toBe('not json {')
    expect(h.engine.settings.syncPaused).toBe(true)
    expect(h.problems.at(-1)).toMatch(/pause lasts until Lull restarts/)
    h.engine.stop()
  })
})

describe('two windows on one store', () => {
  it('follows focus started in the other window: no check-in inside it, one tray', async () => {
    const h = await createHarness({ start: monday('12:00'), dbName: 'two-windows' })
    await h.engine.start()
    h.say('slack-general', 'held for later')
    await h.at(monday('12:30'))
    const otherDb = new LullDb('two-windows')
    const other = h.makeEngine({ db: otherDb, acquireLead: () => new Promise(() => {}) })
    void other.start()
    await flush()
    expect(other.isLeading).toBe(false)

    h.clock.jumpTo(Date.parse(monday('12:55')))
    await other.startFocus({ kind: 'minutes', minutes: 50 })
    await h.at(monday('13:00'))
    expect(await digestsOf(h.db)).toHaveLength(0)
    expect(h.host.ports.trayStates.at(-1)?.isFocused).toBe(true)

    await h.at(monday('13:45'))
    expect(await digestsOf(h.db)).toHaveLength(1)
    other.stop()
    h.engine.stop()
  })
})

describe('a wiped store', () => {
  it('is noticed and said, instead of passing for a first run', async () => {
    const marker = createMemoryStoreMarker()
    const first = await createHarness({ start: monday('12:00'), storeMarker: marker })
    await first.engine.start()
    expect(first.problems.filter((problem) => /emptied/.test(problem))).toEqual([])
    first.engine.stop()

    const wiped = await createHarness({ start: monday('12:05'), storeMarker: marker })
    await wiped.engine.start()
    expect(wiped.problems.some((problem) => /inbox store was emptied by the system/.test(problem))).toBe(true)
    wiped.engine.stop()
  })

  it('catches up on a check-in even when the time of the last one cannot be read', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    const held = h.say('slack-general', 'from before')
    await h.at(monday('12:10'))
    h.engine.stop()
    await h.db.meta.put({ key: 'lastCheckInAt', value: 'yesterday-ish' })
    h.clock.jumpTo(Date.parse(monday('14:00')))
    const again = h.makeEngine()
    await again.start()
    await again.settled()
    expect(h.problems.some((problem) => /last check-in could not be read/.test(problem))).toBe(true)
    const digests = await digestsOf(h.db)
    expect(digests.flatMap((digest) => digest.itemIds)).toContain(held.id)
    again.stop()
  })
})

describe('push watches', () => {
  it('pulls a stream as soon as its watch says it changed, and shows it as not live once the watch drops', async () => {
    const h = await createHarness({ start: monday('12:00'), canWatch: true })
    await h.engine.start()
    await h.engine.settled()
    // Only the urgent stream needs news at once; the rest waits for the check-in anyway.
    await expect
      .poll(async () =>
        (await readSyncHealth(h.db)).filter((stream) => stream.isWatched).map((stream) => stream.stream),
      )
      .toEqual(['slack-incidents'])

    // No clock movement: only the watch can make this arrive.
    const pushed = h.say('slack-incidents', 'pushed, not polled')
    await expect.poll(async () => (await h.db.items.get(pushed.id))?.status).toBe('delivered')

    h.host.workspace.controls.dropWatch('slack-general')
    await expect
      .poll(
        async () =>
          (await readSyncHealth(h.db)).find((stream) => stream.stream === 'slack-general')?.isWatched,
      )
      .toBe(false)
    h.engine.stop()
  })
})

describe('a revoked sign-in', () => {
  it('shows the error, stops pulling the account, keeps its items, and goes again on "Sync now"', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    const kept = h.say('slack-general', 'said before the revoke')
    await h.at(monday('12:01'))
    h.host.workspace.controls.revokeCredentials()
    await h.at(monday('12:02'))
    expect(h.problems.some((problem) => /no longer accepts Lull's sign-in.*Reconnect/.test(problem))).toBe(
      true,
    )
    const pulls = h.host.workspace.controls.requestCount()
    for (const time of ['12:10', '12:30', '13:05']) await h.at(monday(time))
    expect(h.host.workspace.controls.requestCount()).toBe(pulls)
    expect(await h.db.items.get(kept.id)).toBeDefined()
    expect((await readSyncHealth(h.db)).every((stream) => stream.state === 'failing')).toBe(true)

    await h.engine.syncNow('sample')
    await h.engine.settled()
    expect(h.host.workspace.controls.requestCount()).toBeGreaterThan(pulls)
    h.engine.stop()
  })
})

describe('focus status', () => {
  it('is set at an account whose switch is on, restored when focus ends, and restored after a restart mid-focus', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    const lunch = { message: 'At lunch', emoji: ':sandwich:', expiresAt: null, isDoNotDisturb: false }
    h.host.workspace.controls.setFocusStatusAsPerson(lunch)
    await h.engine.updateAccount('sample', { isFocusStatusOn: true })

    await h.engine.startFocus({ kind: 'minutes', minutes: 25 })
    await expect
      .poll(() => h.host.workspace.controls.focusStatus().message)
      .toBe('Deep work until 12:25, #incidents for emergencies')
    expect(h.host.workspace.controls.focusStatus()).toMatchObject({
      isDoNotDisturb: true,
      expiresAt: Date.parse(monday('12:25')),
    })
    await h.engine.endFocus()
    await expect.poll(() => h.host.workspace.controls.focusStatus()).toEqual(lunch)

    // A restart in the middle of focus still restores once the session is over.
    await h.engine.startFocus({ kind: 'minutes', minutes: 25 })
    await expect.poll(() => h.host.workspace.controls.focusStatus().isDoNotDisturb).toBe(true)
    h.engine.stop()
    h.clock.jumpTo(Date.parse(monday('12:40')))
    const again = h.makeEngine()
    await again.start()
    await again.settled()
    await expect.poll(() => h.host.workspace.controls.focusStatus()).toEqual(lunch)
    again.stop()
  })
})

describe('rows no range query can see', () => {
  it('are swept aside a while after start, and the sweep runs at most once a day', async () => {
    const h = await createHarness({ start: monday('12:00') })
    const good = h.say('slack-general', 'fine')
    const badStatus = {
      ...good,
      id: 'sample:bad-status',
      externalId: 'bad-status',
      status: 'pending-ish',
      receivedAt: 1,
    }
    await h.db.items.put(badStatus as never)
    await h.engine.start()
    await h.engine.settled()
    expect(await h.db.quarantine.count()).toBe(0)

    h.clock.jumpTo(Date.parse(monday('12:03')))
    await h.clock.runDue(() => h.engine.settled())
    await expect.poll(() => h.db.quarantine.count()).toBe(1)
    expect(await h.db.items.get('sample:bad-status')).toBeUndefined()
    h.engine.stop()

    await h.db.items.put({ ...badStatus, id: 'sample:bad-again', externalId: 'bad-again' } as never)
    h.clock.jumpTo(Date.parse(monday('14:00')))
    const again = h.makeEngine()
    await again.start()
    h.clock.jumpTo(Date.parse(monday('14:05')))
    await h.clock.runDue(() => again.settled())
    expect(await h.db.items.get('sample:bad-again')).toBeDefined()
    again.stop()
  })
})

describe('a change announced while its stream is being pulled', () => {
  it('is pulled again right after, not left for the slow backup poll', async () => {
    let release: () => void = () => {}
    const gate = { isOn: false }
    const h = await createHarness({
      start: monday('12:00'),
      canWatch: true,
      decorateSource: (factory) => (account, credentials, context) => {
        const source = factory(account, credentials, context)
        return {
          ...source,
          pull: async (stream, cursor) => {
            // Read the source first, then wait: the change lands after the read.
            const page = await source.pull(stream, cursor)
            if (gate.isOn && stream === 'slack-incidents') await new Promise<void>((done) => (release = done))
            return page
          },
        }
      },
    })
    await h.engine.start()
    await h.engine.settled()
    gate.isOn = true
    void h.engine.syncNow('sample')
    await flush()
    gate.isOn = false
    const late = h.say('slack-incidents', 'said while the pull was under way')
    await flush()
    release()
    await flush()
    // A second later, not the five minutes of a watched stream's backup poll.
    h.clock.jumpTo(h.clock.now() + 1_000)
    await h.clock.runDue(flush)
    await expect.poll(async () => (await h.db.items.get(late.id))?.status).toBe('delivered')
    h.engine.stop()
  })
})
