// The write-back outbox: "done" reaches the source through the store once
// the undo window is over, survives a restart, retries with backoff, shows a
// failure after the last try, and undo before it is sent cancels it.
import { describe, expect, it } from 'vitest'
import { listFailedWrites, undoWindowMs } from '../../src/renderer/db/outbox'
import { snooze } from '../../src/renderer/db/repositories'
import { createHarness } from './engine-harness'

const monday = (time: string) => `2026-11-23T${time}:00Z`
/** An instant `ms` after a Monday time, as the harness's `at` takes it. */
const later = (time: string, ms: number) => new Date(Date.parse(monday(time)) + ms).toISOString()

async function withWritableSource(options: { failures?: number } = {}) {
  const written: string[] = []
  let failures = options.failures ?? 0
  const h = await createHarness({
    start: monday('12:00'),
    decorateSource: (factory) => (account, credentials, context) => ({
      ...factory(account, credentials, context),
      markDone: async (externalId: string) => {
        if (failures-- > 0) throw new Error('the source is down for maintenance')
        written.push(externalId)
      },
    }),
  })
  return { h, written }
}

describe('write-back outbox', () => {
  it('writes "done" back to the source and empties the outbox', async () => {
    const { h, written } = await withWritableSource()
    await h.engine.start()
    const item = h.say('github', 'review please')
    await h.at(monday('12:01'))
    expect(await h.engine.markDone(item.id)).toBe(true)
    await h.engine.settled()
    await h.at(monday('12:02'))
    expect(written).toEqual([item.externalId])
    expect(await h.db.outbox.count()).toBe(0)
    expect((await h.db.items.get(item.id))?.status).toBe('done')
    h.engine.stop()
  })

  it('holds "done" back for the undo window, then writes it once', async () => {
    const { h, written } = await withWritableSource()
    await h.engine.start()
    const item = h.say('github', 'wait for it')
    await h.at(monday('12:01'))
    expect(await h.engine.markDone(item.id)).toBe(true)
    await h.at(later('12:01', undoWindowMs - 1_000))
    expect(written).toEqual([])
    expect(await h.db.outbox.count()).toBe(1)
    await h.at(later('12:01', undoWindowMs))
    expect(written).toEqual([item.externalId])
    await h.at(monday('12:05'))
    expect(written).toEqual([item.externalId])
    h.engine.stop()
  })

  it('wakes by itself when the undo window ends and sends the write then', async () => {
    const { h, written } = await withWritableSource()
    await h.engine.start()
    const item = h.say('github', 'sent on time')
    await h.at(monday('12:01'))
    // Paused, no pull is due to wake the engine early: only the 30 s heartbeat is armed.
    await h.engine.toggleSyncPaused()
    await h.engine.markDone(item.id)
    h.clock.jumpTo(Date.parse(later('12:01', undoWindowMs)))
    expect(await h.clock.runDue(() => h.engine.settled())).toBe(1)
    expect(written).toEqual([item.externalId])
    h.engine.stop()
  })

  it('sends nothing when "done" is undone within the undo window', async () => {
    const { h, written } = await withWritableSource()
    await h.engine.start()
    const item = h.say('github', 'changed my mind')
    await h.at(monday('12:01'))
    await h.at(monday('13:00'))
    await h.engine.markDone(item.id)
    await h.at(later('13:00', undoWindowMs / 2))
    expect(await h.engine.undoDone(item.id)).toBe('cancelled')
    expect((await h.db.items.get(item.id))?.status).toBe('delivered')
    await h.at(monday('13:10'))
    expect(written).toEqual([])
    expect(await h.db.outbox.count()).toBe(0)
    expect(h.problems).toEqual([])
    h.engine.stop()
  })

  it('marks many items done as one step and undoes them as one, sending nothing', async () => {
    const { h, written } = await withWritableSource()
    await h.engine.start()
    const items = ['one', 'two', 'three'].map((text) => h.say('github', text))
    await h.at(monday('12:01'))
    await h.at(monday('13:00'))
    const marked = await h.engine.markAllDone([...items.map((item) => item.id), 'no-such-item'])
    expect(marked.sort()).toEqual(items.map((item) => item.id).sort())
    expect(await h.engine.markAllDone([items[0]?.id ?? ''])).toEqual([])
    const outcome = await h.engine.undoAllDone(items.map((item) => item.id))
    expect(outcome.cancelled.sort()).toEqual(items.map((item) => item.id).sort())
    expect(outcome.tooLate).toEqual([])
    await h.at(monday('13:10'))
    expect(written).toEqual([])
    for (const item of items) expect((await h.db.items.get(item.id))?.status).toBe('delivered')
    h.engine.stop()
  })

  it('keeps a write across a restart and sends it from the new window', async () => {
    const { h, written } = await withWritableSource()
    await h.engine.start()
    const item = h.say('github', 'ship it')
    await h.at(monday('12:01'))
    h.engine.stop()
    // The window marked it done and died before the write went out.
    const { markDoneWithWriteBack } = await import('../../src/renderer/db/outbox')
    await markDoneWithWriteBack(h.db, item, 'sample', h.clock.now())
    // Lull starts again after the undo window is over.
    h.clock.jumpTo(Date.parse(later('12:01', undoWindowMs)))
    const again = h.makeEngine()
    await again.start()
    await again.settled()
    expect(written).toEqual([item.externalId])
    again.stop()
  })

  it('retries a failing write with backoff, then shows it as failed with the reason', async () => {
    const { h, written } = await withWritableSource({ failures: 100 })
    await h.engine.start()
    const item = h.say('github', 'flaky')
    await h.at(monday('12:01'))
    await h.engine.markDone(item.id)
    await h.at(later('12:01', undoWindowMs))
    const row = await h.db.outbox.toArray()
    expect(row[0]).toMatchObject({ state: 'pending', attempts: 1 })
    expect(row[0]?.nextAttemptAt).toBe(Date.parse(monday('12:01')) + undoWindowMs + 10_000)
    for (const at of ['12:02', '12:10', '12:30', '13:30', '15:30']) await h.at(monday(at))
    const failed = await listFailedWrites(h.db)
    expect(failed).toHaveLength(1)
    expect(failed[0]?.error).toMatch(/down for maintenance/)
    expect(h.problems.some((problem) => /failed after several tries/.test(problem))).toBe(true)
    expect(written).toEqual([])
    h.engine.stop()
  })

  it('cancels a write that was not sent yet when "done" is undone', async () => {
    const { h, written } = await withWritableSource({ failures: 1 })
    await h.engine.start()
    const item = h.say('github', 'oops')
    await h.at(monday('12:01'))
    await h.at(monday('13:00'))
    expect((await h.db.items.get(item.id))?.status).toBe('delivered')
    await h.engine.markDone(item.id)
    await h.engine.settled()
    expect(await h.engine.undoDone(item.id)).toBe('cancelled')
    expect((await h.db.items.get(item.id))?.status).toBe('delivered')
    await h.at(monday('13:10'))
    expect(written).toEqual([])
    expect(await h.db.outbox.count()).toBe(0)
    h.engine.stop()
  })

  it('puts a held item back held when "done" is undone after its write went out, for its check-in', async () => {
    const { h, written } = await withWritableSource()
    await h.engine.start()
    const item = h.say('github', 'marked done while peeking at Waiting')
    await h.at(monday('12:01'))
    expect((await h.db.items.get(item.id))?.status).toBe('held')
    await h.engine.markDone(item.id)
    await h.at(monday('12:02'))
    expect(written).toEqual([item.externalId])
    expect(await h.engine.undoDone(item.id)).toBe('too-late')
    const back = await h.db.items.get(item.id)
    expect(back?.status).toBe('held')
    expect(back?.deliveredAt).toBeUndefined()
    expect(back?.doneFrom).toBeUndefined()
    await h.at(monday('13:00'))
    const delivered = await h.db.items.get(item.id)
    expect(delivered?.status).toBe('delivered')
    expect(delivered?.digestId).toBeDefined()
    h.engine.stop()
  })

  it('puts a snoozed item back snoozed until the same time when "done" is undone', async () => {
    const { h } = await withWritableSource()
    await h.engine.start()
    const item = h.say('github', 'later')
    await h.at(monday('12:01'))
    await h.at(monday('13:00'))
    const until = Date.parse(monday('17:00'))
    await snooze(h.db, item.id, until)
    await h.engine.markDone(item.id)
    await h.at(monday('13:01'))
    await h.engine.undoDone(item.id)
    expect(await h.db.items.get(item.id)).toMatchObject({ status: 'snoozed', snoozedUntil: until })
    h.engine.stop()
  })

  it('drops a waiting "done" when the thread came back with new activity before it was sent', async () => {
    const { h, written } = await withWritableSource({ failures: 2 })
    await h.engine.start()
    const item = h.say('github', 'review the migration')
    await h.at(monday('12:01'))
    await h.engine.markDone(item.id)
    await h.at(later('12:01', 30_000))
    await h.at(monday('12:02'))
    // Two tries failed; the write waits a minute for its next.
    expect(await h.db.outbox.toArray()).toMatchObject([{ attempts: 2, state: 'pending' }])
    h.clock.jumpTo(Date.parse('2026-11-23T12:02:30Z'))
    h.say('github', 'review the migration', {
      externalId: item.externalId,
      text: 'one more change, please look',
    })
    await h.engine.syncNow()
    await h.engine.settled()
    expect((await h.db.items.get(item.id))?.status).toBe('held')
    await h.at(monday('12:05'))
    expect(written).toEqual([])
    expect(await h.db.outbox.count()).toBe(0)
    expect((await h.db.items.get(item.id))?.status).toBe('held')
    h.engine.stop()
  })

  it('never holds up focus or a check-in while a write-back hangs', async () => {
    const h = await createHarness({
      start: monday('12:00'),
      decorateSource: (factory) => (account, credentials, context) => ({
        ...factory(account, credentials, context),
        markDone: () => new Promise<void>(() => {}),
      }),
    })
    await h.engine.start()
    const item = h.say('github', 'stuck write')
    const other = h.say('slack-general', 'still to deliver')
    await h.at(monday('12:01'))
    await h.engine.markDone(item.id)
    const session = await h.engine.startFocus({ kind: 'minutes', minutes: 25 })
    expect(session.endsAt).toBe(Date.parse(monday('12:26')))
    await h.engine.endFocus()
    const digest = await h.engine.checkInNow()
    expect(digest?.itemIds).toEqual([other.id])
    expect(await h.db.outbox.count()).toBe(1)
    h.engine.stop()
  })
})

