// Why an item is where it is, in plain words for the item view: the urgent
// rule that let it through, since when it has been held, which check-in
// delivered it or will deliver it, when a snoozed one comes back, and how
// its reply window stands. Pure: the view reads the facts, this words them.
import type { InboxItem, UrgentRule } from '../../../shared/model'
import { formatWhen } from '../../ui/format'
import { replyChip, urgentRuleName } from '../../ui/list/why'

export type WhyFacts = {
  now: number
  zone: string
  rules: readonly UrgentRule[]
  replyWindowHours: number
  /** When the check-in that delivered the item ran, if one did. */
  deliveredByCheckInAt: number | null
  /** The next check-in; null when none is scheduled (or focus runs until stopped). */
  nextCheckInAt: number | null
  /** The check-in that brings a snoozed item back. */
  snoozeReturnsAt: number | null
}

export type WhyLine = { label: string; text: string }

export function describeWhy(item: InboxItem, facts: WhyFacts): WhyLine[] {
  const when = (at: number) => formatWhen(at, facts.zone, facts.now)
  const lines: WhyLine[] = []
  const rule = urgentRuleName(item, facts.rules)
  if (rule !== null) {
    lines.push({ label: 'Broke through', text: `at ${when(item.receivedAt)}, by the urgent rule “${rule}”` })
  }
  const nextCheckIn =
    facts.nextCheckInAt === null
      ? 'when you next check in'
      : `at your next check-in, ${when(facts.nextCheckInAt)}`
  switch (item.status) {
    case 'held':
      lines.push({ label: 'Held', text: `since ${when(item.receivedAt)}; it is delivered ${nextCheckIn}` })
      break
    case 'delivered':
      if (facts.deliveredByCheckInAt !== null) {
        lines.push({
          label: 'Delivered',
          text: `by the check-in at ${when(facts.deliveredByCheckInAt)}, held from ${when(item.receivedAt)}`,
        })
      } else if (rule === null) {
        lines.push({ label: 'Delivered', text: `at ${when(item.deliveredAt ?? item.receivedAt)}` })
      }
      break
    case 'snoozed':
      lines.push({
        label: 'Snoozed',
        text:
          facts.snoozeReturnsAt === null
            ? 'it comes back when you next check in'
            : `it comes back at the check-in at ${when(facts.snoozeReturnsAt)}`,
      })
      break
    case 'done':
      lines.push({
        label: 'Done',
        text: item.deliveredAt ? `delivered ${when(item.deliveredAt)}, now done` : 'done',
      })
      break
  }
  const reply = replyChip(item, facts.now, facts.replyWindowHours)
  if (reply) {
    lines.push({
      label: 'Reply window',
      text: `${reply.text} (someone waits on you; your reply window is ${facts.replyWindowHours} h)`,
    })
  }
  return lines
}
