// The reply to DMs held during deep work: who gets it (once, only where it
// helps) and what it says, decided purely; the preview replays the same decision.
import { describe, expect, it } from 'vitest'
import { type DmReplySettings, defaultDmReply, defaultSettings } from '../../../../src/shared/model'
import {
  decideReply,
  fillReplyTemplate,
  type ReplyCandidate,
  type ReplyContext,
  simulate,
} from '../../../../src/shared/policy'

const zone = 'Europe/London'
/** Monday 23 November 2026; London is on UTC then. */
const at = (time: string) => Date.parse(`2026-11-23T${time}:00Z`)
const on: DmReplySettings = { ...defaultDmReply, isOn: true }

function dm(id: string, author: string, time: string, change: Partial<ReplyCandidate> = {}): ReplyCandidate {
  return {
    id,
    accountId: 'slack-1',
    source: 'slack',
    author: { id: author, name: author },
    sentAt: at(time),
    status: 'held',
    slack: { conversationKind: 'im', channel: `D-${author}` },
    ...change,
  }
}

function context(change: Partial<ReplyContext> = {}): ReplyContext {
  return {
    settings: defaultSettings,
    reply: on,
    sessions: [],
    zone,
    at: at('09:42'),
    dms: [],
    earlier: [],
    ...change,
  }
}

