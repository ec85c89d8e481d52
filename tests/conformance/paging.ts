// Promises about cursors and pages: the same cursor gives the same items, a
// backlog is paged to its end with every message once, and a caught-up
// cursor gives only what is new.
import { expect, it } from 'vitest'
import { pullPageLimit } from '../../src/shared/contract'
import { type Harness, tokenCounts } from './harness'

/** More than two full pages, so a pull needs at least three pages whatever the source's page size. */
export const backlogSize = 2 * pullPageLimit + 7

export function describePaging(start: () => Promise<Harness>): void {
  it('lists the streams its server holds', async () => {
    const h = await start()
    const listed = await h.client.call('account:list-streams', { account: h.ref })
    expect(listed.streams.map((stream) => stream.id)).toEqual(expect.arrayContaining(h.adapter.streams))
  })

  it('gives the same items for the same cursor, however much later it is asked', async () => {
    const h = await start()
    const [stream] = h.adapter.streams
    await h.sayMany(stream, pullPageLimit + 5)
    const first = await h.pull(stream, null)
    expect(first.hasMore).toBe(true)
    const next = await h.pull(stream, first.cursor)
    h.clock.jumpTo(h.clock.now() + 10 * 60_000)
    const again = await h.pull(stream, first.cursor)
    expect(next.items.length).toBeGreaterThan(0)
    expect(again.items).toEqual(next.items)
  })

  it('pages a backlog to its end: no page over the limit, every message once, none from another stream', async () => {
    const h = await start()
    const [stream, other] = h.adapter.streams
    const said = await h.sayMany(stream, backlogSize)
    await h.sayMany(other, 3)
    const pages = await h.pullToEnd(stream)
    expect(pages.length).toBeGreaterThan(1)
    for (const page of pages) expect(page.items.length).toBeLessThanOrEqual(pullPageLimit)
    const items = pages.flatMap((page) => page.items)
    expect(items.every((item) => item.stream === stream)).toBe(true)
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length)
    const counts = tokenCounts(items)
    expect([...counts.keys()].sort()).toEqual([...said].sort())
    expect([...counts.values()].every((count) => count === 1)).toBe(true)
  })

  it('answers a caught-up cursor with nothing already given, then with exactly what was said since', async () => {
    const h = await start()
    const [stream] = h.adapter.streams
    await h.sayMany(stream, 5)
    const caughtUp = (await h.pullToEnd(stream)).at(-1)?.cursor ?? null
    const quiet = await h.pullToEnd(stream, caughtUp)
    expect(quiet.flatMap((page) => page.items)).toEqual([])
    const later = await h.sayMany(stream, 2)
    const news = await h.pullToEnd(stream, caughtUp)
    expect([...tokenCounts(news.flatMap((page) => page.items)).entries()]).toEqual(
      later.map((token) => [token, 1]),
    )
  })
}
