import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import { describeWhy, type WhyFacts } from '../../../../src/renderer/features/inbox/item-why'
import { storedItem } from '../db/fixtures'

const zone = 'UTC'
const at = (time: string) => Temporal.Instant.from(`2026-11-23T${time}:00Z`).epochMilliseconds
const facts: WhyFacts = {
  now: at('14:00'),
  zone,
  rules: [{ id: 'rule-incidents', kind: 'slack-channel', channel: '#incidents' }],
  replyWindowHours: 24,
  deliveredByCheckInAt: null,
  nextCheckInAt: at('16:30'),
  snoozeReturnsAt: null,
}

describe('why an item is here', () => {
  it('says since when a held item waits and which check-in delivers it', () => {
    const held = storedItem(1, { status: 'held', receivedAt: at('10:02') })
    expect(describeWhy(held, facts)).toEqual([
      { label: 'Held', text: 'since 10:02; it is delivered at your next check-in, 16:30' },
    ])
    expect(describeWhy(held, { ...facts, nextCheckInAt: null })[0]?.text).toMatch(/when you next check in$/)
  })

  it('names the check-in that delivered it, and the rule that let a breakthrough through', () => {
    const delivered = storedItem(2, { status: 'delivered', receivedAt: at('10:02'), digestId: 'd1' })
    expect(describeWhy(delivered, { ...facts, deliveredByCheckInAt: at('13:00') })).toEqual([
      { label: 'Delivered', text: 'by the check-in at 13:00, held from 10:02' },
    ])
    const urgent = storedItem(3, {
      status: 'delivered',
      receivedAt: at('11:15'),
      urgentRuleId: 'rule-incidents',
    })
    expect(describeWhy(urgent, facts)).toEqual([
      { label: 'Broke through', text: 'at 11:15, by the urgent rule “Slack channel #incidents”' },
    ])
  })

  it('says when a snoozed item comes back, and how its reply window stands', () => {
    const snoozed = storedItem(4, {
      status: 'snoozed',
      receivedAt: at('09:00'),
      snoozedUntil: at('16:00'),
      needsReply: true,
      sentAt: at('09:00'),
    })
    const lines = describeWhy(snoozed, { ...facts, snoozeReturnsAt: at('16:30') })
    expect(lines.map((line) => line.label)).toEqual(['Snoozed', 'Reply window'])
    expect(lines[0]?.text).toBe('it comes back at the check-in at 16:30')
    expect(lines[1]?.text).toMatch(/^needs reply · due in 19 h/)
  })
})
