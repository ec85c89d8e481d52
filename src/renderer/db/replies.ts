// The replies to DMs held during deep work, in the store: each one queued
// with its outbox row in one transaction (so a restart still sends it, and a
// DM is never queued twice), marked "sending" before each try (so a try cut
// off after Slack took it is looked for, not repeated), and kept once sent.
import type { InboxItem } from '../../shared/model'
import type { EarlierReply, ReplyCandidate } from '../../shared/policy'
import { outboxId } from './outbox'
import type { LullDb, OutboxRow, ReplyRow } from './schema'

/** Earlier replies the decision reads: a day and a half covers "once a stretch" and "once a day". */
const earlierWindowMs = 36 * 60 * 60_000

export type QueuedReply = Omit<ReplyRow, 'state' | 'sentAt' | 'error'> & { externalId: string }

/**
 * Queue replies and their writes in one transaction. A DM that has a reply
 * row already is left alone. Answers the ids queued.
 */
export function queueReplies(db: LullDb, replies: readonly QueuedReply[], now: number): Promise<string[]> {
  return db.transaction('rw', db.replies, db.outbox, async () => {
    const known = await db.replies.bulkGet(replies.map((reply) => reply.id))
    const fresh = replies.filter((_reply, index) => known[index] === undefined)
    await db.replies.bulkPut(
      fresh.map(({ externalId: _external, ...reply }) => ({
        ...reply,
        state: 'queued',
        sentAt: null,
        error: null,
      })),
    )
    await db.outbox.bulkPut(
      fresh.map(
        (reply): OutboxRow => ({
          id: outboxId('reply', reply.id),
          action: 'reply',
          itemId: reply.id,
          accountId: reply.accountId,
          kind: 'slack',
          externalId: reply.externalId,
          createdAt: now,
          attempts: 0,
          nextAttemptAt: now,
          state: 'pending',
          error: null,
          previousStatus: 'held',
        }),
      ),
    )
    return fresh.map((reply) => reply.id)
  })
}

/** A try begins: from now on a restart looks for the reply before posting it. */
export async function markReplySending(db: LullDb, id: string): Promise<ReplyRow | undefined> {
  return db.transaction('rw', db.replies, async () => {
    const row = await db.replies.get(id)
    if (!row || row.state === 'sent') return row
    if (row.state !== 'sending') await db.replies.put({ ...row, state: 'sending' })
    return row
  })
}

/** Slack took the reply: it is sent, and its write leaves the outbox, together. */
export function replySent(db: LullDb, id: string, sentAt: number, ts: string): Promise<void> {
  return db.transaction('rw', db.replies, db.outbox, async () => {
    await db.replies.update(id, { state: 'sent', sentAt, ts, error: null })
    await db.outbox.delete(outboxId('reply', id))
  })
}

/** Its check-in passed before it could be sent: it is dropped, with why, and leaves the outbox. */
export function replyExpired(db: LullDb, id: string): Promise<void> {
  return db.transaction('rw', db.replies, db.outbox, async () => {
    await db.replies.update(id, {
      state: 'expired',
      error: 'Not sent: the check-in it named had passed before Slack could be reached.',
    })
    await db.outbox.delete(outboxId('reply', id))
  })
}

/** A try failed; after the outbox's last try the reply shows as failed with why. */
export async function replyFailed(db: LullDb, id: string, error: string, isFinal: boolean): Promise<void> {
  await db.replies.update(id, { error, ...(isFinal ? { state: 'failed' as const } : {}) })
}

/** The account's replies of the last day and a half, as the decision reads them. */
export async function earlierReplies(db: LullDb, accountId: string, now: number): Promise<EarlierReply[]> {
  const rows = await db.replies
    .where('queuedAt')
    .aboveOrEqual(now - earlierWindowMs)
    .filter((row) => row.accountId === accountId)
    .toArray()
  return rows.map((row) => ({
    accountId: row.accountId,
    authorId: row.authorId,
    stretchStart: row.stretchStart,
    at: row.queuedAt,
  }))
}

/** Held Slack DMs that arrived since `since`, that have no reply row yet: what the decision looks at. */
export async function unansweredHeldDms(
  db: LullDb,
  accountIds: ReadonlySet<string>,
  since: number,
): Promise<InboxItem[]> {
  const held = await db.items
    .where('[status+receivedAt]')
    .between(['held', since], ['held', Number.POSITIVE_INFINITY], true, true)
    .filter(
      (item) =>
        accountIds.has(item.accountId) &&
        (item.slack?.conversationKind === 'im' || item.slack?.conversationKind === 'mpim'),
    )
    .toArray()
  const replied = await db.replies.bulkGet(held.map((item) => item.id))
  return held.filter((_item, index) => replied[index] === undefined)
}

/** The stored messages of one DM conversation (any status), from its thread keys: who was talking before. */
export async function messagesInConversation(
  db: LullDb,
  accountId: string,
  channel: string,
): Promise<ReplyCandidate[]> {
  const prefix = `slack:${channel}:`
  return db.items
    .where('[accountId+threadKey]')
    .between([accountId, prefix], [accountId, `${prefix}\uffff`], true, true)
    .toArray()
}

/** Replies sent in [from, to): the people told (by account and sender), for Stats. */
export async function peopleTold(db: LullDb, from: number, to: number): Promise<number> {
  const rows = await db.replies
    .where('queuedAt')
    .between(from - earlierWindowMs, to, true, false)
    .filter((row) => row.state === 'sent' && row.sentAt !== null && row.sentAt >= from && row.sentAt < to)
    .toArray()
  return new Set(rows.map((row) => `${row.accountId}|${row.authorId}`)).size
}

/** Every reply sent, by the DM's item id: what the rows show. */
export async function sentReplies(db: LullDb): Promise<Map<string, { sentAt: number; text: string }>> {
  const rows = await db.replies.filter((row) => row.state === 'sent' && row.sentAt !== null).toArray()
  return new Map(rows.map((row) => [row.id, { sentAt: row.sentAt ?? row.queuedAt, text: row.text }]))
}

/** An account's stored DMs and group DMs sent since `since`: what the reply preview replays. */
export function directMessagesSince(db: LullDb, accountId: string, since: number): Promise<InboxItem[]> {
  const prefix = `${accountId}:`
  return db.items
    .where(':id')
    .between(prefix, `${prefix}\uffff`, true, true)
    .filter(
      (item) =>
        item.accountId === accountId &&
        item.sentAt >= since &&
        (item.slack?.conversationKind === 'im' || item.slack?.conversationKind === 'mpim'),
    )
    .toArray()
}
