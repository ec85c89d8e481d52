import { describe, expect, it } from 'vitest'
import { chipsFor, replyChip, shortSpan, urgentRuleName } from '../../../../src/renderer/ui/list/why'
import type { UrgentRule } from '../../../../src/shared/model'
import { storedItem } from '../db/fixtures'

const hour = 60 * 60_000
const now = 1_700_000_000_000 + 100 * hour
const rules: UrgentRule[] = [{ id: 'rule-incidents', kind: 'slack-channel', channel: '#incidents' }]

describe('why a row matters', () => {
  it('names the urgent rule: as stored on the item, else as it is now, else as removed', () => {
    const urgent = storedItem(1, { status: 'delivered', receivedAt: now, urgentRuleId: 'rule-incidents' })
    expect(urgentRuleName(urgent, rules)).toBe('Slack channel #incidents')
    expect(urgentRuleName({ ...urgent, urgentRuleName: 'Incidents channel' }, rules)).toBe(
      'Incidents channel',
    )
    expect(urgentRuleName({ ...urgent, urgentRuleId: 'gone' }, rules)).toBe('an urgent rule since removed')
    expect(urgentRuleName({ ...urgent, urgentRuleId: undefined }, rules)).toBeNull()
  })

  it('says how long is left to reply, and when it is overdue', () => {
    const asked = (hoursAgo: number) =>
      storedItem(2, { status: 'delivered', receivedAt: now, needsReply: true, sentAt: now - hoursAgo * hour })
    expect(replyChip(asked(4), now, 24)).toEqual({ kind: 'reply-waiting', text: 'needs reply · due in 20 h' })
    expect(replyChip(asked(21), now, 24)).toEqual({ kind: 'reply-due-soon', text: 'reply due in 3 h' })
    expect(replyChip(asked(30), now, 24)).toEqual({ kind: 'reply-overdue', text: 'reply overdue' })
    expect(replyChip({ ...asked(4), needsReply: false }, now, 24)).toBeNull()
    expect(replyChip({ ...asked(4), status: 'done' }, now, 24)).toBeNull()
  })

  it('puts the rule first, then the reply, then what was asked of the person', () => {
    const item = storedItem(3, {
      status: 'delivered',
      receivedAt: now,
      needsReply: true,
      sentAt: now - hour,
      urgentRuleId: 'rule-incidents',
      source: 'github',
      github: { reason: 'review_requested', subjectType: 'PullRequest' },
    })
    expect(chipsFor(item, { now, replyWindowHours: 24, rules }).map((chip) => chip.kind)).toEqual([
      'urgent',
      'reply-waiting',
      'asked',
    ])
    expect(shortSpan(40 * 60_000)).toBe('40 min')
    expect(shortSpan(72 * hour)).toBe('3 d')
  })
})
