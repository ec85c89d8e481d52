import { describe, expect, it } from 'vitest'
import type { DeepWorkBlock, Digest } from '../../../../src/shared/model'
import { refocusMinutesPerInterruption, statsByDay, sumDays } from '../../../../src/shared/policy/stats'
import { makeInboxItem } from './make-item'

const zone = 'Europe/London'
const at = (iso: string) => Date.parse(iso)
const blocks: DeepWorkBlock[] = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '11:00' }]
const now = at('2026-11-24T18:00:00Z') // a Tuesday

function item(iso: string, extra: Parameters<typeof makeInboxItem>[0] = {}) {
  return makeInboxItem({ receivedAt: at(iso), sentAt: at(iso), status: 'delivered', ...extra })
}

describe('stats by day', () => {
  const items = [
    item('2026-11-24T09:10:00Z', { threadKey: 'a' }),
    item('2026-11-24T09:20:00Z', { threadKey: 'a' }),
    item('2026-11-24T10:00:00Z', { threadKey: 'b' }),
    item('2026-11-24T14:00:00Z', { threadKey: 'c' }),
    item('2026-11-24T09:30:00Z', { threadKey: 'd', urgentRuleId: 'rule-incidents' }),
    item('2026-11-23T09:30:00Z', { threadKey: 'e', needsReply: true }),
  ]
  const digests: Digest[] = [
    {
      id: 'd1',
      at: at('2026-11-24T11:00:00Z'),
      reason: 'scheduled',
      itemIds: ['x'],
      counts: { slack: 1, github: 0, email: 0 },
    },
    {
      id: 'd2',
      at: at('2026-11-24T13:00:00Z'),
      reason: 'scheduled',
      itemIds: [],
      counts: { slack: 0, github: 0, email: 0 },
    },
  ]
  const days = statsByDay({ items, digests, sessions: [], blocks, zone, now, days: 2, replyWindowHours: 24 })

  it('counts what deep work held back, and the refocus time that is estimated to save', () => {
    const today = days[1]!
    expect(today.dayStart).toBe(at('2026-11-24T00:00:00Z'))
    expect(today.shielded).toBe(3)
    // Two threads interrupted nothing: two interruptions avoided.
    expect(today.refocusMinutesSaved).toBe(2 * refocusMinutesPerInterruption)
  })

  it('counts notifications shown (check-ins with items, breakthrough threads) and breakthroughs by rule', () => {
    const today = days[1]!
    expect(today.notifications).toBe(2)
    expect(today.breakthroughsByRule).toEqual({ 'rule-incidents': 1 })
  })

  it('adds the hours of deep-work blocks and says which replies waited past the window', () => {
    expect(days[1]!.focusHours).toBe(2)
    expect(days[0]!.repliesOverdue).toBe(0)
    expect(days[1]!.repliesOverdue).toBe(1)
  })

  it('sums a week, keeping the overdue replies of its last day', () => {
    const week = sumDays(days)
    expect(week.shielded).toBe(days[0]!.shielded + 3)
    expect(week.focusHours).toBe(4)
    expect(week.repliesOverdue).toBe(1)
  })
})
