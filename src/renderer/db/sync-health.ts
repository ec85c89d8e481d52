// Each stream's sync health as the engine last wrote it, for the accounts
// view: read back through a schema like every other row.
import { z } from 'zod'
import { getMeta } from './repositories'
import type { LullDb } from './schema'

export const syncHealthKey = 'syncHealth'

export const StreamHealth = z.object({
  accountId: z.string(),
  stream: z.string(),
  name: z.string(),
  /** 'slow': a pull has run for a while without an answer; other streams go on. */
  state: z.enum(['ok', 'pulling', 'slow', 'failing']),
  /** When the pull now under way started, if one is. */
  pullingSince: z.number().nullable(),
  lastOkAt: z.number().nullable(),
  /** The last failure, written for a person; null once a pull succeeds. */
  problem: z.string().nullable(),
  /** A push watch is open on the stream. */
  isWatched: z.boolean().default(false),
  /** The source refused the sign-in: nothing is asked of it until the person reconnects the account. */
  needsSignIn: z.boolean().default(false),
  /**
   * The source has answered "nothing new" since this moment (GitHub's 304s):
   * shown, so a stream that stays unchanged unusually long can be noticed.
   */
  unchangedSince: z.number().nullable().default(null),
  /** What the stream's push watch says about itself ("the mail server is slow to push new mail"). */
  watchNote: z.string().nullable().default(null),
})
export type StreamHealth = z.infer<typeof StreamHealth>

export function readSyncHealth(db: LullDb): Promise<StreamHealth[]> {
  return getMeta(db, syncHealthKey, z.array(StreamHealth), [])
}
