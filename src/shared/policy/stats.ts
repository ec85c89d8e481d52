// The numbers behind the Stats view, per local day: what Lull held back,
// what it showed, what broke through and by which rule, hours of deep work,
// and replies left waiting past the reply window. Every figure is counted
// from what Lull recorded: focus hours are deep work (blocks and sessions)
// only while Lull was running (running.ts), and a day Lull never ran has no
// data rather than zeros. Pure: the view reads bounded windows of the store
// and hands them here.
import type { DeepWorkBlock, Digest, FocusSession, InboxItem, UrgentRule } from '../model'
import { defaultSettings } from '../model'
import { sessionIntervals } from './deepwork'
import { intersectIntervals, runningGapMs } from './running'
import { blockIntervalsBetween, type Interval, mergeIntervals } from './schedule'
import { localDay } from './timeline'
import { describeRule } from './urgency'

export type DayStats = {
  dayStart: number
  /** Whether Lull ran that day or recorded anything: a day without data is not a day of zeros. */
  hasData: boolean
  /** Items that arrived during deep work and were held for a check-in. */
  shielded: number
  /** Conversations among the shielded items (a pull request through GitHub, mail and Slack is one): the interruptions deep work was spared. */
  interruptionsAvoided: number
  /** Notifications Lull showed: one per check-in with items, one per conversation that broke through. */
  notifications: number
  /** Breakthroughs per urgent rule id. */
  breakthroughsByRule: Record<string, number>
  /** Each rule's name as the items recorded it when it fired. */
  ruleNames: Record<string, string>
  /** Hours of deep work while Lull was running. */
  focusHours: number
  /** Items someone waits on, still not done, older than the reply window at the end of the day. */
  repliesOverdue: number
  /** Of the items counted that day, how many came from the sample workspace (made up). */
  sampleItems: number
}

export function statsByDay(input: {
  items: ReadonlyArray<InboxItem>
  digests: ReadonlyArray<Digest>
  sessions: FocusSession[]
  blocks: DeepWorkBlock[]
  /** When Lull was running, sorted and merged (running.ts); the last span may lag now by a wake. */
  running: readonly Interval[]
  zone: string
  now: number
  days: number
  replyWindowHours: number
  /** Whether an item is the sample workspace's; its items are counted and said to be made up. */
  isSample?: (item: InboxItem) => boolean
}): DayStats[] {
  const today = localDay(input.now, input.zone)
  const days: Array<{ start: number; end: number }> = []
  let cursor = today
  for (let index = 0; index < input.days; index++) {
    days.unshift(cursor)
    cursor = localDay(cursor.start - 1, input.zone)
  }
  const running = runningUntilNow(input.running, input.now)
  const windowMs = input.replyWindowHours * 60 * 60_000
  const isSample = input.isSample ?? (() => false)
  return days.map((day) => {
    const deep = mergeIntervals([
      ...blockIntervalsBetween(input.blocks, input.zone, day.start, day.end),
      ...sessionIntervals(input.sessions),
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
    // Members that came through with an urgent one were not matched by its rule themselves.
    const matched = breakthroughs.filter((item) => !item.isUrgentByConversation)
    const byRule: Record<string, number> = {}
    const ruleNames: Record<string, string> = {}
    for (const item of matched) {
      const id = item.urgentRuleId ?? ''
      byRule[id] = (byRule[id] ?? 0) + 1
      if (item.urgentRuleName !== undefined) ruleNames[id] = item.urgentRuleName
    }
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
    const focused = intersectIntervals(deep, running)
    const ranThatDay = running.some((span) => span.start < day.end && span.end >= day.start)
    return {
      dayStart: day.start,
      hasData: ranThatDay || arrived.length > 0 || checkIns.length > 0,
      shielded: shieldedItems.length,
      interruptionsAvoided: new Set(shieldedItems.map(conversationOf)).size,
      notifications: checkIns.length + new Set(breakthroughs.map(conversationOf)).size,
      breakthroughsByRule: byRule,
      ruleNames,
      focusHours: focused.reduce((sum, interval) => sum + (interval.end - interval.start), 0) / 3_600_000,
      repliesOverdue: overdue.length,
      sampleItems: arrived.filter(isSample).length,
    }
  })
}

/** An item's conversation across sources, else its thread in its account. */
const conversationOf = (item: InboxItem) => item.conversationKey ?? `${item.accountId}\u001f${item.threadKey}`

/** The running spans with the current one reaching now: the engine writes it at most once a minute. */
function runningUntilNow(spans: readonly Interval[], now: number): Interval[] {
  const merged = mergeIntervals([...spans])
  const last = merged[merged.length - 1]
  if (last && now > last.end && now - last.end <= runningGapMs) last.end = now
  return merged
}

export type WeekStats = Omit<DayStats, 'dayStart'> & {
  /** The days with data, of those given. */
  daysWithData: number
}

/** A week's totals from its days. */
export function sumDays(days: readonly DayStats[]): WeekStats {
  const byRule: Record<string, number> = {}
  const ruleNames: Record<string, string> = {}
  for (const day of days) {
    for (const [rule, count] of Object.entries(day.breakthroughsByRule))
      byRule[rule] = (byRule[rule] ?? 0) + count
    Object.assign(ruleNames, day.ruleNames)
  }
  const sum = (pick: (day: DayStats) => number) => days.reduce((total, day) => total + pick(day), 0)
  return {
    hasData: days.some((day) => day.hasData),
    daysWithData: days.filter((day) => day.hasData).length,
    shielded: sum((day) => day.shielded),
    interruptionsAvoided: sum((day) => day.interruptionsAvoided),
    notifications: sum((day) => day.notifications),
    breakthroughsByRule: byRule,
    ruleNames,
    focusHours: sum((day) => day.focusHours),
    // Overdue replies are a state, not a flow: the week ends with the last day's.
    repliesOverdue: days[days.length - 1]?.repliesOverdue ?? 0,
    sampleItems: sum((day) => day.sampleItems),
  }
}

/**
 * A rule's name for the breakthroughs it let through: the name the items
 * recorded when it fired, else the rule as it is now, else the rule the
 * defaults came with (items from before names were kept), and only then
 * "a rule since removed".
 */
export function ruleLabel(
  ruleId: string,
  recordedNames: Readonly<Record<string, string>>,
  rules: readonly UrgentRule[],
): string {
  const recorded = recordedNames[ruleId]
  if (recorded !== undefined) return recorded
  const rule =
    rules.find((candidate) => candidate.id === ruleId) ??
    defaultSettings.urgentRules.find((candidate) => candidate.id === ruleId)
  return rule ? describeRule(rule) : 'a rule since removed'
}
