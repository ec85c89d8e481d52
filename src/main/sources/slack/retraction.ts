// A message its sender deleted, heard on the socket: Lull gives the item
// again under its id saying so (the store keeps its state), but only for a
// message it gave before. Slack's history no longer holds it, so what it
// was comes from the event (`previous_message`).

import { SlackMessage } from './normalize'
import type { HeardChange } from './socket'

/** How far a conversation's cursor has read: `ts` newest given, `latest` the bound of a backlog run, `from` its first pull's start. */
export type ReadSoFar = { ts: string; latest?: string | undefined; from?: string | undefined }

/**
 * The message a deletion took back, when Lull gave it before: inside what
 * the cursor has read, after where the first pull began, and with its
 * sender known. A message Lull never gave is not made into an item only to
 * say it is gone.
 */
export function retractedMessage(
  change: Extract<HeardChange, { kind: 'retraction' }>,
  read: ReadSoFar | null,
  isFollowedThread: (threadTs: string) => boolean,
): SlackMessage | null {
  if (!read || !change.previous) return null
  const ts = Number(change.ts)
  const isRead = ts <= Number(read.ts) || (read.latest !== undefined && ts >= Number(read.latest))
  const isAfterStart = read.from === undefined || ts > Number(read.from)
  if (!isRead || !isAfterStart) return null
  const parsed = SlackMessage.safeParse({ ...change.previous, ts: change.ts })
  if (!parsed.success) return null
  const message = parsed.data
  // A reply lives in its thread, not the channel's history: Lull gave it only if it follows the thread.
  const isReplyOnly =
    message.thread_ts !== undefined &&
    message.thread_ts !== message.ts &&
    message.subtype !== 'thread_broadcast'
  if (isReplyOnly && message.thread_ts && !isFollowedThread(message.thread_ts)) return null
  return message
}
