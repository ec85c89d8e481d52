// Runs in Chromium with real IndexedDB: what one conversation across
// sources costs the store. The conversation indexes against the same rows
// put without them; ingest of items whose facts merge them against the same
// items without facts; the keying pass over 100,000 stored rows; the Now
// view's conversation count; and the first rows of a list at 100,000 items.
import Dexie from 'dexie'
import { keyStoredItems } from '../../src/renderer/db/conversation-keys'
import { ingestBatch } from '../../src/renderer/db/ingest'
import { countHeldBySource, readStatusPage } from '../../src/renderer/db/item-queries'
import { LullDb } from '../../src/renderer/db/schema'
import { toRows } from '../../src/renderer/ui/list/rows'
import type { InboxItem, SourceItem } from '../../src/shared/model'
import { timeRawPut } from '../ingest/raw-idb'

const now = 1_700_100_000_000
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000))

/** Every third item is one pull request's GitHub notification, its mail, and a Slack post linking it. */
function conversationItem(n: number, withFacts: boolean): SourceItem {
  const pr = Math.floor(n / 3) + 1
  const common = {
    author: { id: `U${n % 97}`, name: `Person ${n % 97}` },
    title: `Change ${pr}`,
    text: `Update ${n} on change ${pr}: review the retry loop`,
    sentAt: 1_700_000_000_000 + n * 1_000,
    needsReply: false,
  }
  switch (n % 3) {
    case 0:
      return {
        ...common,
        id: `gh-1:${pr}`,
        accountId: 'gh-1',
        source: 'github',
        stream: 'notifications',
        externalId: String(pr),
        threadKey: String(pr),
        container: 'acme/api',
        url: `https://github.com/acme/api/pull/${pr}`,
        github: { reason: 'review_requested', subjectType: 'PullRequest' },
        ...(withFacts ? { facts: { subjectUrl: `https://api.github.com/repos/acme/api/pulls/${pr}` } } : {}),
      }
    case 1:
      return {
        ...common,
        id: `mail-1:acme/api/pull/${pr}/c${n}@github.com`,
        accountId: 'mail-1',
        source: 'email',
        stream: 'INBOX',
        externalId: `INBOX:${n}`,
        threadKey: `email:acme/api/pull/${pr}@github.com`,
        container: 'INBOX',
        email: { from: 'notifications@github.com' },
        ...(withFacts
          ? {
              facts: {
                messageId: `acme/api/pull/${pr}/c${n}@github.com`,
                inReplyTo: `acme/api/pull/${pr}@github.com`,
                listId: '<api.acme.github.com>',
              },
            }
          : {}),
      }
    default:
      return {
        ...common,
        id: `slack-1:C01:${1_700_000_000 + n}.000100`,
        accountId: 'slack-1',
        source: 'slack',
        stream: 'C01',
        externalId: `C01:${1_700_000_000 + n}.000100`,
        threadKey: `slack:C01:${1_700_000_000 + n}.000100`,
        container: '#eng',
        ...(withFacts ? { facts: { links: [`https://github.com/acme/api/pull/${pr}`] } } : {}),
      }
  }
}

const itemsOf = (count: number, withFacts: boolean) =>
  Array.from({ length: count }, (_, n) => conversationItem(n, withFacts))

async function ingestAll(db: LullDb, items: SourceItem[], batchSize: number): Promise<number> {
  const started = performance.now()
  for (let start = 0; start < items.length; start += batchSize) {
    await ingestBatch(db, {
      accountId: 'bench',
      stream: 'all',
      items: items.slice(start, start + batchSize),
      cursor: String(start + batchSize),
      now,
      classify: () => null,
    })
  }
  return performance.now() - started
}

async function fresh(name: string): Promise<LullDb> {
  await Dexie.delete(name)
  const db = new LullDb(name)
  await db.open()
  return db
}

export type ConversationTimings = {
  rawV8Ms: number
  rawV11Ms: number
  ingestPlainMs: number
  ingestMergedMs: number
  keyingMs: number
  keyed: number
  countMs: number
  counted: { total: number; conversations: number }
  firstRowsMs: number
  firstRows: number
  firstItems: number
}

