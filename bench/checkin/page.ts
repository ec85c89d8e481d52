// Runs in Chromium: a check-in of N held items through deliverHeld against
// a raw IndexedDB update of the same rows, each in a fresh LullDb database
// (the same indexes) filled with the same rows beforehand, untimed.
import Dexie from 'dexie'
import { deliverHeld } from '../../src/renderer/db/checkin'
import { LullDb } from '../../src/renderer/db/schema'
import type { InboxItem } from '../../src/shared/model'
import { benchStreams } from '../ingest/items'
import { timeRawDeliver } from './raw-deliver'

export type CheckInRound = { lullMs: number; rawMs: number; delivered: number; rawDelivered: number }

const receivedAt = 1_700_100_000_000
const at = receivedAt + 3_600_000

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500))

function heldRows(count: number): InboxItem[] {
  return benchStreams(count).flatMap((stream) =>
    stream.items.map((item): InboxItem => ({ ...item, status: 'held', receivedAt })),
  )
}

async function filled(name: string, rows: InboxItem[]): Promise<LullDb> {
  await Dexie.delete(name)
  const db = new LullDb(name)
  for (let start = 0; start < rows.length; start += 5_000)
    await db.items.bulkPut(rows.slice(start, start + 5_000))
  return db
}

async function timeLull(name: string, rows: InboxItem[]) {
  const db = await filled(name, rows)
  await settle()
  const started = performance.now()
  const digest = await deliverHeld(db, { digestId: 'bench-digest', at, reason: 'scheduled' })
  const lullMs = performance.now() - started
  db.close()
  await Dexie.delete(name)
  return { lullMs, delivered: digest?.itemIds.length ?? 0 }
}

async function timeRaw(name: string, rows: InboxItem[]) {
  ;(await filled(name, rows)).close()
  await settle()
  const { ms, count } = await timeRawDeliver(name, at)
  await Dexie.delete(name)
  return { rawMs: ms, rawDelivered: count }
}

async function runRound(name: string, count: number, isRawFirst: boolean): Promise<CheckInRound> {
  const rows = heldRows(count)
  if (isRawFirst) {
    const raw = await timeRaw(`${name}-raw`, rows)
    return { ...raw, ...(await timeLull(`${name}-lull`, rows)) }
  }
  const lull = await timeLull(`${name}-lull`, rows)
  return { ...lull, ...(await timeRaw(`${name}-raw`, rows)) }
}

/** A small unmeasured round first, so the measured ones do not pay for JIT and IndexedDB start-up. */
async function runCheckInBench(count: number, rounds: number): Promise<CheckInRound[]> {
  await runRound('warm-up', Math.min(count, 3_000), true)
  const timings: CheckInRound[] = []
  for (let round = 1; round <= rounds; round++) {
    timings.push(await runRound(`round-${round}`, count, round % 2 === 1))
  }
  return timings
}

Object.assign(globalThis, { runCheckInBench })
