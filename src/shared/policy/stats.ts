// The numbers behind the Stats view, per local day: what Lull held back,
// what it showed, what broke through and by which rule, hours of deep work,
// replies left waiting past the reply window, and an estimate of the
// refocus time saved. Pure: the view reads bounded windows of the store and
// hands them here.
import type { DeepWorkBlock, Digest, FocusSession, InboxItem } from '../model'
import { sessionIntervals } from './deepwork'
import { blockIntervalsBetween, mergeIntervals } from './schedule'
import { localDay } from './timeline'

/**
 * Minutes a person needs to get back into deep work after an
 * interruption: the figure commonly cited from Gloria Mark's studies. An
 * estimate, and shown as one.
 */
export const refocusMinutesPerInterruption = 23

export type DayStats = {
  dayStart: number
  /** Items that arrived during deep work and were held for a check-in. */
  shielded: number
  /** Notifications Lull showed: one per check-in with items, one per breakthrough thread. */
  notifications: number
  breakthroughsByRule: Record<string, number>
  focusHours: number
  /** Items someone waits on, still not done, older than the reply window at the end of the day. */
  repliesOverdue: number
  /** Interruptions avoided (distinct threads shielded) × the refocus minutes. */
  refocusMinutesSaved: number
}

export function statsByDay(input: {
  items: ReadonlyArray<InboxItem>
  digests: ReadonlyArray<Digest>
  sessions: FocusSession[]
  blocks: DeepWorkBlock[]
  zone: string
  now: number
  days: number
  replyWindowHours: number
}): DayStats[] {
  const today = localDay(input.now, input.zone)
  const days: Array<{ start: number; end: number }> = []
  let cursor = today
  for (let index = 0; index < input.days; index++) {
    days.unshift(cursor)
    cursor = localDay(cursor.start - 1, input.zone)
  }
  const windowMs = input.replyWindowHours * 60 * 60_000
  return days.map((day) => {
    const deep = mergeIntervals([
      ...blockIntervalsBetween(input.blocks, input.zone, day.start, day.end),
      ...sessionIntervals(input.sessions).map((interval) => ({
        start: interval.start,
        end: Math.min(interval.end, input.now),
      })),
    ])
      .map((interval) => ({
        start: Math.max(interval.start, day.start),
        end: Math.min(interval.end, day.end, input.now),
      }))
      .filter((interval) => interval.end > interval.start)
    const isDeep = (at: number) => deep.some((interval) => at >= interval.start && at < interval.end)
    const arrived = input.items.filter((item) => item.receivedAt >= day.start && item.receivedAt < day.end)
    const shieldedItems = arrived.filter((item) => item.urgentRuleId === undefined && isDeep(item.receivedAt))
    const breakthroughs = arrived.filter((item) => item.urgentRuleId !== undefined)
    const byRule: Record<string, number> = {}
    for (const item of breakthroughs)
      byRule[item.urgentRuleId ?? ''] = (byRule[item.urgentRuleId ?? ''] ?? 0) + 1
    const checkIns = input.digests.filter(
      (digest) => digest.at >= day.start && digest.at < day.end && digest.itemIds.length > 0,
    )
    const dayEnd = Math.min(day.end, input.now)
    const overdue = input.items.filter(
      (item) =>
        item.needsReply &&
        item.status !== 'done' &&
        item.sentAt <= dayEnd - windowMs &&
        item.receivedAt < day.end,
    )
    const avoided = new Set(shieldedItems.map((item) => item.threadKey)).size
    return {
      dayStart: day.start,
      shielded: shieldedItems.length,
      notifications: checkIns.length + new Set(breakthroughs.map((item) => item.threadKey)).size,
      breakthroughsByRule: byRule,
      focusHours: deep.reduce((sum, interval) => sum + (interval.end - interval.start), 0) / 3_600_000,
      repliesOverdue: overdue.length,
      refocusMinutesSaved: avoided * refocusMinutesPerInterruption,
    }
  })
}

/** A week's totals from its days. */
export function sumDays(
  days: readonly DayStats[],
): Omit<DayStats, 'dayStart' | 'repliesOverdue'> & { repliesOverdue: number } {
  const byRule: Record<string, number> = {}
  for (const day of days)
    for (const [rule, count] of Object.entries(day.breakthroughsByRule))
      byRule[rule] = (byRule[rule] ?? 0) + count
  return {
    shielded: days.reduce((sum, day) => sum + day.shielded, 0),
    notifications: days.reduce((sum, day) => sum + day.notifications, 0),
    breakthroughsByRule: byRule,
    focusHours: days.reduce((sum, day) => sum + day.focusHours, 0),
    // Overdue replies are a state, not a flow: the week ends with the last day's.
    repliesOverdue: days[days.length - 1]?.repliesOverdue ?? 0,
    refocusMinutesSaved: days.reduce((sum, day) => sum + day.refocusMinutesSaved, 0),
  }
}
