import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { breakthroughNotice } from '../../../../src/renderer/db/notices'
import { markDoneWithWriteBack } from '../../../../src/renderer/db/outbox'
import {
  countHeld,
  deleteAccount,
  getCursor,
  getMeta,
  listAccounts,
  listByStatus,
  listConversation,
  listFocusSessions,
  listThread,
  markDone,
  putAccount,
  saveFocusSession,
  setMeta,
  snooze,
} from '../../../../src/renderer/db/repositories'
import type { LullDb } from '../../../../src/renderer/db/schema'
import { indexAll } from '../../../../src/renderer/db/search'
import type { Account } from '../../../../src/shared/model'
import { ingestHeld, openFreshDb, sourceItem, storedItem } from './fixtures'

const t0 = 1_700_000_100_000
let db: LullDb

beforeEach(() => {
  db = openFreshDb()
})
afterEach(() => db.close())

const account: Account = {
  id: 'acct-1',
  kind: 'slack',
  label: 'Acme',
  identity: 'dana@acme',
  streams: [{ id: 'C01', name: '#general' }],
  addedAt: t0,
}

describe('items', () => {
  it('lists one conversation of one account, oldest first', async () => {
    const inThread = { threadKey: 'C01:t1' }
    await ingestHeld(db, [sourceItem(3, inThread), sourceItem(1, inThread), sourceItem(2)], t0)
    const other = { id: 'acct-2:m9', accountId: 'acct-2', externalId: 'm9', threadKey: 'C01:t1' }
    await ingestHeld(db, [sourceItem(9, other)], t0)

    const thread = await listThread(db, 'acct-1', 'C01:t1')
    expect(thread.map((item) => item.id)).toEqual(['acct-1:m1', 'acct-1:m3'])
  })

  it('lists one conversation through every source that brought it, with its own thread, oldest first', async () => {
    const pr = 'github:github.com/acme/api#123'
    const held = { status: 'held' as const, receivedAt: t0 }
    const notification = storedItem(1, { ...held, accountId: 'gh', source: 'github', conversationKey: pr })
    const mail = storedItem(2, { ...held, accountId: 'mail', source: 'email', conversationKey: pr })
    const post = storedItem(3, { ...held, threadKey: 'C01:t9', conversationKey: pr })
    // A reply in the Slack thread that links nothing keeps the thread's own key: still the same conversation.
    const reply = storedItem(4, { ...held, threadKey: 'C01:t9', conversationKey: 'slack:acct-1:C01:t9' })
    const other = storedItem(5, { ...held, conversationKey: 'github:github.com/acme/api#124' })
    await db.items.bulkPut([{ ...notification, id: 'gh:1' }, { ...mail, id: 'mail:2' }, post, reply, other])

    const conversation = await listConversation(db, post)
    expect(conversation.map((item) => item.id)).toEqual(['gh:1', 'mail:2', 'acct-1:m3', 'acct-1:m4'])
    // An item stored before keys were kept reads as its thread.
    const { conversationKey: _none, ...unkeyed } = reply
    expect((await listConversation(db, unkeyed)).map((item) => item.id)).toEqual(['acct-1:m3', 'acct-1:m4'])
  })

  it('counts only held items', async () => {
    await ingestHeld(db, [sourceItem(1), sourceItem(2), sourceItem(3)], t0)
    await markDone(db, 'acct-1:m1', t0 + 1)

    expect(await countHeld(db)).toBe(2)
  })

  it('lists items of one status newest first, up to the limit', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)
    await ingestHeld(db, [sourceItem(2)], t0 + 1)
    await ingestHeld(db, [sourceItem(3)], t0 + 2)
    await markDone(db, 'acct-1:m3', t0 + 3)

    const held = await listByStatus(db, 'held', 1)

    expect(held.map((item) => item.id)).toEqual(['acct-1:m2'])
  })

  it('marks an item done, counting a never-delivered one as delivered then', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)

    expect(await markDone(db, 'acct-1:m1', t0 + 5)).toBe(true)
    expect(await db.items.get('acct-1:m1')).toMatchObject({ status: 'done', deliveredAt: t0 + 5 })
  })

  it('clears a snooze when the item is marked done', async () => {
    await ingestHeld(db, [sourceItem(1)], t0)
    await snooze(db, 'acct-1:m1', t0 + 100)

    await markDone(db, 'acct-1:m1', t0 + 5)

    expect(await db.items.get('acct-1:m1')).not.toHaveProperty('snoozedUntil')
  })

  it('reports an item that is not there instead of creating it', async () => {
    expect(await markDone(db, 'acct-1:missing', t0)).toBe(false)
    expect(await snooze(db, 'acct-1:missing', t0)).toBe(false)
    expect(await db.items.count()).toBe(0)
  })
})

