// Runs in Chromium on the app's own origin, before the app opens: fills
// Lull's real database ('lull', through LullDb) the way the app leaves it
// after pulls and indexing: the items, then the search index as the app's
// indexer writes it (db/search.ts postingsOf: one posting per term and
// item, the list of terms with their counts, the watermark past the newest item). The rows
// are written in large transactions rather than the indexer's small paced
// steps, which would add minutes to the run. `indexed` may leave the newest
// items out of the index (the engine then indexes them as it starts), or the
// index may be skipped and marked caught up (see FillPlan). The
// sample workspace is off and the last check-in is now, so nothing arrives
// and no check-in falls due.
import { lastCheckInAtKey } from '../../src/renderer/db/checkin'
import { LullDb, searchWatermarkKey } from '../../src/renderer/db/schema'
import { countTerms, postingsOf, type SearchWay, searchItems } from '../../src/renderer/db/search'
import type { InboxItem, SourceItem } from '../../src/shared/model'
import { benchStreams } from '../ingest/items'

/**
 * `indexed`: how many items, oldest first, the search index covers. With
 * `isIndexSkipped`, none, and the index is marked caught up (its watermark
 * at now), as the scale benchmark does: the engine then indexes nothing
 * while a measurement runs, as with a store it has run on before.
 */
export type FillPlan = {
  delivered: number
  held: number
  indexed: number
  now: number
  isIndexSkipped?: boolean
}
export type FillResult = { items: number; indexed: number; terms: number; itemsMs: number; indexMs: number }

const dayMs = 24 * 60 * 60_000
/** FirstRun.tsx's key, written out: importing a component would bring React into this page. */
const firstRunKey = 'firstRunDone'
const rowsPerWrite = 5_000
const postingsPerWrite = 50_000

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

/** Writes the index of the oldest `wanted` items and its watermark; answers how many. */
async function index(db: LullDb, all: InboxItem[], wanted: number): Promise<number> {
  const covered = [...all].sort((a, b) => a.receivedAt - b.receivedAt).slice(0, wanted)
  const postings = postingsOf(covered)
  for (let start = 0; start < postings.length; start += postingsPerWrite)
    await db.searchPostings.bulkPut(postings.slice(start, start + postingsPerWrite))
  await db.searchWords.bulkPut([...countTerms(postings)].map(([term, count]) => ({ term, count })))
  const upTo = covered.at(-1)?.receivedAt
  if (upTo !== undefined) await db.meta.put({ key: searchWatermarkKey, value: upTo })
  return covered.length
}

async function fillLull(plan: FillPlan): Promise<FillResult> {
  const db = new LullDb()
  await db.transaction('rw', [db.items, db.searchPostings, db.searchWords, db.digests, db.meta], async () => {
    await Promise.all(
      [db.items, db.searchPostings, db.searchWords, db.digests, db.meta].map((table) => table.clear()),
    )
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
  const indexed = plan.isIndexSkipped ? 0 : await index(db, all, plan.indexed)
  if (plan.isIndexSkipped) await db.meta.put({ key: searchWatermarkKey, value: plan.now })
  const done = performance.now()
  const result = {
    items: await db.items.count(),
    indexed,
    terms: await db.searchPostings.count(),
    itemsMs: indexing - started,
    indexMs: done - indexing,
  }
  db.close()
  return result
}

export type QueryTiming = { query: string; ms: number[]; way: SearchWay; found: number; isComplete: boolean }

/** Each query answered by the app's search `runs` times after one untimed run, with nothing drawn. */
async function timeQueries(queries: string[], runs: number, limit: number): Promise<QueryTiming[]> {
  const db = new LullDb()
  const timings: QueryTiming[] = []
  for (const query of queries) {
    let answer = await searchItems(db, query, { limit })
    const ms: number[] = []
    for (let run = 0; run < runs; run++) {
      const started = performance.now()
      answer = await searchItems(db, query, { limit })
      ms.push(performance.now() - started)
    }
    timings.push({ query, ms, way: answer.way, found: answer.items.length, isComplete: answer.isComplete })
  }
  db.close()
  return timings
}

Object.assign(globalThis, { fillLull, timeQueries })
