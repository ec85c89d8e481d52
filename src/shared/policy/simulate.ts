// Replays the attention policy over a span of time with the same functions
// the engine uses (nextCheckIn, dueCheckIn, planBreakthroughs, decideReply), jumping from event to event, so
// its invariants can be tested and its speed measured over a whole year.
import type { DmReplySettings, FocusSession, Settings, SourceKind } from '../model'
import { planBreakthroughs } from './breakthrough'
import { awayAt, type CalendarInterval } from './calendar'
import { dueCheckIn, nextCheckIn } from './checkins'
import { type EarlierReply, type ReplyCandidate, type ReplyPreviewRow, replayReplies } from './dm-reply'

export type SimArrival = {
  id: string
  at: number
  threadKey: string
  /** The conversation across sources, when known: the cooldown counts by it. */
  conversationKey?: string
  container: string
  source: SourceKind
  isUrgent?: boolean
  /** A direct message, as the reply decision reads it. */
  dm?: ReplyCandidate
}

export type SimEvent = {
  at: number
  kind: 'digest' | 'breakthrough' | 'notification' | 'reply'
  itemIds: string[]
  notificationKind?: 'check-in' | 'breakthrough'
  /** A reply's words. */
  text?: string
}

export type SimOptions = {
  zone: string
  /** Urgent items are seen at the next poll, every pollMs from `from`. */
  pollMs: number
  sessions?: FocusSession[]
  /** The urgent rule an arrival matches, or null; defaults to the arrival's own isUrgent. */
  isUrgent?: (item: SimArrival) => string | null
  /** Defaults to the settings' breakthrough cooldown. */
  cooldownMs?: number
  /** With it, DMs held during deep work get the reply event the engine would send (see dm-reply.ts). */
  replies?: { settings: DmReplySettings; earlier?: EarlierReply[] }
  /** Meetings, focus events and absences from the calendar (calendarIntervals). */
  calendar?: readonly CalendarInterval[]
}

/** The events from `from` to `to` (inclusive), sorted by time. Arrivals after `to` are never seen. */
export function simulate(
  settings: Settings,
  arrivals: SimArrival[],
  from: number,
  to: number,
  options: SimOptions,
): SimEvent[] {
  const sorted = arrivals.filter((arrival) => arrival.at <= to).sort((a, b) => a.at - b.at)
  const ruleOf = options.isUrgent ?? ((arrival: SimArrival) => (arrival.isUrgent ? 'urgent' : null))
  const calendar = options.calendar ?? []
  const evenOnLeave = new Set(settings.urgentRules.filter((rule) => rule.evenOnLeave).map((rule) => rule.id))
  const urgent: SimArrival[] = []
  const calm: SimArrival[] = []
  for (const arrival of sorted) {
    const rule = ruleOf(arrival)
    // While away, only rules marked "even on leave" break through; the rest wait for the welcome back.
    const isHeldByAbsence =
      rule !== null &&
      !evenOnLeave.has(rule) &&
      awayAt(calendar, seenAt(arrival, from, options.pollMs)) !== null
    ;(rule === null || isHeldByAbsence ? calm : urgent).push(arrival)
  }
  const cooldownMs = options.cooldownMs ?? settings.breakthroughCooldownMinutes * 60_000
  const breakthroughs = replayBreakthroughs(urgent, from, to, options.pollMs, cooldownMs)
  const checkIns = replayCheckIns(settings, calm, from, to, options.zone, options.sessions ?? [], calendar)
  const merged = mergeByTime(breakthroughs, checkIns)
  if (!options.replies) return merged
  const dms = sorted.flatMap((arrival) => (arrival.dm && arrival.at >= from ? [arrival.dm] : []))
  const rows = simulateReplies(settings, dms, options.zone, options.sessions ?? [], options.replies, calendar)
  const replies: SimEvent[] = rows.flatMap((row) =>
    row.decision.kind === 'reply'
      ? [{ at: row.at, kind: 'reply' as const, itemIds: [row.dm.id], text: row.decision.text }]
      : [],
  )
  return mergeByTime(merged, replies)
}

/** Each DM with what the reply decision made of it as it arrived: the preview's rows. */
export function simulateReplies(
  settings: Settings,
  dms: readonly ReplyCandidate[],
  zone: string,
  sessions: FocusSession[],
  replies: NonNullable<SimOptions['replies']>,
  calendar: readonly CalendarInterval[] = [],
): ReplyPreviewRow[] {
  return replayReplies(dms, {
    settings,
    reply: replies.settings,
    zone,
    sessions,
    calendar,
    ...(replies.earlier ? { earlier: replies.earlier } : {}),
  })
}

/** The poll at which an arrival is seen: the first at or after it arrives. */
function seenAt(arrival: SimArrival, from: number, pollMs: number): number {
  return from + Math.max(0, Math.ceil((arrival.at - from) / pollMs)) * pollMs
}

/** Urgent items are delivered at the first poll at or after they arrive, whatever the deep work. */
function replayBreakthroughs(
  urgent: SimArrival[],
  from: number,
  to: number,
  pollMs: number,
  cooldownMs: number,
): SimEvent[] {
  const events: SimEvent[] = []
  let lastNotifiedAt: Record<string, number> = {}
  let index = 0
  while (index < urgent.length) {
    const first = urgent[index]!
    const pollAt = seenAt(first, from, pollMs)
    if (pollAt > to) break
    const seen: SimArrival[] = []
    while (index < urgent.length && urgent[index]!.at <= pollAt) seen.push(urgent[index++]!)
    events.push({ at: pollAt, kind: 'breakthrough', itemIds: seen.map((item) => item.id) })
    const candidates = seen.map((item) => ({ ...item, sentAt: item.at }))
    const plan = planBreakthroughs(candidates, lastNotifiedAt, pollAt, cooldownMs)
    lastNotifiedAt = plan.lastNotifiedAt
    for (const group of plan.groups) {
      const itemIds = group.map((item) => item.id)
      events.push({ at: pollAt, kind: 'notification', itemIds, notificationKind: 'breakthrough' })
    }
  }
  return events
}

/** Calm items are held until the next effective check-in, which delivers them all in one digest. */
function replayCheckIns(
  settings: Settings,
  calm: SimArrival[],
  from: number,
  to: number,
  zone: string,
  sessions: FocusSession[],
  calendar: readonly CalendarInterval[],
): SimEvent[] {
  const events: SimEvent[] = []
  let lastCheckInAt = from
  let index = 0
  for (let at = nextCheckIn(settings, zone, sessions, from, calendar); at !== null && at <= to; ) {
    // The engine wakes at the next check-in and asks whether one is due; so does the replay.
    const due = dueCheckIn(settings, zone, sessions, lastCheckInAt, at, calendar)
    if (!due) break
    const itemIds: string[] = []
    while (index < calm.length && calm[index]!.at <= due.at) itemIds.push(calm[index++]!.id)
    events.push({ at: due.at, kind: 'digest', itemIds })
    if (itemIds.length > 0)
      events.push({ at: due.at, kind: 'notification', itemIds, notificationKind: 'check-in' })
    lastCheckInAt = due.at
    at = nextCheckIn(settings, zone, sessions, due.at, calendar)
  }
  return events
}

function mergeByTime(a: SimEvent[], b: SimEvent[]): SimEvent[] {
  const merged: SimEvent[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const left = a[i]
    const right = b[j]
    if (left && (!right || left.at <= right.at)) {
      merged.push(left)
      i++
    } else if (right) {
      merged.push(right)
      j++
    }
  }
  return merged
}
