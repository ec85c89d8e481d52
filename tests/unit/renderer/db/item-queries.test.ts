import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { deliverHeld } from '../../../../src/renderer/db/checkin'
import {
  countConversations,
  countHeldBySource,
  countInboxFacets,
  countWithStatus,
  readBreakthroughsSince,
  readDigestPage,
  readStatusPage,
  readStatusWindow,
} from '../../../../src/renderer/db/item-queries'
import { markDone } from '../../../../src/renderer/db/repositories'
import type { LullDb } from '../../../../src/renderer/db/schema'
import { ingestHeld, openFreshDb, putRawItem, sourceItem, storedItem } from './fixtures'

const t0 = 1_700_000_100_000
let db: LullDb

beforeEach(() => {
  db = openFreshDb()
})
afterEach(() => db.close())

const github = { source: 'github' as const, github: { reason: 'mention' as const, subjectType: 'Issue' } }
const email = { source: 'email' as const, email: { from: 'ops@acme.test' } }

describe('view queries', () => {
  it('counts held items in all and per source, leaving out the rest', async () => {
    await ingestHeld(db, [sourceItem(1), sourceItem(2), sourceItem(3, github), sourceItem(4, email)], t0)
    await markDone(db, 'acct-1:m2', t0 + 1)

    expect(await countHeldBySource(db)).toEqual({
      total: 3,
      bySource: { slack: 1, github: 1, email: 1 },
      conversations: 3,
    })
  })

  it('counts the conversations the held items make: one pull request through three sources is one', async () => {
    const pr = 'github:github.com/acme/api#7'
    const held = { status: 'held' as const, receivedAt: t0 }
    await db.items.bulkPut([
      storedItem(1, { ...held, ...github, conversationKey: pr }),
      storedItem(2, { ...held, ...email, conversationKey: pr }),
      storedItem(3, { ...held, conversationKey: pr }),
      storedItem(4, { ...held, conversationKey: 'slack:acct-1:C01:4' }),
      // Stored before keys: its own conversation until the keying pass reaches it.
      storedItem(5, held),
      // Delivered: not waiting, whatever its conversation.
      storedItem(6, { status: 'delivered', receivedAt: t0, deliveredAt: t0, conversationKey: pr }),
    ])
    const counts = await countHeldBySource(db)
    expect(counts.total).toBe(5)
    expect(counts.conversations).toBe(3)
    expect(await countConversations(db, 'delivered', 1)).toBe(1)
  })

  it('reads a window of delivered items by offset, newest received first', async () => {
    for (let n = 1; n <= 6; n++)
      await db.items.put(storedItem(n, { status: 'delivered', receivedAt: t0 + n }))
    await db.items.put(storedItem(7, { status: 'held', receivedAt: t0 + 7 }))

    const window = await readStatusWindow(db, 'delivered', 2, 3)

    expect(window.items.map((item) => item.id)).toEqual(['acct-1:m4', 'acct-1:m3', 'acct-1:m2'])
    expect(await countWithStatus(db, 'delivered')).toBe(6)
  })

  it('returns the rows of a window that are not items apart, with the reason', async () => {
    await db.items.put(storedItem(1, { status: 'delivered', receivedAt: t0 + 1 }))
    const { sentAt: _missing, ...withoutSentAt } = storedItem(2, { status: 'delivered', receivedAt: t0 + 2 })
    await putRawItem(db, withoutSentAt)

    const window = await readStatusWindow(db, 'delivered', 0, 10)

    expect(window.items.map((item) => item.id)).toEqual(['acct-1:m1'])
    expect(window.bad).toHaveLength(1)
    expect(window.bad[0]).toMatchObject({ key: 'acct-1:m2', row: withoutSentAt })
    expect(window.bad[0]?.reason).toContain('sentAt')
  })

  it('reads the breakthroughs received since a time, newest first, still delivered', async () => {
    const urgent = (n: number, receivedAt: number) =>
      storedItem(n, {
        status: 'delivered',
        receivedAt,
        deliveredAt: receivedAt,
        urgentRuleId: 'rule-incidents',
      })
    await db.items.bulkPut([urgent(1, t0 - 10), urgent(2, t0 + 1), urgent(3, t0 + 2), urgent(4, t0 + 3)])
    await db.items.put(storedItem(5, { status: 'delivered', receivedAt: t0 + 4 }))
    await markDone(db, 'acct-1:m4', t0 + 5)

    const read = await readBreakthroughsSince(db, t0, 20)

    expect(read.items.map((item) => item.id)).toEqual(['acct-1:m3', 'acct-1:m2'])
  })

  it('reads the latest digest with the items it holds', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)
    await deliverHeld(db, { digestId: 'd1', at: t0 + 1, reason: 'manual' })
    await ingestHeld(db, [sourceItem(2), sourceItem(3)], t0 + 2)
    await deliverHeld(db, { digestId: 'd2', at: t0 + 3, reason: 'manual' })

    const latest = await readDigestPage(db, null, 10)
    const first = await readDigestPage(db, 'd1', 10)

    expect(latest.digest?.id).toBe('d2')
    expect(latest.items.map((item) => item.id).sort()).toEqual(['acct-1:m2', 'acct-1:m3'])
    expect(first.items.map((item) => item.id)).toEqual(['acct-1:m1'])
    expect(latest.hasMore).toBe(false)
  })

  it('reads a digest a page at a time in its reading order, skipping items that left it', async () => {
    // Sent in reverse: the reading order (oldest first) is not the order they were stored in.
    const items = Array.from({ length: 7 }, (_, index) =>
      sourceItem(index + 1, { threadKey: `t${index + 1}`, sentAt: t0 - (index + 1) * 1_000 }),
    )
    await ingestHeld(db, items, t0)
    const digest = await deliverHeld(db, { digestId: 'd1', at: t0 + 1, reason: 'manual' })
    expect(digest?.conversations).toBe(7)
    expect(digest?.itemIds).toEqual([
      'acct-1:m7',
      'acct-1:m6',
      'acct-1:m5',
      'acct-1:m4',
      'acct-1:m3',
      'acct-1:m2',
      'acct-1:m1',
    ])
    // Snoozed and delivered again later: no longer this digest's.
    await db.items.update('acct-1:m6', { digestId: 'd2' })

    const page = await readDigestPage(db, 'd1', 3)
    expect(page.items.map((item) => item.id)).toEqual(['acct-1:m7', 'acct-1:m5', 'acct-1:m4'])
    expect(page.hasMore).toBe(true)
    const all = await readDigestPage(db, 'd1', 10)
    expect(all.items.map((item) => item.id)).toEqual([
      'acct-1:m7',
      'acct-1:m5',
      'acct-1:m4',
      'acct-1:m3',
      'acct-1:m2',
      'acct-1:m1',
    ])
    expect(all.hasMore).toBe(false)
  })

  it('reads a digest stored before its order was kept whole, in reading order', async () => {
    await ingestHeld(
      db,
      [sourceItem(1, { threadKey: 'a', sentAt: t0 - 1 }), sourceItem(2, { threadKey: 'b', sentAt: t0 - 2 })],
      t0,
    )
    const digest = await deliverHeld(db, { digestId: 'd1', at: t0 + 1, reason: 'manual' })
    const { conversations: _dropped, ...older } = digest as NonNullable<typeof digest>
    await db.digests.put({ ...older, itemIds: ['acct-1:m1', 'acct-1:m2'] })

    const read = await readDigestPage(db, 'd1', 1)
    expect(read.items.map((item) => item.id)).toEqual(['acct-1:m2', 'acct-1:m1'])
    expect(read.hasMore).toBe(false)
  })

  it('reads a page of one status, newest or oldest first, with what passes a filter and whether more is left', async () => {
    for (let n = 1; n <= 5; n++) {
      await db.items.put(storedItem(n, { status: 'held', receivedAt: t0 + n, needsReply: n % 2 === 1 }))
    }
    await putRawItem(db, { id: 'acct-1:bad', status: 'held', receivedAt: t0 + 9 })

    // The bad row, newest, takes its place in the page and is handed back apart.
    const newest = await readStatusPage(db, 'held', { limit: 3 })
    expect(newest.items.map((item) => item.id)).toEqual(['acct-1:m5', 'acct-1:m4'])
    expect(newest.bad.map((row) => row.key)).toEqual(['acct-1:bad'])
    expect(newest.hasMore).toBe(true)

    const oldest = await readStatusPage(db, 'held', { limit: 10, isOldestFirst: true })
    expect(oldest.items.map((item) => item.id)).toEqual([
      'acct-1:m1',
      'acct-1:m2',
      'acct-1:m3',
      'acct-1:m4',
      'acct-1:m5',
    ])
    expect(oldest.hasMore).toBe(false)

    const asked = await readStatusPage(db, 'held', { limit: 3, keep: (item) => item.needsReply })
    expect(asked.items.map((item) => item.id)).toEqual(['acct-1:m5', 'acct-1:m3'])
    expect(asked.hasMore).toBe(true)
  })

  it('counts the Inbox filters from the indexes, per status, source, account, urgent and needs-reply', async () => {
    await db.items.bulkPut([
      storedItem(1, { status: 'delivered', receivedAt: t0, needsReply: true }),
      storedItem(2, { status: 'delivered', receivedAt: t0, ...github, urgentRuleId: 'r1' }),
      storedItem(3, { status: 'delivered', receivedAt: t0, ...email, id: 'acct-2:m3', accountId: 'acct-2' }),
      storedItem(4, { status: 'held', receivedAt: t0, urgentRuleId: 'r1' }),
      storedItem(5, { status: 'done', receivedAt: t0 }),
    ])

    const facets = await countInboxFacets(db, 'delivered', ['acct-1', 'acct-2'])

    expect(facets.status).toEqual({ held: 1, delivered: 3, done: 1, snoozed: 0 })
    expect(facets.source).toEqual({ slack: 1, github: 1, email: 1 })
    expect(facets.account).toEqual({ 'acct-1': 2, 'acct-2': 1 })
    expect(facets.urgent).toBe(1)
    expect(facets.needsReply).toBe(1)
  })
})
