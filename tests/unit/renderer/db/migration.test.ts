import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { getMeta, listAccounts, listThread, loadSettings } from '../../../../src/renderer/db/repositories'
import { LullDb, schemaV1 } from '../../../../src/renderer/db/schema'
import { Account, defaultSettings, InboxItem } from '../../../../src/shared/model'

// Rows as version 1 wrote them (see schemaV1): `thread` not `threadKey`, an
// optional `channel` not `container`, accounts with `watched` stream ids.
const base = {
  accountId: 'slack-1',
  author: { id: 'U1', name: 'Dana Whitfield' },
  text: 'body',
  sentAt: 1_690_000_000_000,
  needsReply: false,
  receivedAt: 1_690_000_001_000,
}
const v1Items = [
  {
    ...base,
    id: 'slack-1:1',
    source: 'slack',
    stream: 'C01',
    externalId: '1',
    thread: 'C01:1690000000.000100',
    channel: '#incidents',
    title: 'Database down',
    status: 'held',
  },
  {
    ...base,
    id: 'gh-1:7',
    accountId: 'gh-1',
    source: 'github',
    stream: 'notifications',
    externalId: '7',
    thread: 'gh-thread-7',
    channel: 'acme/api',
    title: 'Review requested',
    github: { reason: 'review_requested', subjectType: 'PullRequest' },
    status: 'delivered',
    deliveredAt: 1_690_000_002_000,
  },
  {
    ...base,
    id: 'mail-1:42',
    accountId: 'mail-1',
    source: 'email',
    stream: 'INBOX',
    externalId: '42',
    thread: '<abc@acme.test>',
    title: 'Invoice',
    email: { from: 'billing@acme.test' },
    status: 'done',
    deliveredAt: 1_690_000_003_000,
  },
  {
    ...base,
    id: 'slack-1:2',
    source: 'slack',
    stream: 'C02',
    externalId: '2',
    title: 'No thread',
    status: 'held',
  },
]
const v1Accounts = [
  { id: 'slack-1', kind: 'slack', label: 'Acme', identity: 'dana@acme', addedAt: 1, watched: ['C01', 'C02'] },
  { id: 'gh-1', kind: 'github', label: 'GitHub', identity: 'dana', addedAt: 2, watched: ['notifications'] },
]

let dbName = 0
let opened: Dexie[] = []
afterEach(() => {
  for (const db of opened) db.close()
  opened = []
})

async function createV1Database(): Promise<string> {
  dbName += 1
  const name = `lull-v1-${dbName}`
  const v1 = new Dexie(name)
  v1.version(1).stores(schemaV1)
  await v1.table('items').bulkAdd(v1Items)
  await v1.table('accounts').bulkAdd(v1Accounts)
  await v1
    .table('cursors')
    .add({ key: 'slack-1|C01', accountId: 'slack-1', stream: 'C01', cursor: '17', updatedAt: 5 })
  await v1.table('settings').bulkAdd([
    { key: 'settings', value: defaultSettings },
    { key: 'lastCheckInAt', value: 1_690_000_004_000 },
  ])
  v1.close()
  return name
}

async function openMigrated(): Promise<LullDb> {
  const db = new LullDb(await createV1Database())
  opened.push(db)
  await db.open()
  return db
}

describe('upgrading a version-1 database', () => {
  it('opens at the current version', async () => {
    const db = await openMigrated()

    const fresh = new LullDb('lull-current-version')
    opened.push(fresh)
    await fresh.open()

    expect(db.verno).toBe(fresh.verno)
  })

  it('turns every version-1 item into a valid item with its thread and container', async () => {
    const db = await openMigrated()

    const rows: unknown[] = await db.items.toArray()
    const items = rows.map((row) => InboxItem.parse(row))
    expect(items.map((item) => [item.id, item.threadKey, item.container])).toEqual([
      ['gh-1:7', 'gh-thread-7', 'acme/api'],
      ['mail-1:42', '<abc@acme.test>', 'INBOX'],
      ['slack-1:1', 'C01:1690000000.000100', '#incidents'],
      ['slack-1:2', 'slack-1:2', 'C02'],
    ])
  })

  it('drops the version-1 field names from items', async () => {
    const db = await openMigrated()

    for (const item of await db.items.toArray()) {
      expect(item).not.toHaveProperty('thread')
      expect(item).not.toHaveProperty('channel')
    }
  })

  it('keeps every item state and time as it was', async () => {
    const db = await openMigrated()

    const items = await db.items.orderBy('id').toArray()
    expect(items.map((item) => [item.id, item.status, item.receivedAt, item.deliveredAt])).toEqual(
      [...v1Items]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((item) => [
          item.id,
          item.status,
          item.receivedAt,
          'deliveredAt' in item ? item.deliveredAt : undefined,
        ]),
    )
  })

  it('answers the new indexes for migrated items', async () => {
    const db = await openMigrated()

    const held = await db.items
      .where('[status+receivedAt]')
      .between(['held', 0], ['held', Infinity])
      .primaryKeys()
    expect(held.sort()).toEqual(['slack-1:1', 'slack-1:2'])
    expect(await listThread(db, 'slack-1', 'C01:1690000000.000100')).toHaveLength(1)
  })

  it('gives accounts named streams from their watched stream ids', async () => {
    const db = await openMigrated()

    const rows: unknown[] = await db.accounts.toArray()
    expect(rows.map((row) => Account.parse(row).streams)).toEqual([
      [{ id: 'notifications', name: 'notifications' }],
      [
        { id: 'C01', name: 'C01' },
        { id: 'C02', name: 'C02' },
      ],
    ])
    expect(await listAccounts(db)).toHaveLength(2)
  })

  it('moves the last check-in time from settings to meta and keeps the settings', async () => {
    const db = await openMigrated()

    expect(await getMeta(db, 'lastCheckInAt', z.number(), null)).toBe(1_690_000_004_000)
    expect(await db.settings.get('lastCheckInAt')).toBeUndefined()
    expect(await loadSettings(db)).toEqual({ settings: defaultSettings, error: null })
  })

  it('keeps cursors and finds them by account', async () => {
    const db = await openMigrated()

    expect(await db.cursors.where('accountId').equals('slack-1').toArray()).toEqual([
      { key: 'slack-1|C01', accountId: 'slack-1', stream: 'C01', cursor: '17', updatedAt: 5 },
    ])
  })
})
