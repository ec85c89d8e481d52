// Conversation keys in the store: ingest keys each item it stores, a
// version-7 store opens as version 8 with its rows as they were, and the
// keying pass behind ingest keys the rows already there, a page per
// transaction, resuming where it stopped and starting over when the
// person's GitHub hosts change.
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { conversationKeysKey, keyStoredItems } from '../../../../src/renderer/db/conversation-keys'
import { ingestBatch } from '../../../../src/renderer/db/ingest'
import { LullDb, schemaV7 } from '../../../../src/renderer/db/schema'
import type { InboxItem, SourceItem } from '../../../../src/shared/model'
import { neverUrgent, openFreshDb, putRawItem, sourceItem } from './fixtures'

const t0 = 1_700_000_100_000
let opened: Dexie[] = []
afterEach(() => {
  for (const db of opened) db.close()
  opened = []
})

function fresh(): LullDb {
  const db = openFreshDb()
  opened.push(db)
  return db
}

/** A Slack message in thread `t<n>` that links a pull request, as the Slack source stores it. */
function linking(n: number, link: string, accountId = 'acct-1'): SourceItem {
  return sourceItem(n, {
    id: `${accountId}:m${n}`,
    accountId,
    threadKey: `slack:C01:17000000${n}.000100`,
    facts: { links: [link] },
  })
}

const keyOf = async (db: LullDb, id: string) => (await db.items.get(id))?.conversationKey

describe('ingest', () => {
  it("stores each new item with its conversation key, and the index finds a conversation's members", async () => {
    const db = fresh()
    await ingestBatch(db, {
      accountId: 'acct-1',
      stream: 'C01',
      items: [
        linking(1, 'https://github.com/Acme/API/pull/5'),
        linking(2, 'https://github.com/acme/api/pull/6'),
      ],
      cursor: 'c1',
      now: t0,
      classify: neverUrgent,
    })
    expect(await keyOf(db, 'acct-1:m1')).toBe('github:github.com/acme/api#5')
    const members = await db.items
      .where('conversationKey')
      .equals('github:github.com/acme/api#5')
      .primaryKeys()
    expect(members).toEqual(['acct-1:m1'])
  })

  it("keys links on an Enterprise Server only with that server among the accounts' hosts", async () => {
    const db = fresh()
    const item = linking(1, 'https://ghe.acme.test/acme/api/issues/9')
    const base = { accountId: 'acct-1', stream: 'C01', cursor: 'c1', now: t0, classify: neverUrgent }
    await ingestBatch(db, { ...base, items: [item] })
    expect(await keyOf(db, 'acct-1:m1')).toBe('slack:acct-1:C01:170000001.000100')
    await ingestBatch(db, {
      ...base,
      items: [{ ...item, sentAt: item.sentAt + 1 }],
      githubHosts: ['ghe.acme.test'],
    })
    expect(await keyOf(db, 'acct-1:m1')).toBe('github:ghe.acme.test/acme/api#9')
  })

  it('rekeys an edited item whose facts changed, keeping its state', async () => {
    const db = fresh()
    const base = { accountId: 'acct-1', stream: 'C01', cursor: 'c1', now: t0, classify: neverUrgent }
    await ingestBatch(db, { ...base, items: [linking(1, 'https://github.com/acme/api/pull/5')] })
    await db.items.update('acct-1:m1', { status: 'delivered', deliveredAt: t0 })
    const edited = linking(1, 'https://github.com/acme/api/pull/7')
    const result = await ingestBatch(db, { ...base, items: [edited] })
    expect(result.updated).toBe(1)
    const row = await db.items.get('acct-1:m1')
    expect([row?.status, row?.conversationKey]).toEqual(['delivered', 'github:github.com/acme/api#7'])
  })
})

/** A version-7 store holding rows written before keys existed. */
async function createV7Store(rows: Array<Record<string, unknown>>): Promise<string> {
  const name = `lull-v7-${Math.random().toString(36).slice(2)}`
  const v7 = new Dexie(name)
  v7.version(7).stores(schemaV7)
  await v7.table('items').bulkAdd(rows)
  v7.close()
  return name
}

/** Items as version 7 stored them: no facts, no key. */
function oldRow(n: number, overrides: Partial<InboxItem>): Record<string, unknown> {
  return { ...sourceItem(n), status: 'held', receivedAt: t0 + n, ...overrides }
}

const oldRows = [
  oldRow(1, {
    id: 'gh-1:9001',
    accountId: 'gh-1',
    source: 'github',
    externalId: '9001',
    threadKey: 'github:9001',
    url: 'https://github.com/acme/api/pull/123#issuecomment-1',
  }),
  oldRow(2, {
    id: 'mail-1:acme/api/pull/123/c456@github.com',
    accountId: 'mail-1',
    source: 'email',
    externalId: 'acme/api/pull/123/c456@github.com',
    threadKey: 'email:acme/api/pull/123@github.com',
  }),
  oldRow(3, {
    id: 'mail-1:b2@example.test',
    accountId: 'mail-1',
    source: 'email',
    externalId: 'b2@example.test',
    threadKey: 'email:a1@example.test',
  }),
  oldRow(4, { id: 'slack-1:C01:1.000200', accountId: 'slack-1', threadKey: 'slack:C01:1.000100' }),
]

