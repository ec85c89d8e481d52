// Who gets the reply to a direct message held during deep work, and what it
// says. One pure decision from the stored DM, the sender, the person's deep
// work, the replies already sent and the account's settings: the engine
// uses it as DMs arrive, the preview replays it over last week's DMs.
import type { DeepWorkBlock, DmReplySettings, FocusSession, InboxItem, Settings } from '../model'
import type { CalendarInterval } from './calendar'
import { nextCheckIn } from './checkins'
import { sessionIntervals, stretchEnd, stretchStart } from './deepwork'
import { localDateText, mergeIntervals, wallTimeText } from './schedule'

/** A stored DM as the decision needs it. */
export type ReplyCandidate = Pick<
  InboxItem,
  'id' | 'accountId' | 'source' | 'author' | 'sentAt' | 'status' | 'urgentRuleId' | 'slack'
>

/** A reply already queued or sent: who, from which account, in which stretch of deep work, when. */
export type EarlierReply = { accountId: string; authorId: string; stretchStart: number; at: number }

/** The deep-work stretch around an instant: [start, end), end null while it runs until stopped. */
export type DeepStretch = { start: number; end: number | null }

export type ReplySkipReason =
  | 'off'
  | 'not-direct'
  | 'group-dm'
  | 'bot'
  | 'broke-through'
  | 'not-held'
  | 'not-deep'
  | 'before-deep-work'
  | 'before-turned-on'
  | 'mid-conversation'
  | 'replied-this-stretch'
  | 'replied-today'
  | 'no-check-in'

export type ReplyDecision =
  | { kind: 'reply'; text: string; checkInAt: number; stretchStart: number }
  | { kind: 'skip'; reason: ReplySkipReason }

/** Why a DM got no reply, as the preview says it. */
export const replySkipText: Record<ReplySkipReason, string> = {
  off: 'the reply is off for this account',
  'not-direct': 'not a direct message',
  'group-dm': 'a group DM (turn group DMs on to answer them)',
  bot: 'sent by a bot or Slackbot',
  'broke-through': 'it broke through on an urgent rule',
  'not-held': 'it was not held',
  'not-deep': 'you were not in deep work',
  'before-deep-work': 'it was sent before deep work began',
  'before-turned-on': 'it was sent before the reply was turned on',
  'mid-conversation': 'they wrote just before deep work began (mid-conversation)',
  'replied-this-stretch': 'already told during this deep work',
  'replied-today': 'already told today',
  'no-check-in': 'no check-in is scheduled to name',
}

/**
 * Slack's bots and apps: Slackbot (USLACKBOT), and bot ids (B…) where a
 * message carries one. The source already leaves out messages it knows are
 * from bots; this holds for anything that still slips through.
 */
export function isBotSender(authorId: string): boolean {
  return authorId === '' || authorId === 'USLACKBOT' || /^B[A-Z0-9]+$/.test(authorId)
}

/**
 * The deep-work stretch containing `at`, or null when `at` is not deep
 * work. Focus events from the calendar shield like sessions (a meeting is
 * not deep work).
 */
export function deepStretchAt(
  blocks: DeepWorkBlock[],
  sessions: FocusSession[],
  zone: string,
  at: number,
  calendar: readonly CalendarInterval[] = [],
): DeepStretch | null {
  const focusEvents = calendar
    .filter((interval) => interval.kind === 'focus')
    .map(({ start, end }) => ({ start, end }))
  const shields = mergeIntervals([...sessionIntervals(sessions), ...focusEvents])
  const end = stretchEnd(blocks, shields, zone, at)
  if (end <= at) return null
  return {
    start: stretchStart(blocks, shields, zone, at),
    end: end === Number.POSITIVE_INFINITY ? null : end,
  }
}

/**
 * The reply's words: the template with {checkIn}, {until} and
 * {urgentChannel} filled in. With no urgent channel, a sentence naming it is
 * left out rather than pointing nowhere.
 */
export function fillReplyTemplate(
  template: string,
  values: { checkIn: string; until: string; urgentChannel: string | null },
): string {
  const sentences = template.match(/[^.!?]+[.!?]*\s*/g) ?? [template]
  const kept =
    values.urgentChannel === null
      ? sentences.filter((sentence) => !sentence.includes('{urgentChannel}'))
      : sentences
  return kept
    .join('')
    .replaceAll('{checkIn}', values.checkIn)
    .replaceAll('{until}', values.until)
    .replaceAll('{urgentChannel}', values.urgentChannel ?? '')
    .trim()
}

