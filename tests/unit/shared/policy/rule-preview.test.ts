import { describe, expect, it } from 'vitest'
import { defaultSettings, type UrgentRule } from '../../../../src/shared/model'
import { previewRule } from '../../../../src/shared/policy/rule-preview'
import { makeItem } from './make-item'

const now = Date.parse('2026-11-24T12:00:00Z')
const minute = 60_000
const settings = { ...defaultSettings, breakthroughCooldownMinutes: 5 }
const options = { zone: 'Europe/London', now, pollMs: 30_000 }
const stored = (minutesAgo: number, extra: Parameters<typeof makeItem>[0] = {}) => ({
  ...makeItem(extra),
  receivedAt: now - minutesAgo * minute,
})

describe('a rule preview', () => {
  const incidents: UrgentRule = { id: 'r', kind: 'slack-channel', channel: '#incidents' }

  it('lists what the rule would have let through, newest first, out of the last week only', () => {
    const items = [
      stored(60, { container: '#incidents', threadKey: 'a' }),
      stored(30, { container: '#incidents', threadKey: 'b' }),
      stored(20, { container: '#general' }),
      stored(8 * 24 * 60, { container: '#incidents' }),
    ]
    const preview = previewRule(incidents, items, settings, options)
    expect(preview.matched.map((item) => item.id)).toEqual([items[1]!.id, items[0]!.id])
    expect(preview.considered).toBe(3)
    expect(preview.notifications).toBe(2)
  })

  it('counts one notification for a thread that bursts within the cooldown', () => {
    const items = [0, 1, 2, 3].map((index) =>
      stored(40 - index, { container: '#incidents', threadKey: 'same' }),
    )
    const preview = previewRule(incidents, items, settings, options)
    expect(preview.matched).toHaveLength(4)
    expect(preview.notifications).toBe(1)
  })

  it('counts one notification for a conversation that reaches the rule through several threads within the cooldown', () => {
    const pr = 'github:github.com/acme/api#7'
    const threads = [
      { ...stored(10, { container: '#incidents', threadKey: 'post' }), conversationKey: pr },
      { ...stored(9, { container: '#incidents', threadKey: 'follow-up' }), conversationKey: pr },
    ]
    expect(previewRule(incidents, threads, settings, options).notifications).toBe(1)
    const unkeyed = threads.map(({ conversationKey: _none, ...item }) => item)
    expect(previewRule(incidents, unkeyed, settings, options).notifications).toBe(2)
  })

  it('costs nothing for a rule that matches nothing', () => {
    const preview = previewRule(
      { id: 'k', kind: 'slack-keyword', keyword: 'outage' },
      [stored(10, { text: 'all good' })],
      settings,
      options,
    )
    expect(preview).toMatchObject({ matched: [], notifications: 0, considered: 1 })
  })
})

describe('a rule preview with the calendar', () => {
  const away = [{ start: now - 3 * 60 * minute, end: now - 60 * minute, kind: 'away' as const, title: 'OOO' }]
  const items = [
    stored(120, { container: '#incidents', threadKey: 'a' }),
    stored(30, { container: '#incidents', threadKey: 'b' }),
  ]

  it('holds what a rule would have let through while the person was away', () => {
    const rule: UrgentRule = { id: 'r', kind: 'slack-channel', channel: '#incidents' }
    expect(previewRule(rule, items, settings, { ...options, calendar: away }).notifications).toBe(1)
  })

  it('still lets a rule marked even on leave through', () => {
    const rule: UrgentRule = { id: 'r', kind: 'slack-channel', channel: '#incidents', evenOnLeave: true }
    expect(previewRule(rule, items, settings, { ...options, calendar: away }).notifications).toBe(2)
  })
})