const v8Indexes = {
  '[status+receivedAt]': ['status', 'receivedAt'],
  digestId: 'digestId',
  '[accountId+threadKey]': ['accountId', 'threadKey'],
  '[status+source]': ['status', 'source'],
  urgentRuleId: 'urgentRuleId',
  conversationKey: 'conversationKey',
}

async function runConversationBench(count: number, countHeld: number): Promise<ConversationTimings> {
  const batchSize = 1_000
  // Unmeasured, so the first phase does not pay for the JIT and IndexedDB's start-up.
  const warm = await fresh('warm-up')
  await ingestAll(warm, itemsOf(3_000, true), batchSize)
  warm.close()
  await Dexie.delete('warm-up')
  // The index's cost: the same keyed rows put raw, a batch per transaction, with and without it.
  const rows = itemsOf(count, true).map((item, n) => ({
    ...item,
    status: 'held',
    receivedAt: now,
    conversationKey: `github:github.com/acme/api#${Math.floor(n / 3) + 1}`,
  }))
  await settle()
  const rawV8Ms = await timeRawPut('raw-v8', rows, { indexes: v8Indexes, rowsPerTransaction: batchSize })
  await settle()
  const rawV11Ms = await timeRawPut('raw-v11', rows, {
    indexes: { ...v8Indexes, '[status+conversationKey]': ['status', 'conversationKey'] },
    rowsPerTransaction: batchSize,
  })

  // Ingest: the same items without facts (each its own thread) against with them (three to a conversation).
  const plain = await fresh('ingest-plain')
  await settle()
  const ingestPlainMs = await ingestAll(plain, itemsOf(count, false), batchSize)
  plain.close()
  await Dexie.delete('ingest-plain')
  const merged = await fresh('ingest-merged')
  await settle()
  const ingestMergedMs = await ingestAll(merged, itemsOf(count, true), batchSize)

  // The Now view's count, over a bounded number of held items (the rest delivered).
  // The held ones are whole conversations (the newest), the rest delivered.
  const deliveredIds = itemsOf(count, false)
    .slice(0, Math.max(0, count - countHeld))
    .map((item) => item.id)
  for (let start = 0; start < deliveredIds.length; start += 5_000) {
    const slice = deliveredIds.slice(start, start + 5_000)
    await merged.transaction('rw', merged.items, async () => {
      await merged.items.where('id').anyOf(slice).modify({ status: 'delivered', deliveredAt: now })
    })
  }
  await settle()
  let started = performance.now()
  const counted = await countHeldBySource(merged)
  const countMs = performance.now() - started

  // The first rows of the Delivered list, grouped by conversation.
  await settle()
  started = performance.now()
  const page = await readStatusPage(merged, 'delivered', { limit: 200 })
  const firstRows = toRows(page.items, true)
  const firstRowsMs = performance.now() - started
  merged.close()
  await Dexie.delete('ingest-merged')

  // The keying pass over rows stored before keys existed.
  const old = await fresh('keying')
  const unkeyed: InboxItem[] = itemsOf(count, true).map((item) => ({
    ...item,
    status: 'delivered',
    receivedAt: now,
  }))
  for (let start = 0; start < unkeyed.length; start += 5_000)
    await old.items.bulkPut(unkeyed.slice(start, start + 5_000))
  await settle()
  started = performance.now()
  const keying = await keyStoredItems(old, { githubHosts: [] })
  const keyingMs = performance.now() - started
  old.close()
  await Dexie.delete('keying')

  return {
    rawV8Ms,
    rawV11Ms,
    ingestPlainMs,
    ingestMergedMs,
    keyingMs,
    keyed: keying.keyed,
    countMs,
    counted: { total: counted.total, conversations: counted.conversations },
    firstRowsMs,
    firstRows: firstRows.length,
    firstItems: page.items.length,
  }
}

Object.assign(globalThis, { runConversationBench })