describe('the reply to a DM held during deep work', () => {
  it('names the check-in the DM will be delivered at and the urgent channel, and nothing of the message', () => {
    const decision = decideReply(dm('a', 'U1', '09:41'), context())
    expect(decision).toEqual({
      kind: 'reply',
      text: "I'm heads-down until 11:30 and will read this at my 11:30 check-in. If it can't wait, post in #incidents.",
      checkInAt: at('11:30'),
      stretchStart: at('09:00'),
    })
  })

  it('answers during a focus event from the calendar, naming the check-in a meeting moved', () => {
    // 14:00–15:00 a focus event; 16:00–17:00 a meeting over the 16:30 check-in.
    const calendar = [
      { start: at('14:00'), end: at('15:00'), kind: 'focus' as const, title: 'Focus time' },
      { start: at('16:00'), end: at('17:00'), kind: 'meeting' as const, title: 'Planning' },
    ]
    const inFocus = context({ at: at('14:20'), calendar })
    expect(decideReply(dm('a', 'U1', '14:10'), inFocus)).toEqual({
      kind: 'reply',
      text: "I'm heads-down until 15:00 and will read this at my 17:00 check-in. If it can't wait, post in #incidents.",
      checkInAt: at('17:00'),
      stretchStart: at('14:00'),
    })
    // Without the calendar, 14:20 is not deep work; in a meeting it is not either.
    expect(decideReply(dm('a', 'U1', '14:10'), context({ at: at('14:20') }))).toEqual({
      kind: 'skip',
      reason: 'not-deep',
    })
    expect(decideReply(dm('b', 'U2', '16:10'), context({ at: at('16:20'), calendar }))).toEqual({
      kind: 'skip',
      reason: 'not-deep',
    })
  })

  it('is off unless the person turned it on', () => {
    expect(decideReply(dm('a', 'U1', '09:41'), context({ reply: defaultDmReply }))).toEqual({
      kind: 'skip',
      reason: 'off',
    })
  })

  it('answers nobody outside deep work, and no DM sent before it began', () => {
    expect(decideReply(dm('a', 'U1', '12:00'), context({ at: at('12:01') }))).toMatchObject({
      reason: 'not-deep',
    })
    expect(decideReply(dm('a', 'U1', '08:50'), context())).toMatchObject({ reason: 'before-deep-work' })
  })

  it('answers during a focus session outside the blocks', () => {
    const session = {
      id: 's',
      startedAt: at('14:00'),
      length: { kind: 'minutes' as const, minutes: 50 },
      endsAt: at('14:50'),
    }
    const decision = decideReply(dm('a', 'U1', '14:10'), context({ at: at('14:11'), sessions: [session] }))
    expect(decision).toMatchObject({ kind: 'reply', checkInAt: at('16:30') })
    expect(decision.kind === 'reply' && decision.text).toContain('until 14:50')
  })

  it('answers no bot, Slackbot, channel, message that broke through, or group DM unless chosen', () => {
    expect(decideReply(dm('a', 'USLACKBOT', '09:41'), context())).toMatchObject({ reason: 'bot' })
    expect(decideReply(dm('a', 'B0BOT', '09:41'), context())).toMatchObject({ reason: 'bot' })
    const channel = dm('a', 'U1', '09:41', { slack: { conversationKind: 'channel', channel: 'C1' } })
    expect(decideReply(channel, context())).toMatchObject({ reason: 'not-direct' })
    const urgent = dm('a', 'U1', '09:41', { status: 'delivered', urgentRuleId: 'rule-incidents' })
    expect(decideReply(urgent, context())).toMatchObject({ reason: 'broke-through' })
    const group = dm('a', 'U1', '09:41', { slack: { conversationKind: 'mpim', channel: 'G1' } })
    expect(decideReply(group, context())).toMatchObject({ reason: 'group-dm' })
    expect(decideReply(group, context({ reply: { ...on, isGroupDmOn: true } }))).toMatchObject({
      kind: 'reply',
    })
  })

  it('leaves alone someone who wrote in the minutes before deep work began', () => {
    const before = dm('early', 'U1', '08:50', { status: 'delivered' })
    expect(decideReply(dm('a', 'U1', '09:41'), context({ dms: [before] }))).toMatchObject({
      reason: 'mid-conversation',
    })
    const longBefore = dm('early', 'U1', '08:30', { status: 'delivered' })
    expect(decideReply(dm('a', 'U1', '09:41'), context({ dms: [longBefore] }))).toMatchObject({
      kind: 'reply',
    })
  })

  it('tells each person once a stretch of deep work, and once a day when asked', () => {
    const earlier = [{ accountId: 'slack-1', authorId: 'U1', stretchStart: at('09:00'), at: at('09:10') }]
    expect(decideReply(dm('a', 'U1', '09:41'), context({ earlier }))).toMatchObject({
      reason: 'replied-this-stretch',
    })
    expect(decideReply(dm('a', 'U2', '09:41'), context({ earlier }))).toMatchObject({ kind: 'reply' })
    const session = {
      id: 's',
      startedAt: at('14:00'),
      length: { kind: 'minutes' as const, minutes: 50 },
      endsAt: at('14:50'),
    }
    const afternoon = context({ at: at('14:11'), sessions: [session], earlier })
    expect(decideReply(dm('b', 'U1', '14:10'), afternoon)).toMatchObject({ kind: 'reply' })
    const daily = { ...afternoon, reply: { ...on, isOncePerDay: true } }
    expect(decideReply(dm('b', 'U1', '14:10'), daily)).toMatchObject({ reason: 'replied-today' })
  })

  it('leaves out the sentence about the urgent channel when there is none', () => {
    const text = fillReplyTemplate(defaultDmReply.template, {
      checkIn: '11:30',
      until: '11:30',
      urgentChannel: null,
    })
    expect(text).toBe("I'm heads-down until 11:30 and will read this at my 11:30 check-in.")
  })
})

describe('the reply preview through simulate', () => {
  it('replays last week as the engine decides: one reply per person per block, none to the mid-conversation', () => {
    const dms = [
      dm('ann-1', 'UANN', '09:20'),
      dm('ann-2', 'UANN', '09:50'),
      dm('bo-0', 'UBO', '08:55'),
      dm('bo-1', 'UBO', '09:30'),
      dm('cy-1', 'UCY', '12:10'),
    ]
    const arrivals = dms.map((one) => ({
      id: one.id,
      at: one.sentAt,
      threadKey: one.id,
      container: 'DM',
      source: 'slack' as const,
      dm: one,
    }))
    const events = simulate(defaultSettings, arrivals, at('00:00'), at('23:59'), {
      zone,
      pollMs: 60_000,
      replies: { settings: on },
    })
    const replies = events.filter((event) => event.kind === 'reply')
    expect(replies.map((event) => [event.itemIds[0], event.at])).toEqual([['ann-1', at('09:20')]])
    expect(replies[0]?.text).toContain('11:30 check-in')
  })
})