describe('accounts', () => {
  it('lists saved accounts and leaves out a row that does not parse', async () => {
    await putAccount(db, account)
    // A row the app could not have written, as an older build or a hand edit might leave.
    await db.table('accounts').put({ ...account, id: 'broken', streams: 'C01' })

    expect(await listAccounts(db)).toEqual([account])
  })

  it('keeps the items of a deleted account but forgets its cursors', async () => {
    await putAccount(db, account)
    await ingestHeld(db, [sourceItem(1)], t0)

    await deleteAccount(db, 'acct-1')

    expect(await listAccounts(db)).toEqual([])
    expect(await getCursor(db, 'acct-1', 'C01')).toBeUndefined()
    expect(await db.items.count()).toBe(1)
  })

  it("deletes the account's items too when asked, and no other account's", async () => {
    await putAccount(db, account)
    await ingestHeld(db, [sourceItem(1)], t0)
    await ingestHeld(db, [sourceItem(2, { id: 'other:m2', accountId: 'other' })], t0)
    await ingestHeld(db, [sourceItem(3, { id: 'acct-1:x:m3', accountId: 'acct-1:x' })], t0)

    await indexAll(db)
    const indexedBefore = new Set(await db.searchPostings.orderBy('itemId').uniqueKeys())
    expect(indexedBefore.has('acct-1:m1')).toBe(true)

    await deleteAccount(db, 'acct-1', { withItems: true })

    expect(await db.items.toCollection().primaryKeys()).toEqual(['acct-1:x:m3', 'other:m2'])
    // Its search terms go with it; the others stay findable.
    expect((await db.searchPostings.orderBy('itemId').uniqueKeys()).sort()).toEqual([
      'acct-1:x:m3',
      'other:m2',
    ])
  })

  it('removes the pending write-backs and notices of a removed account with its items', async () => {
    await putAccount(db, account)
    await ingestHeld(db, [sourceItem(1)], t0)
    const [item] = await db.items.toArray()
    if (!item) throw new Error('the item was not stored')
    await markDoneWithWriteBack(db, item, 'slack', t0)
    await db.notices.put(breakthroughNotice({ id: item.id, urgentRuleId: 'rule-incidents' }, t0))

    await deleteAccount(db, 'acct-1', { withItems: true })

    expect([await db.items.count(), await db.outbox.count(), await db.notices.count()]).toEqual([0, 0, 0])
  })
})

describe('cursors', () => {
  it('starts a stream over when its cursor row is corrupt', async () => {
    await db
      .table('cursors')
      .put({ key: 'acct-1|C01', accountId: 'acct-1', stream: 'C01', cursor: 42, updatedAt: t0 })

    expect(await getCursor(db, 'acct-1', 'C01')).toBeUndefined()
  })
})

describe('focus sessions', () => {
  it('lists sessions started at or after a time, oldest first', async () => {
    const length = { kind: 'minutes', minutes: 50 } as const
    await saveFocusSession(db, { id: 's2', startedAt: t0 + 10, length, endsAt: t0 + 3_000_010 })
    await saveFocusSession(db, { id: 's0', startedAt: t0 - 1, length, endsAt: t0 + 2_999_999 })
    await saveFocusSession(db, { id: 's1', startedAt: t0, length, endsAt: null })

    const sessions = await listFocusSessions(db, t0)

    expect(sessions.map((session) => session.id)).toEqual(['s1', 's2'])
  })
})

describe('meta', () => {
  it('reads back what was set', async () => {
    await setMeta(db, 'breakthroughLastNotified', { 'C01:t1': t0 })

    expect(await getMeta(db, 'breakthroughLastNotified', z.record(z.string(), z.number()), {})).toEqual({
      'C01:t1': t0,
    })
  })

  it('gives the fallback for a missing or unparsable value', async () => {
    await setMeta(db, 'lastCheckInAt', 'yesterday')

    expect(await getMeta(db, 'lastCheckInAt', z.number(), null)).toBeNull()
    expect(await getMeta(db, 'never-set', z.number(), 7)).toBe(7)
  })
})
