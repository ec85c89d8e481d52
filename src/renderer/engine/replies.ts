// Queues the reply to DMs held during deep work: at each wake, the held DMs
// of Slack accounts whose reply is on, that arrived in this stretch of deep
// work and have no reply yet, go through the policy's decideReply in the
// order they were sent; each reply it gives is queued with its outbox row.
// The outbox sends them. This module only reads and writes the store.
import { type Account, defaultDmReply, type FocusSession, type Settings } from '../../shared/model'
import {
  type CalendarInterval,
  decideReply,
  deepStretchAt,
  type EarlierReply,
  type ReplyCandidate,
} from '../../shared/policy'
import {
  earlierReplies,
  messagesInConversation,
  type QueuedReply,
  queueReplies,
  unansweredHeldDms,
} from '../db/replies'
import type { LullDb } from '../db/schema'

export function isReplyOn(account: Account): boolean {
  return account.kind === 'slack' && account.dmReply?.isOn === true && account.isPaused !== true
}

/** Queue the replies due now; answers how many were queued. */
export async function queueDueReplies(input: {
  db: LullDb
  accounts: readonly Account[]
  settings: Settings
  sessions: FocusSession[]
  zone: string
  now: number
  /** Focus events are deep work too; check-ins move out of meetings. */
  calendar?: readonly CalendarInterval[]
}): Promise<number> {
  const { db, settings, sessions, zone, now } = input
  const calendar = input.calendar ?? []
  const accounts = input.accounts.filter(isReplyOn)
  if (accounts.length === 0) return 0
  const stretch = deepStretchAt(settings.deepWorkBlocks, sessions, zone, now, calendar)
  if (!stretch) return 0
  const byId = new Map(accounts.map((account) => [account.id, account]))
  const dms = await unansweredHeldDms(db, new Set(byId.keys()), stretch.start)
  if (dms.length === 0) return 0
  const queued: QueuedReply[] = []
  const earlierOf = new Map<string, EarlierReply[]>()
  const conversations = new Map<string, ReplyCandidate[]>()
  for (const dm of dms.sort((a, b) => a.sentAt - b.sentAt)) {
    const account = byId.get(dm.accountId)
    const channel = dm.slack?.channel
    if (!account || !channel) continue
    let earlier = earlierOf.get(account.id)
    if (!earlier) {
      earlier = await earlierReplies(db, account.id, now)
      earlierOf.set(account.id, earlier)
    }
    const key = `${account.id}|${channel}`
    let conversation = conversations.get(key)
    if (!conversation) {
      conversation = await messagesInConversation(db, account.id, channel)
      conversations.set(key, conversation)
    }
    const decision = decideReply(dm, {
      settings,
      reply: account.dmReply ?? defaultDmReply,
      sessions,
      zone,
      at: now,
      dms: conversation,
      earlier,
      calendar,
    })
    if (decision.kind !== 'reply') continue
    earlier.push({
      accountId: account.id,
      authorId: dm.author.id,
      stretchStart: decision.stretchStart,
      at: now,
    })
    queued.push({
      id: dm.id,
      accountId: account.id,
      authorId: dm.author.id,
      authorName: dm.author.name,
      channel,
      text: decision.text,
      stretchStart: decision.stretchStart,
      checkInAt: decision.checkInAt,
      queuedAt: now,
      externalId: dm.externalId,
    })
  }
  if (queued.length === 0) return 0
  return (await queueReplies(db, queued, now)).length
}