/** The first urgent Slack channel in the person's rules, where urgent matters go. */
export function urgentChannelOf(settings: Pick<Settings, 'urgentRules'>): string | null {
  const rule = settings.urgentRules.find((candidate) => candidate.kind === 'slack-channel')
  if (rule?.kind !== 'slack-channel') return null
  return rule.channel.startsWith('#') ? rule.channel : `#${rule.channel}`
}

export type ReplyContext = {
  settings: Settings
  reply: DmReplySettings
  sessions: FocusSession[]
  zone: string
  /** When the decision is made: the engine's now; the preview replays each DM's arrival. */
  at: number
  /** The account's stored DMs around it (the sender's earlier messages tell a conversation under way). */
  dms: readonly ReplyCandidate[]
  earlier: readonly EarlierReply[]
  /** Meetings, focus events and absences: focus events are deep work, and check-ins move out of meetings. */
  calendar?: readonly CalendarInterval[]
}

/** Whether this DM gets the reply, and its words, or why not. */
export function decideReply(dm: ReplyCandidate, context: ReplyContext): ReplyDecision {
  const { reply, settings, zone, at } = context
  const skip = (reason: ReplySkipReason): ReplyDecision => ({ kind: 'skip', reason })
  if (!reply.isOn) return skip('off')
  const kind = dm.source === 'slack' ? dm.slack?.conversationKind : undefined
  if (kind !== 'im' && kind !== 'mpim') return skip('not-direct')
  if (kind === 'mpim' && !reply.isGroupDmOn) return skip('group-dm')
  if (isBotSender(dm.author.id)) return skip('bot')
  if (dm.urgentRuleId !== undefined) return skip('broke-through')
  if (dm.status !== 'held') return skip('not-held')
  const calendar = context.calendar ?? []
  const stretch = deepStretchAt(settings.deepWorkBlocks, context.sessions, zone, at, calendar)
  if (!stretch) return skip('not-deep')
  if (dm.sentAt < stretch.start) return skip('before-deep-work')
  if (reply.onSince !== undefined && dm.sentAt < reply.onSince) return skip('before-turned-on')
  const quietFrom = stretch.start - reply.midConversationMinutes * 60_000
  const isMidConversation = context.dms.some(
    (other) =>
      other.accountId === dm.accountId &&
      other.author.id === dm.author.id &&
      other.slack?.channel === dm.slack?.channel &&
      other.sentAt >= quietFrom &&
      other.sentAt < stretch.start,
  )
  if (reply.midConversationMinutes > 0 && isMidConversation) return skip('mid-conversation')
  const mine = context.earlier.filter(
    (earlier) => earlier.accountId === dm.accountId && earlier.authorId === dm.author.id,
  )
  if (mine.some((earlier) => earlier.stretchStart === stretch.start)) return skip('replied-this-stretch')
  const today = localDateText(at, zone)
  if (reply.isOncePerDay && mine.some((earlier) => localDateText(earlier.at, zone) === today))
    return skip('replied-today')
  const checkInAt = nextCheckIn(settings, zone, context.sessions, at, calendar)
  if (checkInAt === null) return skip('no-check-in')
  const text = fillReplyTemplate(reply.template, {
    checkIn: wallTimeText(checkInAt, zone),
    until: wallTimeText(stretch.end ?? checkInAt, zone),
    urgentChannel: urgentChannelOf(settings),
  })
  return { kind: 'reply', text, checkInAt, stretchStart: stretch.start }
}

export type ReplyPreviewRow = { dm: ReplyCandidate; at: number; decision: ReplyDecision }

/**
 * Replay the decision over stored DMs in the order they arrived, each as if
 * decided when it came, the replies it gives counting for the ones after.
 * DMs stored now are no longer held, so each is taken as held unless it
 * broke through.
 */
export function replayReplies(
  dms: readonly ReplyCandidate[],
  context: Omit<ReplyContext, 'at' | 'dms' | 'earlier'> & { earlier?: readonly EarlierReply[] },
): ReplyPreviewRow[] {
  const sorted = [...dms].sort((a, b) => a.sentAt - b.sentAt)
  const earlier: EarlierReply[] = [...(context.earlier ?? [])]
  const rows: ReplyPreviewRow[] = []
  for (const dm of sorted) {
    const asArrived: ReplyCandidate = { ...dm, status: dm.urgentRuleId === undefined ? 'held' : 'delivered' }
    const decision = decideReply(asArrived, { ...context, at: dm.sentAt, dms: sorted, earlier })
    if (decision.kind === 'reply')
      earlier.push({
        accountId: dm.accountId,
        authorId: dm.author.id,
        stretchStart: decision.stretchStart,
        at: dm.sentAt,
      })
    rows.push({ dm, at: dm.sentAt, decision })
  }
  return rows
}
