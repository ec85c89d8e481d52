// Runs in Chromium on the app's own origin, before the app opens: fills
// Lull's real database ('lull', through LullDb) the way the app leaves it
// after pulls: the items, then the search index written by the app's own
// indexer (db/search.ts indexNewItems: its term rows and its watermark).
// The indexer goes oldest first and may be stopped part-way (`indexed`):
// Chromium writes 7,000 to 11,000 term rows a second on a 2-core machine,
// so the whole index of 100,000 items (about 1.9 million rows) takes
// minutes. The watermark is then set past the newest item, as if the
// indexer had finished: the engine indexes whatever is below it as it
// starts, and that would run under every figure taken. The sample
// workspace is off and the last check-in is now, so nothing arrives and no
// check-in falls due.
import { lastCheckInAtKey } from '../../src/renderer/db/checkin'
import { LullDb } from '../../src/renderer/db/schema'
import { indexNewItems } from '../../src/renderer/db/search'
import type { InboxItem, SourceItem } from '../../src/shared/model'
import { benchStreams } from '../ingest/items'

/** `indexed`: how many items, oldest first, the search index covers (at least; a step indexes up to 1,000). */
export type FillPlan = { delivered: number; held: number; indexed: number; now: number }
export type FillResult = { items: number; indexed: number; terms: number; itemsMs: number; indexMs: number }

const dayMs = 24 * 60 * 60_000
/** FirstRun.tsx's key, written out: importing a component would bring React into this page. */
const firstRunKey = 'firstRunDone'
/** db/search.ts's watermark: items received up to this time are indexed (it does not export the key). */
const searchWatermarkKey = 'searchIndexedUpTo'
const rowsPerWrite = 5_000

/**
 * The three streams' items interleaved, oldest first: their numbers grow
 * with time, as sources' ids and timestamps do, so an index stopped
 * part-way still holds items of every stream and the lower numbers.
 */
function interleaved(count: number): SourceItem[] {
  const streams = benchStreams(count).map((stream) => stream.items)
  const items: SourceItem[] = []
  for (let n = 0; items.length < count; n++) {
    for (const stream of streams) {
      const item = stream[n]
      if (item) items.push(item)
    }
  }
  return items
}

/**
 * Delivered items arrived over the 29 days before yesterday (one in 500
 * urgent, the rest in 4-hourly digests), held ones over the last day.
 */
function rows({ delivered, held, now }: FillPlan): InboxItem[] {
  return interleaved(delivered + held).map((item, index): InboxItem => {
    if (index >= delivered) {
      const receivedAt = now - dayMs + Math.floor(((index - delivered) / held) * dayMs)
      return { ...item, status: 'held', receivedAt }
    }
    const receivedAt = now - 30 * dayMs + Math.floor((index / delivered) * 29 * dayMs)
    const row: InboxItem = { ...item, status: 'delivered', receivedAt, deliveredAt: receivedAt }
    if (index % 500 === 0) row.urgentRuleId = 'rule-incidents'
    else row.digestId = `digest-${Math.floor(receivedAt / (4 * 60 * 60_000))}`
    return row
  })
}

/** Runs the app's indexer until it has indexed `wanted` items or has none left; answers how many. */
async function index(db: LullDb, wanted: number): Promise<number> {
  let indexed = 0
  while (indexed < wanted) {
    const step = await indexNewItems(db)
    if (step === 0) break
    indexed += step
  }
  return indexed
}

async function fillLull(plan: FillPlan): Promise<FillResult> {
  const db = new LullDb()
  await db.transaction('rw', [db.items, db.searchTerms, db.digests, db.meta], async () => {
    await Promise.all([db.items.clear(), db.searchTerms.clear(), db.digests.clear(), db.meta.clear()])
    await db.meta.bulkPut([
      { key: 'sampleDismissed', value: true },
      { key: firstRunKey, value: true },
      { key: lastCheckInAtKey, value: plan.now },
    ])
  })
  const started = performance.now()
  const all = rows(plan)
  for (let start = 0; start < all.length; start += rowsPerWrite)
    await db.items.bulkPut(all.slice(start, start + rowsPerWrite))
  const indexing = performance.now()
  const indexed = await index(db, plan.indexed)
  const done = performance.now()
  const newest = all.reduce((latest, row) => Math.max(latest, row.receivedAt), 0)
  await db.meta.put({ key: searchWatermarkKey, value: newest })
  const result = {
    items: await db.items.count(),
    indexed,
    terms: await db.searchTerms.count(),
    itemsMs: indexing - started,
    indexMs: done - indexing,
  }
  db.close()
  return result
}

Object.assign(globalThis, { fillLull })
