// The breakthrough limit: urgent items reach the user at once, but one
// conversation notifies at most once per cooldown (a pull request that comes
// through GitHub, its mail and Slack makes one sound), and a burst in one
// channel is one notification that says how many. Items kept quiet here are still delivered;
// they just make no sound.
import type { SourceItem, UrgentRule, ViewTarget } from '../model'
import { breakthroughWhy, noticeBodyWithReason, noticeTitle } from './notice-text'
import { describeRule } from './urgency'

export type BreakthroughNotice = {
  title: string
  body: string
  itemIds: string[]
  /** The conversations (see `cooldownKeyOf`) this notice speaks for: each now cools down. */
  cooldownKeys: string[]
  ruleId: string
  target: ViewTarget
}

/** An urgent item and the rule it matched; the item's recorded rule name wins over the rule's name now. */
export type UrgentMatch = { item: SourceItem & { urgentRuleName?: string }; rule: UrgentRule }

export type BreakthroughPlan = {
  notices: BreakthroughNotice[]
  /** Cooldown key → when it last notified, epoch ms: the conversations still cooling down, with this batch's. */
  lastNotifiedAt: Record<string, number>
}

/** What the breakthrough limit needs to know of an urgent item. */
export type BreakthroughCandidate = {
  id: string
  threadKey: string
  /** The conversation across sources (shared/conversation.ts), when the item has one. */
  conversationKey?: string | undefined
  sentAt: number
  source: string
  container: string
}

/**
 * What the cooldown counts by: the conversation when the item has one, so a
 * pull request that broke through on GitHub stays quiet when its mail or a
 * Slack post about it follows; else the thread.
 */
export function cooldownKeyOf(item: Pick<BreakthroughCandidate, 'threadKey' | 'conversationKey'>): string {
  return item.conversationKey ?? item.threadKey
}

/**
 * The decision itself, shared by the engine and simulate(): which urgent
 * items make a sound now, grouped one notice per channel (or repository),
 * and when each conversation last notified afterwards. Of one conversation
 * arriving through several places at once, only the place it reached first
 * makes a sound; the others are delivered quietly.
 */
export function planBreakthroughs<T extends BreakthroughCandidate>(
  urgent: readonly T[],
  lastNotifiedAt: Readonly<Record<string, number>>,
  now: number,
  cooldownMs: number,
): { groups: T[][]; lastNotifiedAt: Record<string, number> } {
  const placeOf = (item: T) => `${item.source}\u0000${item.container}`
  const firstPlace = new Map<string, string>()
  const audible = uniqueById(urgent)
    .filter((item) => !isCoolingDown(lastNotifiedAt[cooldownKeyOf(item)], now, cooldownMs))
    .sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id))
    .filter((item) => {
      const key = cooldownKeyOf(item)
      const first = firstPlace.get(key)
      if (first === undefined) firstPlace.set(key, placeOf(item))
      return first === undefined || first === placeOf(item)
    })

  const byPlace = new Map<string, T[]>()
  for (const item of audible) {
    const key = placeOf(item)
    const group = byPlace.get(key)
    if (group) group.push(item)
    else byPlace.set(key, [item])
  }

  const groups = [...byPlace.values()]
  // Keep only the conversations still cooling down: older stamps no longer
  // matter, and the record stays as small as the last few minutes' conversations.
  const next: Record<string, number> = {}
  for (const [key, at] of Object.entries(lastNotifiedAt)) {
    if (isCoolingDown(at, now, cooldownMs)) next[key] = at
  }
  for (const group of groups) for (const item of group) next[cooldownKeyOf(item)] = now
  return { groups, lastNotifiedAt: next }
}

/** The engine's notices: the plan above, with the words each notification says. */
export function planBreakthroughNotices(
  urgent: readonly UrgentMatch[],
  lastNotifiedAt: Readonly<Record<string, number>>,
  now: number,
  cooldownMs: number,
): BreakthroughPlan {
  const ruleOf = new Map<string, UrgentRule>()
  for (const { item, rule } of urgent) if (!ruleOf.has(item.id)) ruleOf.set(item.id, rule)
  const plan = planBreakthroughs(
    urgent.map(({ item }) => item),
    lastNotifiedAt,
    now,
    cooldownMs,
  )
  const notices = plan.groups.map((group) =>
    noticeFor(group.map((item) => ({ item, rule: ruleOf.get(item.id)! }))),
  )
  return { notices, lastNotifiedAt: plan.lastNotifiedAt }
}

/**
 * A conversation is quiet while its last notice is younger than the cooldown. A
 * notice stamped in the future means the clock moved back; that stamp is not
 * trusted, or one clock change could silence a conversation for hours.
 */
function isCoolingDown(lastAt: number | undefined, now: number, cooldownMs: number): boolean {
  if (lastAt === undefined) return false
  const elapsed = now - lastAt
  return elapsed >= 0 && elapsed < cooldownMs
}

function uniqueById<T extends { id: string }>(urgent: readonly T[]): T[] {
  const seen = new Set<string>()
  return urgent.filter((item) => {
    if (seen.has(item.id)) return false
    seen.add(item.id)
    return true
  })
}

/** What a notification says about one item: a Slack message's text, a PR's or mail's title. */
function summary(item: SourceItem): string {
  if (item.source === 'slack') return item.text || item.title
  return item.title || item.text
}

/** `group` is non-empty and oldest first. */
function noticeFor(group: UrgentMatch[]): BreakthroughNotice {
  const latest = group[group.length - 1]!
  const itemIds = group.map(({ item }) => item.id)
  const cooldownKeys = [...new Set(group.map(({ item }) => cooldownKeyOf(item)))]
  const where = latest.item.container || latest.item.source
  const why = breakthroughWhy(latest.item.urgentRuleName ?? describeRule(latest.rule))
  if (group.length === 1) {
    return {
      title: noticeTitle(`${where} · ${latest.item.author.name}`),
      body: noticeBodyWithReason(summary(latest.item), why),
      itemIds,
      cooldownKeys,
      ruleId: latest.rule.id,
      target: { view: 'item', itemId: latest.item.id },
    }
  }
  return {
    title: noticeTitle(`${group.length} new in ${where}`),
    body: noticeBodyWithReason(`${latest.item.author.name}: ${summary(latest.item)}`, why),
    itemIds,
    cooldownKeys,
    ruleId: latest.rule.id,
    target: { view: 'inbox' },
  }
}
