// Sends the outbox: each queued "done" or "read" goes to its source through
// the host, is deleted once written, and waits longer after each failure.
// Writes are idempotent at the sources (marking a thread done twice is the
// same as once), so a write retried after a crash does no harm. A reply to
// a DM is not: it is marked "sending" before each try, and a try after one
// that may have gone out asks the source to look before it posts.
import { HostError } from '../../shared/contract'
import { defaultDoneWriteBack } from '../../shared/model'
import { listDueWrites, writeFailed, writeGaveUp } from '../db/outbox'
import { markReplySending, replyExpired, replyFailed, replySent } from '../db/replies'
import type { LullDb, OutboxRow } from '../db/schema'
import type { HostClient } from '../host/client'

export function createOutboxSender(deps: {
  db: LullDb
  host: HostClient
  report: (message: string) => void
}) {
  const { db, host, report } = deps
  let sending: Promise<void> | null = null

  /** "Done" is written as the person set it for the account: done, read, or not at all. */
  async function chooseCall(row: OutboxRow): Promise<'item:done-write' | 'item:read-write' | null> {
    if (row.action === 'read') return 'item:read-write'
    const account = await db.accounts.get(row.accountId)
    const mode = account?.doneWriteBack ?? defaultDoneWriteBack(row.kind)
    return mode === 'off' ? null : mode === 'done' ? 'item:done-write' : 'item:read-write'
  }

  /**
   * A "done" is sent only for an item still done: one that came back with new
   * activity while its write waited (a new comment on the thread) would have
   * that new activity marked done at the source, unseen. Its write is dropped.
   */
  async function isStale(row: OutboxRow): Promise<boolean> {
    if (row.action !== 'done') return false
    return (await db.items.get(row.itemId))?.status !== 'done'
  }

  /** Post one reply, unless it was sent, its account removed, or its check-in has passed. */
  async function sendReply(row: OutboxRow, account: { id: string; kind: OutboxRow['kind'] }, now: number) {
    const current = await db.replies.get(row.itemId)
    if (!current || current.state === 'sent') {
      await db.outbox.delete(row.id)
      return
    }
    // A promise about a check-in that has passed would mislead: the DM has been delivered by now.
    if (now >= current.checkInAt) {
      await replyExpired(db, current.id)
      return
    }
    const reply = await markReplySending(db, row.itemId)
    if (!reply) return
    const answer = await host.call('slack:reply-post', {
      account,
      channel: reply.channel,
      text: reply.text,
      replyId: reply.id,
      queuedAt: reply.queuedAt,
      mayHaveBeenSent: reply.state === 'sending' || row.attempts > 0,
    })
    await replySent(db, reply.id, answer.postedAt, answer.ts)
  }

  async function sendDue(now: number) {
    for (const row of await listDueWrites(db, now)) {
      const account = { id: row.accountId, kind: row.kind }
      if (row.action === 'reply') {
        try {
          await sendReply(row, account, now)
        } catch (error) {
          const message = error instanceof HostError || error instanceof Error ? error.message : String(error)
          // Refused (no chat:write, a conversation gone) or a token Slack no longer takes: trying again changes nothing.
          const isHopeless =
            error instanceof HostError && (error.code === 'refused' || error.code === 'bad-credentials')
          const outcome = isHopeless
            ? await writeGaveUp(db, row, message)
            : await writeFailed(db, row, message, now)
          await replyFailed(db, row.itemId, message, outcome === 'failed')
          if (outcome === 'failed') report(`Lull could not answer a direct message: ${message}`)
        }
        continue
      }
      try {
        if (await isStale(row)) {
          await db.outbox.delete(row.id)
          continue
        }
        const call = await chooseCall(row)
        if (call !== null) await host.call(call, { account, externalId: row.externalId })
        // A source that cannot write back answers isWritten: false; there is nothing to retry.
        await db.outbox.delete(row.id)
      } catch (error) {
        const message = error instanceof HostError || error instanceof Error ? error.message : String(error)
        const outcome = await writeFailed(db, row, message, now)
        if (outcome === 'failed') {
          report(`Marking an item ${row.action} at its source failed after several tries: ${message}`)
        }
      }
    }
  }

  return {
    /** Resolves once no send is under way. */
    whenIdle(): Promise<void> {
      return sending ?? Promise.resolve()
    },
    /** Send what is due; a second call while one runs joins it. */
    sendDue(now: number): Promise<void> {
      sending ??= sendDue(now).finally(() => {
        sending = null
      })
      return sending
    },
  }
}
