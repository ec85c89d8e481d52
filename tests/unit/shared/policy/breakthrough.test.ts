import { describe, expect, it } from 'vitest'
import type { SourceItem, UrgentRule } from '../../../../src/shared/model'
import { planBreakthroughNotices } from '../../../../src/shared/policy/breakthrough'
import { makeItem } from './make-item'

const rule: UrgentRule = { id: 'rule-incidents', kind: 'slack-channel', channel: '#incidents' }
const now = 1_700_000_600_000
const cooldown = 5 * 60_000

const incident = (overrides: Partial<SourceItem> = {}) => ({
  item: makeItem({ container: '#incidents', author: { id: 'U1', name: 'Dana' }, ...overrides }),
  rule,
})

describe('planBreakthroughNotices', () => {
  it('notifies a single urgent item with its channel, author, text and the rule that let it through, opening the item', () => {
    const match = incident({ text: 'db is down' })
    const { notices } = planBreakthroughNotices([match], {}, now, cooldown)
    expect(notices).toEqual([
      {
        title: '#incidents · Dana',
        body: 'db is down — Broke through: Slack channel #incidents',
        itemIds: [match.item.id],
        cooldownKeys: [match.item.threadKey],
        ruleId: 'rule-incidents',
        target: { view: 'item', itemId: match.item.id },
      },
    ])
  })

  it('keeps a thread quiet while it notified within the cooldown', () => {
    const match = incident({ threadKey: 't1' })
    const { notices } = planBreakthroughNotices([match], { t1: now - cooldown + 1 }, now, cooldown)
    expect(notices).toEqual([])
  })

  it('notifies the thread again once the cooldown has passed', () => {
    const match = incident({ threadKey: 't1' })
    const { notices } = planBreakthroughNotices([match], { t1: now - cooldown }, now, cooldown)
    expect(notices).toHaveLength(1)
  })

  it('lets other threads notify while one thread is cooling down', () => {
    const quiet = incident({ threadKey: 't1' })
    const loud = incident({ threadKey: 't2', text: 'second incident' })
    const { notices } = planBreakthroughNotices([quiet, loud], { t1: now - 1000 }, now, cooldown)
    expect(notices.map((notice) => notice.itemIds)).toEqual([[loud.item.id]])
  })

  it('turns a burst in one channel into one notice that says how many, opening the inbox', () => {
    const burst = [1, 2, 3, 4, 5].map((n) =>
      incident({ threadKey: `t${n}`, sentAt: now - 10_000 + n, text: `update ${n}` }),
    )
    const { notices } = planBreakthroughNotices(burst, {}, now, cooldown)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({
      title: '5 new in #incidents',
      body: 'Dana: update 5 — Broke through: Slack channel #incidents',
      target: { view: 'inbox' },
      cooldownKeys: ['t1', 't2', 't3', 't4', 't5'],
    })
  })

  it('gives each channel its own notice', () => {
    const incidents = incident()
    const urgent = { item: makeItem({ container: '#urgent' }), rule }
    const { notices } = planBreakthroughNotices([incidents, urgent], {}, now, cooldown)
    expect(notices.map((notice) => notice.itemIds)).toEqual([[incidents.item.id], [urgent.item.id]])
  })

  it('records every notified thread at now, forgets threads past their cooldown, and leaves the input untouched', () => {
    const previous = Object.freeze({ old: now - 60 * 60_000, recent: now - 1000, future: now + 60_000 })
    const match = incident({ threadKey: 't1' })
    const plan = planBreakthroughNotices([match], previous, now, cooldown)
    expect(plan.lastNotifiedAt).toEqual({ recent: now - 1000, t1: now })
    expect(previous).toEqual({ old: now - 60 * 60_000, recent: now - 1000, future: now + 60_000 })
  })

  it('does not restart the cooldown of a thread that stayed quiet', () => {
    const plan = planBreakthroughNotices([incident({ threadKey: 't1' })], { t1: now - 1000 }, now, cooldown)
    expect(plan.lastNotifiedAt.t1).toBe(now - 1000)
  })

  it('does not trust a notice time in the future, as after the clock moved back', () => {
    const { notices } = planBreakthroughNotices(
      [incident({ threadKey: 't1' })],
      { t1: now + 3_600_000 },
      now,
      cooldown,
    )
    expect(notices).toHaveLength(1)
  })

  it('writes plain text and cuts long bodies to about 200 characters', () => {
    const match = incident({ text: `<b>bold</b> ${'x'.repeat(500)}` })
    const [notice] = planBreakthroughNotices([match], {}, now, cooldown).notices
    expect(notice?.body).not.toMatch(/[<>]/)
    expect(notice?.body.startsWith('bold x')).toBe(true)
    expect(Array.from(notice?.body ?? '').length).toBeLessThanOrEqual(200)
    // The text is cut, never the reason.
    expect(notice?.body.endsWith('… — Broke through: Slack channel #incidents')).toBe(true)
  })

  it("names the rule by the name the item recorded when it fired, not the rule's name now", () => {
    const match = {
      item: { ...makeItem({ container: '#incidents' }), urgentRuleName: 'Slack channel #fires' },
      rule,
    }
    const [notice] = planBreakthroughNotices([match], {}, now, cooldown).notices
    expect(notice?.body).toMatch(/Broke through: Slack channel #fires$/)
  })
})
