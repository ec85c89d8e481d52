// Promises about the optional parts of a source: a push watch that says
// when its stream changed and, dropped, is reopened with nothing lost;
// "done" and "read" written back; the person's status set and restored.
// A source names the parts it has (`OptionalParts`); only their tests are
// defined, and the declaration is itself checked against what the host finds.
import { expect, it, vi } from 'vitest'
import type { FocusStatus } from '../../src/shared/contract'
import { type Harness, tokenCounts } from './harness'

const eventually = { timeout: 5_000, interval: 10 }
const personStatus: FocusStatus = {
  message: 'In the garden',
  emoji: ':seedling:',
  expiresAt: null,
  isDoNotDisturb: false,
}
/** Let the work a fired timer started run on (an open answered by a socket, a promise chain). */
const settle = () => new Promise<void>((done) => setTimeout(done, 0))

async function watchOpen(h: Harness, streams: string[]): Promise<void> {
  const answer = await h.client.call('source:watch', { account: h.ref, streams })
  expect(answer.isSupported).toBe(true)
  for (const stream of streams) {
    await vi.waitFor(() => expect(h.watchStates(stream).at(-1)?.state).toBe('open'), eventually)
  }
}

async function firstItem(h: Harness, stream: string) {
  await h.sayMany(stream, 1)
  const item = (await h.pullToEnd(stream)).flatMap((page) => page.items)[0]
  if (!item) throw new Error(`a pull of ${stream} gave nothing after a message was said there`)
  return item
}

/** Which optional parts a source has; the suite defines their tests only. */
export type OptionalParts = { watch: boolean; writes: boolean; focusStatus: boolean }

/** The adapter's part, which the source said it has. */
function declared<T>(part: T | undefined, name: string): T {
  if (part === undefined)
    throw new Error(`the source declares ${name}, but its adapter gives no way to test it`)
  return part
}

export function describeOptionalParts(start: () => Promise<Harness>, parts: OptionalParts): void {
  it('offers exactly the optional parts its adapter declares', async () => {
    const h = await start()
    const [stream] = h.adapter.streams
    const watch = await h.client.call('source:watch', { account: h.ref, streams: [stream] })
    expect(watch.isSupported).toBe(h.adapter.watch !== undefined)
    await h.client.call('source:watch', { account: h.ref, streams: [] })
    const item = await firstItem(h, stream)
    const done = await h.client.call('item:done-write', { account: h.ref, externalId: item.externalId })
    expect(done.isWritten).toBe(h.adapter.writes !== undefined)
    const status = await h.client.call('focus:status-set', { account: h.ref, until: null, message: 'Focus' })
    expect(status.outcome).toBe(h.adapter.focusStatus ? 'set' : 'unsupported')
  })

  if (parts.watch)
    it('says through its watch when its stream changes, and only for that stream', async () => {
      const h = await start()
      declared(h.adapter.watch, 'a watch')
      const [stream, other] = h.adapter.streams
      await watchOpen(h, [stream, other])
      await h.sayMany(stream, 1)
      await vi.waitFor(() => expect(h.changes(stream)).toHaveLength(1), eventually)
      expect(h.changes(other)).toEqual([])
    })

  if (parts.watch)
    it('has a dropped watch reopened, and what was said while it was down pulled once', async () => {
      const h = await start()
      const watch = declared(h.adapter.watch, 'a watch')
      const [stream] = h.adapter.streams
      const before = await h.sayMany(stream, 1)
      await h.sync(stream)
      await watchOpen(h, [stream])

      watch.drop(stream)
      await vi.waitFor(() => expect(h.watchStates(stream).at(-1)?.state).toBe('down'), eventually)
      const retryAt = h.watchStates(stream).at(-1)?.retryAt
      if (!retryAt) throw new Error('the watch went down without a time to retry')
      const during = await h.sayMany(stream, 1)
      expect(h.changes(stream)).toEqual([])

      h.clock.jumpTo(retryAt)
      await h.clock.runDue(settle)
      await vi.waitFor(() => expect(h.watchStates(stream).at(-1)?.state).toBe('open'), eventually)
      await vi.waitFor(() => expect(h.changes(stream).length).toBeGreaterThan(0), eventually)
      await h.syncDue(stream)
      const counts = tokenCounts(await h.stored(stream))
      expect([...counts.entries()].sort()).toEqual([...before, ...during].map((token) => [token, 1]).sort())
    })

  if (parts.writes)
    it('writes "done" back to its server', async () => {
      const h = await start()
      const writes = declared(h.adapter.writes, 'writes')
      const item = await firstItem(h, h.adapter.streams[0])
      const answer = await h.client.call('item:done-write', { account: h.ref, externalId: item.externalId })
      expect(answer.isWritten).toBe(true)
      expect(writes.done()).toEqual([item.externalId])
    })

  if (parts.writes)
    it('writes "read" back to its server', async () => {
      const h = await start()
      const writes = declared(h.adapter.writes, 'writes')
      const item = await firstItem(h, h.adapter.streams[0])
      const answer = await h.client.call('item:read-write', { account: h.ref, externalId: item.externalId })
      expect(answer.isWritten).toBe(true)
      expect(writes.read()).toEqual([item.externalId])
    })

  if (parts.focusStatus)
    it("sets Lull's status over the person's and puts the person's back after focus", async () => {
      const h = await start()
      const status = declared(h.adapter.focusStatus, 'focusStatus')
      status.setAsPerson(personStatus)
      const until = h.clock.now() + 30 * 60_000
      const answer = await h.client.call('focus:status-set', { account: h.ref, until, message: 'Focusing' })
      if (answer.outcome !== 'set') throw new Error('the status was not set')
      expect(answer.previous).toEqual(personStatus)
      expect(status.read()).toEqual(answer.set)
      expect(status.read().isDoNotDisturb).toBe(true)
      const restore = { account: h.ref, previous: answer.previous, set: answer.set }
      expect((await h.client.call('focus:status-restore', restore)).outcome).toBe('restored')
      expect(status.read()).toEqual(personStatus)
    })

  if (parts.focusStatus)
    it('leaves a status the person changed during focus as they set it', async () => {
      const h = await start()
      const status = declared(h.adapter.focusStatus, 'focusStatus')
      const until = h.clock.now() + 30 * 60_000
      const answer = await h.client.call('focus:status-set', { account: h.ref, until, message: 'Focusing' })
      if (answer.outcome !== 'set') throw new Error('the status was not set')
      status.setAsPerson(personStatus)
      const restore = { account: h.ref, previous: answer.previous, set: answer.set }
      expect((await h.client.call('focus:status-restore', restore)).outcome).toBe('changed-by-user')
      expect(status.read()).toEqual(personStatus)
    })
}
