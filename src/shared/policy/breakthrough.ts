// The breakthrough limit: urgent items reach the user at once, but one thread
// notifies at most once per cooldown, and a burst in one channel is one
// notification that says how many. Items kept quiet here are still delivered;
// they just make no sound.
import type { SourceItem, UrgentRule, ViewTarget } from '../model'
import { noticeBody, noticeTitle } from './notice-text'

export type BreakthroughNotice = {
  title: string
  body: string
  itemIds: string[]
  threadKeys: string[]
  ruleId: string
  target: ViewTarget
}

export type UrgentMatch = { item: SourceItem; rule: UrgentRule }

export type BreakthroughPlan = {
  notices: BreakthroughNotice[]
  /** threadKey → when it last notified, epoch ms; the input plus this batch's threads. */
  lastNotifiedAt: Record<string, number>
}

export function planBreakthroughNotices(
  urgent: readonly UrgentMatch[],
  lastNotifiedAt: Readonly<Record<string, number>>,
  now: number,
  cooldownMs: number,
): BreakthroughPlan {
  const audible = uniqueById(urgent)
    .filter(({ item }) => !isCoolingDown(lastNotifiedAt[item.threadKey], now, cooldownMs))
    .sort((a, b) => a.item.sentAt - b.item.sentAt || a.item.id.localeCompare(b.item.id))

  const groups = new Map<string, UrgentMatch[]>()
  for (const match of audible) {
    const key = `${match.item.source}\u0000${match.item.container}`
    const group = groups.get(key)
    if (group) group.push(match)
    else groups.set(key, [match])
  }

  const notices = Array.from(groups.values(), noticeFor)
  const next: Record<string, number> = { ...lastNotifiedAt }
  for (const notice of notices) for (const threadKey of notice.threadKeys) next[threadKey] = now
  return { notices, lastNotifiedAt: next }
}

/**
 * A thread is quiet while its last notice is younger than the cooldown. A
 * notice stamped in the future means the clock moved back; that stamp is not
 * trusted, or one clock change could silence a thread for hours.
 */
function isCoolingDown(lastAt: number | undefined, now: number, cooldownMs: number): boolean {
  if (lastAt === undefined) return false
  const elapsed = now - lastAt
  return elapsed >= 0 && elapsed < cooldownMs
}

function uniqueById(urgent: readonly UrgentMatch[]): UrgentMatch[] {
  const seen = new Set<string>()
  return urgent.filter(({ item }) => {
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
  const threadKeys = [...new Set(group.map(({ item }) => item.threadKey))]
  const where = latest.item.container || latest.item.source
  if (group.length === 1) {
    return {
      title: noticeTitle(`${where} · ${latest.item.author.name}`),
      body: noticeBody(summary(latest.item)),
      itemIds,
      threadKeys,
      ruleId: latest.rule.id,
      target: { view: 'item', itemId: latest.item.id },
    }
  }
  return {
    title: noticeTitle(`${group.length} new in ${where}`),
    body: noticeBody(`${latest.item.author.name}: ${summary(latest.item)}`),
    itemIds,
    threadKeys,
    ruleId: latest.rule.id,
    target: { view: 'inbox' },
  }
}
