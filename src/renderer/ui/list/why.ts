// Why a row deserves a look, as small chips: the urgent rule that let it
// break through, a reply someone waits for and when it is due, a mention or
// a review asked of the person. Pure, from the item, the rules and the clock.
import type { InboxItem, UrgentRule } from '../../../shared/model'
import { describeRule, replyState } from '../../../shared/policy'

export type Chip = {
  kind: 'urgent' | 'reply-waiting' | 'reply-due-soon' | 'reply-overdue' | 'asked'
  text: string
}

const hourMs = 60 * 60_000

/** "3 h", "40 min", "2 d": a span as a row has room for. */
export function shortSpan(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000))
  if (minutes < 60) return `${minutes} min`
  const hours = Math.round(ms / hourMs)
  if (hours < 48) return `${hours} h`
  return `${Math.round(hours / 24)} d`
}

/**
 * The urgent rule's name: the name stored on the item when it broke through
 * (the rule may have changed since), else the rule as it is now, else a
 * plain word that it was a rule since removed.
 */
export function urgentRuleName(item: InboxItem, rules: readonly UrgentRule[]): string | null {
  if (item.urgentRuleId === undefined) return null
  if (item.urgentRuleName) return item.urgentRuleName
  const rule = rules.find((candidate) => candidate.id === item.urgentRuleId)
  return rule ? describeRule(rule) : 'an urgent rule since removed'
}

/** How a reply someone waits for stands, in words: "needs reply · due in 20 h", "reply overdue". */
export function replyChip(item: InboxItem, now: number, windowHours: number): Chip | null {
  const state = replyState(item, now, windowHours)
  if (state === null) return null
  const dueAt = item.sentAt + windowHours * hourMs
  if (state === 'overdue') return { kind: 'reply-overdue', text: 'reply overdue' }
  if (state === 'due-soon') return { kind: 'reply-due-soon', text: `reply due in ${shortSpan(dueAt - now)}` }
  return { kind: 'reply-waiting', text: `needs reply · due in ${shortSpan(dueAt - now)}` }
}

const askedOf: Partial<Record<NonNullable<InboxItem['github']>['reason'], string>> = {
  mention: 'mentioned you',
  team_mention: 'mentioned your team',
  review_requested: 'review requested',
  assign: 'assigned to you',
  approval_requested: 'approval requested',
}

/** Every chip a row shows, most pressing first. */
export function chipsFor(
  item: InboxItem,
  context: { now: number; replyWindowHours: number; rules: readonly UrgentRule[] },
): Chip[] {
  const chips: Chip[] = []
  const rule = urgentRuleName(item, context.rules)
  if (rule !== null) chips.push({ kind: 'urgent', text: rule })
  const reply = replyChip(item, context.now, context.replyWindowHours)
  if (reply) chips.push(reply)
  const asked = item.github ? askedOf[item.github.reason] : undefined
  if (asked) chips.push({ kind: 'asked', text: asked })
  return chips
}
