// Runs in Chromium: times raw IndexedDB puts against the real ingest path
// (LullDb + ingestBatch) over the same rows, then a re-ingest of them
// unchanged. Every phase writes into fresh databases and deletes them after.
import Dexie from 'dexie'
import { ingestBatch } from '../../src/renderer/db/ingest'
import { LullDb } from '../../src/renderer/db/schema'
import { type BenchStream, benchStreams } from './items'
import { type RawStoreShape, timeRawPut } from './raw-idb'

export type RoundTimings = {
  rawMs: number
  rawLikeForLikeMs: number
  ingestMs: number
  reingestMs: number
  added: number
  unchanged: number
}

const now = 1_700_100_000_000

/** Let IndexedDB finish the work a phase left behind (compaction) before timing the next one. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500))

/** Each stream's items in pages of `batchSize`, one ingestBatch each, the way sync hands them over. */
async function ingestInBatches(db: LullDb, streams: BenchStream[], batchSize: number) {
  let added = 0
  let unchanged = 0
  const started = performance.now()
  for (const { accountId, stream, items } of streams) {
    for (let start = 0; start < items.length; start += batchSize) {
      const result = await ingestBatch(db, {
        accountId,
        stream,
        items: items.slice(start, start + batchSize),
        cursor: String(start + batchSize),
        now,
        classify: () => null,
      })
      added += result.added.length
      unchanged += result.unchanged
    }
  }
  return { ms: performance.now() - started, added, unchanged }
}

async function timeRaw(name: string, streams: BenchStream[], shape: RawStoreShape): Promise<number> {
  const rows = streams.flatMap((stream) =>
    stream.items.map((item) => ({ ...item, status: 'held', receivedAt: now })),
  )
  await settle()
  return timeRawPut(name, rows, shape)
}

async function timeIngest(name: string, streams: BenchStream[], batchSize: number) {
  const db = new LullDb(name)
  await db.open()
  await settle()
  const first = await ingestInBatches(db, streams, batchSize)
  await settle()
  const again = await ingestInBatches(db, streams, batchSize)
  db.close()
  await Dexie.delete(name)
  return { ingestMs: first.ms, reingestMs: again.ms, added: first.added, unchanged: again.unchanged }
}

/**
 * One round over the same rows: the raw put into a plain store in one
 * transaction (the goal's baseline), the raw put like the app stores items
 * (the items index, one transaction per batch), and ingest. Whichever runs
 * later pays for background work left by the earlier ones, so rounds
 * alternate between raw first and ingest first.
 */
async function runRound(
  name: string,
  count: number,
  batchSize: number,
  isRawFirst: boolean,
): Promise<RoundTimings> {
  const streams = benchStreams(count)
  const raw = async () => ({
    rawMs: await timeRaw(`${name}-raw`, streams, { indexes: {}, rowsPerTransaction: count }),
    rawLikeForLikeMs: await timeRaw(`${name}-raw-alike`, streams, {
      // The same indexes as LullDb's items table (schemaV4).
      indexes: {
        '[status+receivedAt]': ['status', 'receivedAt'],
        digestId: 'digestId',
        '[accountId+threadKey]': ['accountId', 'threadKey'],
        '[status+source]': ['status', 'source'],
        urgentRuleId: 'urgentRuleId',
      },
      rowsPerTransaction: batchSize,
    }),
  })
  if (isRawFirst) {
    const raws = await raw()
    return { ...raws, ...(await timeIngest(`${name}-lull`, streams, batchSize)) }
  }
  const ingest = await timeIngest(`${name}-lull`, streams, batchSize)
  return { ...(await raw()), ...ingest }
}

/** A small unmeasured round first, so the measured ones do not pay for JIT and IndexedDB start-up. */
async function runIngestBench(count: number, batchSize: number, rounds: number): Promise<RoundTimings[]> {
  await runRound('warm-up', Math.min(count, 3_000), batchSize, true)
  const timings: RoundTimings[] = []
  for (let round = 1; round <= rounds; round++) {
    timings.push(await runRound(`round-${round}`, count, batchSize, round % 2 === 1))
  }
  return timings
}

Object.assign(globalThis, { runIngestBench })
