// The engine's note of when Lull was running, for Stats' focus hours: each
// wake of the leading window extends the current span (policy/running.ts
// decides when that is worth a write, at most one small write a minute).
import { z } from 'zod'
import { extendRunning, type Interval } from '../../shared/policy'
import { getMeta, setMeta } from '../db/repositories'
import type { LullDb } from '../db/schema'

export const runningSpansKey = 'runningSpans'
const Spans = z.array(z.object({ start: z.number(), end: z.number() }))

/** The spans Lull was running, oldest first; an unreadable row reads as none. */
export function readRunningSpans(db: LullDb): Promise<Interval[]> {
  return getMeta(db, runningSpansKey, Spans, [])
}

/** Note that Lull is running at `now`. */
export async function noteRunning(db: LullDb, now: number): Promise<void> {
  const next = extendRunning(await readRunningSpans(db), now)
  if (next) await setMeta(db, runningSpansKey, next)
}
