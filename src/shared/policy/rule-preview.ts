// What an urgent rule would have done over the last days of stored items:
// which items it would have let through at once, and how many
// notifications that would have cost once the breakthrough cooldown groups
// them. The replay is the policy's own `simulate`, so the preview and the
// engine cannot disagree about what a rule does.
import type { Settings, SourceItem, UrgentRule } from '../model'
import type { CalendarInterval } from './calendar'
import { simulate } from './simulate'
import { matchesRule } from './urgency'

export const previewDays = 7
const dayMs = 24 * 60 * 60_000

export type RulePreview = {
  /** The items the rule matches, newest first. */
  matched: SourceItem[]
  /** Breakthrough notifications the rule would have shown. */
  notifications: number
  /** Items looked at: the stored items of the last `previewDays` days. */
  considered: number
}

/**
 * Replays `items` (each with the time Lull stored it) over the last
 * `previewDays` days as if `rule` were the only urgent rule; `pollMs` is
 * how soon an urgent item is seen.
 */
export function previewRule(
  rule: UrgentRule,
  items: ReadonlyArray<SourceItem & { receivedAt: number; conversationKey?: string | undefined }>,
  settings: Settings,
  options: { zone: string; now: number; pollMs: number; calendar?: readonly CalendarInterval[] },
): RulePreview {
  const from = options.now - previewDays * dayMs
  const recent = items.filter((item) => item.receivedAt >= from && item.receivedAt <= options.now)
  const matched = recent.filter((item) => matchesRule(rule, item))
  const arrivals = matched.map((item) => ({
    id: item.id,
    at: item.receivedAt,
    threadKey: item.threadKey,
    // The preview counts sounds as the engine makes them: once per conversation within the cooldown.
    ...(item.conversationKey === undefined ? {} : { conversationKey: item.conversationKey }),
    container: item.container,
    source: item.source,
    isUrgent: true,
  }))
  // With the calendar, a rule not marked even on leave is held while the person was away.
  const events = simulate({ ...settings, urgentRules: [rule] }, arrivals, from, options.now, {
    zone: options.zone,
    pollMs: options.pollMs,
    isUrgent: () => rule.id,
    ...(options.calendar ? { calendar: options.calendar } : {}),
  })
  return {
    matched: [...matched].sort((a, b) => b.receivedAt - a.receivedAt),
    notifications: events.filter((event) => event.notificationKind === 'breakthrough').length,
    considered: recent.length,
  }
}