describe('what "done" writes, by the account\'s setting', () => {
  async function withDoneAndRead() {
    const writes: string[] = []
    const h = await createHarness({
      start: monday('12:00'),
      decorateSource: (factory) => (account, credentials, context) => ({
        ...factory(account, credentials, context),
        markDone: async (externalId: string) => void writes.push(`done ${externalId}`),
        markRead: async (externalId: string) => void writes.push(`read ${externalId}`),
      }),
    })
    await h.engine.start()
    return { h, writes }
  }

  for (const [setting, expected] of [
    ['done', 'done'],
    ['read', 'read'],
  ] as const) {
    it(`writes "${expected}" when the account says ${setting}`, async () => {
      const { h, writes } = await withDoneAndRead()
      await h.engine.updateAccount('sample', { doneWriteBack: setting })
      const item = h.say('github', 'a review')
      await h.at(monday('12:01'))
      await h.engine.markDone(item.id)
      await h.at(monday('12:02'))
      expect(writes).toEqual([`${expected} ${item.externalId}`])
      expect(await h.db.outbox.count()).toBe(0)
      h.engine.stop()
    })
  }

  it('writes nothing to the source when the account says off, and keeps the item done in Lull', async () => {
    const { h, writes } = await withDoneAndRead()
    await h.engine.updateAccount('sample', { doneWriteBack: 'off' })
    const item = h.say('github', 'fyi')
    await h.at(monday('12:01'))
    await h.engine.markDone(item.id)
    await h.at(monday('12:02'))
    expect(writes).toEqual([])
    expect(await h.db.outbox.count()).toBe(0)
    expect((await h.db.items.get(item.id))?.status).toBe('done')
    h.engine.stop()
  })
})
