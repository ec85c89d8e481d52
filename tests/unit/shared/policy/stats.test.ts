import { describe, expect, it } from 'vitest'
import { type DeepWorkBlock, type Digest, defaultSettings } from '../../../../src/shared/model'
import { ruleLabel, statsByDay, sumDays } from '../../../../src/shared/policy/stats'
import { makeInboxItem } from './make-item'

const zone = 'Europe/London'
const at = (iso: string) => Date.parse(iso)
const blocks: DeepWorkBlock[] = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '11:00' }]
const now = at('2026-11-24T18:00:00Z') // a Tuesday
/** Lull running since Monday 08:00, without a break. */
const allAlong = [{ start: at('2026-11-23T08:00:00Z'), end: now }]

function item(iso: string, extra: Parameters<typeof makeInboxItem>[0] = {}) {
  return makeInboxItem({ receivedAt: at(iso), sentAt: at(iso), status: 'delivered', ...extra })
}

describe('stats by day', () => {
  const items = [
    item('2026-11-24T09:10:00Z', { threadKey: 'a' }),
    item('2026-11-24T09:20:00Z', { threadKey: 'a' }),
    item('2026-11-24T10:00:00Z', { threadKey: 'b', accountId: 'sample' }),
    item('2026-11-24T14:00:00Z', { threadKey: 'c' }),
    item('2026-11-24T09:30:00Z', {
      threadKey: 'd',
      urgentRuleId: 'rule-incidents',
      urgentRuleName: 'Slack channel #incidents',
    }),
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
  const days = statsByDay({
    items,
    digests,
    sessions: [],
    blocks,
    running: allAlong,
    zone,
    now,
    days: 2,
    replyWindowHours: 24,
    isSample: (row) => row.accountId === 'sample',
  })

  it('counts what deep work held back and the conversations it kept from interrupting', () => {
    const today = days[1]!
    expect(today.dayStart).toBe(at('2026-11-24T00:00:00Z'))
    expect(today.shielded).toBe(3)
    expect(today.interruptionsAvoided).toBe(2)
    expect(today.sampleItems).toBe(1)
  })

  it('counts one conversation through several sources once, and a rule only for the members it matched', () => {
    const pr = 'github:github.com/acme/api#7'
    const [day] = statsByDay({
      items: [
        item('2026-11-24T09:10:00Z', { threadKey: 'n', source: 'github', conversationKey: pr }),
        item('2026-11-24T09:11:00Z', {
          threadKey: 'm',
          source: 'email',
          accountId: 'mail',
          conversationKey: pr,
        }),
        item('2026-11-24T09:12:00Z', { threadKey: 's', conversationKey: pr }),
        item('2026-11-24T14:00:00Z', {
          threadKey: 'u',
          conversationKey: 'github:github.com/acme/api#8',
          urgentRuleId: 'r',
        }),
        item('2026-11-24T14:01:00Z', {
          threadKey: 'v',
          source: 'email',
          conversationKey: 'github:github.com/acme/api#8',
          urgentRuleId: 'r',
          isUrgentByConversation: true,
        }),
      ],
      digests: [],
      sessions: [],
      blocks,
      running: allAlong,
      zone,
      now,
      days: 1,
      replyWindowHours: 24,
    })
    expect(day!.shielded).toBe(3)
    expect(day!.interruptionsAvoided).toBe(1)
    expect(day!.notifications).toBe(1)
    expect(day!.breakthroughsByRule).toEqual({ r: 1 })
  })

  it('counts notifications shown (check-ins with items, breakthrough threads) and breakthroughs by rule, with its name', () => {
    const today = days[1]!
    expect(today.notifications).toBe(2)
    expect(today.breakthroughsByRule).toEqual({ 'rule-incidents': 1 })
    expect(today.ruleNames).toEqual({ 'rule-incidents': 'Slack channel #incidents' })
  })

  it('adds the hours of deep-work blocks Lull ran through and says which replies waited past the window', () => {
    expect(days[1]!.focusHours).toBe(2)
    expect(days[0]!.repliesOverdue).toBe(0)
    expect(days[1]!.repliesOverdue).toBe(1)
  })

  it('sums a week, keeping the overdue replies of its last day', () => {
    const week = sumDays(days)
    expect(week.shielded).toBe(days[0]!.shielded + 3)
    expect(week.focusHours).toBe(4)
    expect(week.repliesOverdue).toBe(1)
    expect(week.daysWithData).toBe(2)
  })
})

describe('focus hours', () => {
  const base = { items: [], digests: [], blocks, zone, now, days: 3, replyWindowHours: 24 }

  it('count nothing before Lull first ran: a fresh install has no hours and no past days', () => {
    const installed = at('2026-11-24T10:55:00Z')
    const days = statsByDay({ ...base, sessions: [], running: [{ start: installed, end: installed }] })
    // Sunday and Monday were before Lull existed: no data, not zeros.
    expect(days.map((day) => day.hasData)).toEqual([false, false, true])
    expect(days[0]!.focusHours).toBe(0)
    expect(days[1]!.focusHours).toBe(0)
    // The last span reaches now only while Lull is still running (the last wake was minutes ago).
    expect(days[2]!.focusHours).toBe(0)
  })

  it('count only the part of a block Lull was running for', () => {
    const days = statsByDay({
      ...base,
      sessions: [],
      running: [
        { start: at('2026-11-24T09:30:00Z'), end: at('2026-11-24T10:00:00Z') },
        { start: at('2026-11-24T10:30:00Z'), end: at('2026-11-24T17:59:00Z') },
      ],
    })
    expect(days[2]!.focusHours).toBe(1)
  })

  it('count a session, with a block it overlaps once, and a running session only up to now', () => {
    const days = statsByDay({
      ...base,
      sessions: [
        {
          id: 's1',
          startedAt: at('2026-11-24T10:30:00Z'),
          length: { kind: 'until-stopped' },
          endsAt: null,
          endedAt: at('2026-11-24T12:00:00Z'),
        },
        { id: 's2', startedAt: at('2026-11-24T17:00:00Z'), length: { kind: 'until-stopped' }, endsAt: null },
      ],
      running: allAlong,
    })
    expect(days[2]!.focusHours).toBe(3 + 1)
  })
})

describe('a rule label', () => {
  it('is the name recorded when the rule fired, even after it was renamed or removed', () => {
    expect(ruleLabel('r1', { r1: 'Slack channel #fires' }, [])).toBe('Slack channel #fires')
  })

  it("falls back to the rule as it is now, then to the defaults' rule, then says it was removed", () => {
    const rules = [{ id: 'r2', kind: 'slack-channel' as const, channel: '#ops' }]
    expect(ruleLabel('r2', {}, rules)).toBe('Slack channel #ops')
    const first = defaultSettings.urgentRules[0]!
    expect(ruleLabel(first.id, {}, rules)).toBe('Slack channel #incidents')
    expect(ruleLabel('gone', {}, rules)).toBe('a rule since removed')
  })
})
