import { describe, expect, it } from 'vitest'
import {
  accountPace,
  backgroundDelay,
  backgroundPollMs,
  isUrgentStream,
  nextPullDelay,
  urgentPollMs,
} from '../../../../src/renderer/engine/polling'
import type { Account, UrgentRule } from '../../../../src/shared/model'

const slack: Account = {
  id: 'slack-1',
  kind: 'slack',
  label: 'Acme',
  identity: 'dana',
  addedAt: 0,
  streams: [
    { id: 'D1', name: '@lee' },
    { id: 'mentions', name: 'Mentions' },
    { id: 'C1', name: '#general', isPicked: false },
  ],
}
const stream = (id: string) => slack.streams.find((candidate) => candidate.id === id)!

describe('background pulls', () => {
  it('keep the usual pace for a small account', () => {
    expect(backgroundDelay(3)).toBe(backgroundPollMs)
  })

  it('slow down for an account with many streams, to two pulls a minute in all', () => {
    expect(backgroundDelay(100)).toBe(50 * 60_000)
    const delay = nextPullDelay({ account: slack, isUrgent: false, pollAfterMs: undefined, streamCount: 100 })
    expect(delay).toBe(50 * 60_000)
  })

  it('never slow an urgent stream down', () => {
    const delay = nextPullDelay({ account: slack, isUrgent: true, pollAfterMs: undefined, streamCount: 100 })
    expect(delay).toBe(urgentPollMs)
  })

  it('never come sooner than the source asks', () => {
    const delay = nextPullDelay({ account: slack, isUrgent: false, pollAfterMs: 90 * 60_000, streamCount: 1 })
    expect(delay).toBe(90 * 60_000)
  })
})

describe('urgent streams of a Slack account', () => {
  const person: UrgentRule = { id: 'p', kind: 'person', person: 'lee' }
  const keyword: UrgentRule = { id: 'k', kind: 'slack-keyword', keyword: 'outage' }
  const channel: UrgentRule = { id: 'c', kind: 'slack-channel', channel: '#general' }

  it('a person rule makes direct messages and mentions urgent, not channels', () => {
    expect(isUrgentStream(slack, stream('D1'), [person])).toBe(true)
    expect(isUrgentStream(slack, stream('mentions'), [person])).toBe(true)
    expect(isUrgentStream(slack, stream('C1'), [person])).toBe(false)
  })

  it('a keyword rule makes every Slack stream urgent, since a keyword can be said anywhere', () => {
    expect(slack.streams.every((candidate) => isUrgentStream(slack, candidate, [keyword]))).toBe(true)
  })

  it('a channel rule makes that channel urgent even when it is not picked', () => {
    expect(isUrgentStream(slack, stream('C1'), [channel])).toBe(true)
    expect(isUrgentStream(slack, stream('D1'), [channel])).toBe(false)
  })
})

describe('the pace the accounts view shows', () => {
  const channels = (count: number) =>
    Array.from({ length: count }, () => ({ isUrgent: false, isWatched: false }))

  it('adds up background pulls to about two a minute for a big account', () => {
    const pace = accountPace(channels(100))
    expect(pace.pullsPerHour).toBe(120)
    expect(pace.urgentLatencyMs).toBeNull()
  })

  it('polls urgent streams every 30 s without push, and says how late one can be', () => {
    const pace = accountPace([...channels(97), ...Array(3).fill({ isUrgent: true, isWatched: false })])
    expect(pace.pullsPerHour).toBe(Math.round(97 * 1.2 + 3 * 120))
    expect(pace.urgentLatencyMs).toBe(urgentPollMs)
    expect(pace.isUrgentLive).toBe(false)
  })

  it("follows the source's own floor for an urgent stream (GitHub's poll interval)", () => {
    const pace = accountPace([{ isUrgent: true, isWatched: false, pollAfterMs: 60_000 }])
    expect(pace).toEqual({ pullsPerHour: 60, urgentLatencyMs: 60_000, isUrgentLive: false })
  })

  it('calls urgent streams live when every one of them is watched', () => {
    const pace = accountPace([...channels(2), { isUrgent: true, isWatched: true }])
    expect(pace.isUrgentLive).toBe(true)
    expect(pace.urgentLatencyMs).toBeNull()
    expect(pace.pullsPerHour).toBe(36)
  })
})