describe('a version-7 store', () => {
  it('opens at the current version (9, calendars) with its rows unchanged and an empty conversation index', async () => {
    const db = new LullDb(await createV7Store(oldRows))
    opened.push(db)
    await db.open()
    expect(db.verno).toBe(9)
    expect(await db.items.count()).toBe(4)
    expect(await db.items.where('conversationKey').above('').count()).toBe(0)
  })

  it('gets its keys from the pass behind ingest: the GitHub notification and its mail share one', async () => {
    const db = new LullDb(await createV7Store(oldRows))
    opened.push(db)
    const result = await keyStoredItems(db, { githubHosts: [], pageSize: 3 })
    expect(result).toEqual({ scanned: 4, keyed: 4, isDone: true })
    const keys = Object.fromEntries((await db.items.toArray()).map((row) => [row.id, row.conversationKey]))
    expect(keys).toEqual({
      'gh-1:9001': 'github:github.com/acme/api#123',
      'mail-1:acme/api/pull/123/c456@github.com': 'github:github.com/acme/api#123',
      'mail-1:b2@example.test': 'email:mail-1:a1@example.test',
      'slack-1:C01:1.000200': 'slack:slack-1:C01:1.000100',
    })
  })
})

describe('the keying pass', () => {
  /** A store of Slack items stored before keys; `watch` is set up on it before it opens. */
  async function storeWithoutKeys(count: number, watch?: (db: LullDb) => void): Promise<LullDb> {
    const db = fresh()
    watch?.(db)
    const rows = Array.from({ length: count }, (_, i) =>
      oldRow(i, { id: `acct-1:m${String(i).padStart(4, '0')}`, threadKey: `slack:C01:${i}.000100` }),
    )
    await db.items.bulkPut(rows as InboxItem[])
    return db
  }

  it('keys a page per transaction and never holds one transaction for the whole store', async () => {
    let transactions = 0
    const db = await storeWithoutKeys(1_050, (db) =>
      db.use({
        stack: 'dbcore',
        name: 'count-keying-transactions',
        create: (core) => ({
          ...core,
          transaction: (tables, mode, options) => {
            // The pass writes its progress with each page; ingest and the test's own writes do not.
            if (mode === 'readwrite' && tables.includes('items') && tables.includes('meta')) transactions += 1
            return core.transaction(tables, mode, options)
          },
        }),
      }),
    )
    const result = await keyStoredItems(db, { githubHosts: [], pageSize: 200 })
    expect(result).toEqual({ scanned: 1_050, keyed: 1_050, isDone: true })
    expect(transactions).toBe(6)
    expect(await db.items.where('conversationKey').startsWith('slack:acct-1:C01:').count()).toBe(1_050)
  })

  it('stops after its pages, carries on where it stopped, and then has nothing left to read', async () => {
    const db = await storeWithoutKeys(500)
    expect(await keyStoredItems(db, { githubHosts: [], pageSize: 100, maxPages: 2 })).toEqual({
      scanned: 200,
      keyed: 200,
      isDone: false,
    })
    expect(await db.items.where('conversationKey').above('').count()).toBe(200)
    expect(await keyStoredItems(db, { githubHosts: [], pageSize: 100 })).toEqual({
      scanned: 300,
      keyed: 300,
      isDone: true,
    })
    expect(await keyStoredItems(db, { githubHosts: [], pageSize: 100 })).toEqual({
      scanned: 0,
      keyed: 0,
      isDone: true,
    })
  })

  it('stops between pages when asked, and the next run goes on from there', async () => {
    const db = await storeWithoutKeys(300)
    let pages = 0
    const stopped = await keyStoredItems(db, {
      githubHosts: [],
      pageSize: 100,
      isStopped: () => ++pages > 1,
    })
    expect(stopped).toEqual({ scanned: 100, keyed: 100, isDone: false })
    expect(await keyStoredItems(db, { githubHosts: [], pageSize: 100 })).toEqual({
      scanned: 200,
      keyed: 200,
      isDone: true,
    })
  })

  it('starts over when a GitHub host is added, rekeying only what the host changes', async () => {
    const db = fresh()
    await ingestBatch(db, {
      accountId: 'acct-1',
      stream: 'C01',
      items: [
        linking(1, 'https://ghe.acme.test/acme/api/pull/3'),
        linking(2, 'https://github.com/acme/api/pull/4'),
      ],
      cursor: 'c1',
      now: t0,
      classify: neverUrgent,
    })
    expect(await keyStoredItems(db, { githubHosts: [] })).toEqual({ scanned: 2, keyed: 0, isDone: true })
    expect(await keyStoredItems(db, { githubHosts: ['GHE.acme.test'] })).toEqual({
      scanned: 2,
      keyed: 1,
      isDone: true,
    })
    expect(await keyOf(db, 'acct-1:m1')).toBe('github:ghe.acme.test/acme/api#3')
    expect((await db.meta.get(conversationKeysKey))?.value).toMatchObject({
      hosts: ['ghe.acme.test'],
      isDone: true,
    })
  })

  it('leaves a row that is not an item as it is, and goes on past it', async () => {
    const db = await storeWithoutKeys(3)
    await putRawItem(db, { id: 'acct-1:m0001x', author: 7, facts: 'nonsense' })
    const result = await keyStoredItems(db, { githubHosts: [] })
    expect(result).toEqual({ scanned: 4, keyed: 3, isDone: true })
    expect(await db.table('items').get('acct-1:m0001x')).toEqual({
      id: 'acct-1:m0001x',
      author: 7,
      facts: 'nonsense',
    })
  })
})
