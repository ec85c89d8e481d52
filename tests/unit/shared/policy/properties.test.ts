// Invariants of the attention policy over random schedules, zones, focus
// sessions and arrivals, replayed with simulate().
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  blockIntervalsBetween,
  checkInTimesBetween,
  deepWorkAt,
  type SimEvent,
} from '../../../../src/shared/policy'
import { block, checkInWindow, run, type Scenario, scenario } from './scenarios'
import { minute } from './wall'

const isDeepAt = (s: Scenario, at: number) =>
  deepWorkAt(s.settings.deepWorkBlocks, s.sessions, s.zone, at).isDeep

/** Deep work worked out here, not by deepWorkAt: inside a block's interval or a session's own span. */
function isShieldedAt(s: Scenario, at: number): boolean {
  const inBlock = blockIntervalsBetween(s.settings.deepWorkBlocks, s.zone, at, at + 1).length > 0
  const inSession = s.sessions.some(
    (session) =>
      session.startedAt <= at && at < Math.min(session.endsAt ?? Infinity, session.endedAt ?? Infinity),
  )
  return inBlock || inSession
}

const ofKind = (events: SimEvent[], kind: SimEvent['kind']) => events.filter((event) => event.kind === kind)

const anySchedule = scenario({
  checkIns: fc.array(checkInWindow, { minLength: 1, maxLength: 4 }),
  blocks: fc.array(block, { maxLength: 3 }),
})

describe('the attention policy, replayed', () => {
  it('delivers each calm item once, in the first digest after it arrives, never inside deep work', () => {
    fc.assert(
      fc.property(anySchedule, (s) => {
        const digests = ofKind(run(s), 'digest')
        for (const item of s.arrivals.filter((arrival) => !arrival.isUrgent)) {
          const holding = digests.filter((digest) => digest.itemIds.includes(item.id))
          expect(holding.length).toBeLessThanOrEqual(1)
          const first = digests.find((digest) => digest.at >= item.at)
          if (holding[0]) {
            expect(holding[0]).toBe(first)
            expect(holding[0].at).toBeGreaterThanOrEqual(item.at)
            expect(isDeepAt(s, holding[0].at)).toBe(false)
            expect(isShieldedAt(s, holding[0].at)).toBe(false)
            continue
          }
          // Undelivered only if every check-in after it waited on deep work past the end of the span.
          expect(first).toBeUndefined()
          for (const raw of checkInTimesBetween(s.settings.checkIns, s.zone, item.at - 1, s.to)) {
            const deep = deepWorkAt(s.settings.deepWorkBlocks, s.sessions, s.zone, raw)
            expect(deep.isDeep).toBe(true)
            expect(deep.until === null || deep.until > s.to).toBe(true)
          }
        }
      }),
      { numRuns: 150 },
    )
  })

  it('holds each digest at a scheduled check-in or the moment deep work ends, never inside it', () => {
    fc.assert(
      fc.property(anySchedule, (s) => {
        const raw = new Set(checkInTimesBetween(s.settings.checkIns, s.zone, s.from, s.to))
        for (const digest of ofKind(run(s), 'digest')) {
          expect(isDeepAt(s, digest.at)).toBe(false)
          expect(isShieldedAt(s, digest.at)).toBe(false)
          expect(raw.has(digest.at) || isShieldedAt(s, digest.at - 1)).toBe(true)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('never sends a check-in notification inside deep work, and only for a digest with items', () => {
    fc.assert(
      fc.property(anySchedule, (s) => {
        const events = run(s)
        const notices = ofKind(events, 'notification').filter(
          (event) => event.notificationKind === 'check-in',
        )
        for (const notice of notices) {
          expect(isDeepAt(s, notice.at)).toBe(false)
          expect(isShieldedAt(s, notice.at)).toBe(false)
          const digest = events.find((event) => event.kind === 'digest' && event.at === notice.at)
          expect(digest?.itemIds).toEqual(notice.itemIds)
          expect(notice.itemIds.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('lets every urgent item through within one poll of its arrival, deep work or not', () => {
    fc.assert(
      fc.property(anySchedule, (s) => {
        const events = run(s)
        const breakthroughs = ofKind(events, 'breakthrough')
        const digested = new Set(ofKind(events, 'digest').flatMap((digest) => digest.itemIds))
        for (const item of s.arrivals.filter((arrival) => arrival.isUrgent)) {
          const holding = breakthroughs.filter((event) => event.itemIds.includes(item.id))
          expect(holding).toHaveLength(1)
          expect(holding[0]!.at - item.at).toBeGreaterThanOrEqual(0)
          expect(holding[0]!.at - item.at).toBeLessThan(s.pollMs)
          expect(digested.has(item.id)).toBe(false)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('notifies a thread about breakthroughs at most once per cooldown', () => {
    fc.assert(
      fc.property(anySchedule, (s) => {
        const cooldownMs = s.settings.breakthroughCooldownMinutes * minute
        const notices = ofKind(run(s), 'notification').filter(
          (event) => event.notificationKind === 'breakthrough',
        )
        const byId = new Map(s.arrivals.map((arrival) => [arrival.id, arrival]))
        const lastByThread = new Map<string, number>()
        for (const notice of notices) {
          const threads = new Set(notice.itemIds.map((id) => byId.get(id)!.threadKey))
          for (const thread of threads) {
            const last = lastByThread.get(thread)
            if (last !== undefined) expect(notice.at - last).toBeGreaterThanOrEqual(cooldownMs)
            lastByThread.set(thread, notice.at)
          }
        }
      }),
      { numRuns: 100 },
    )
  })

  it('makes a burst in one channel at one poll a single notification', () => {
    fc.assert(
      fc.property(anySchedule, (s) => {
        const byId = new Map(s.arrivals.map((arrival) => [arrival.id, arrival]))
        const notices = ofKind(run(s), 'notification').filter(
          (event) => event.notificationKind === 'breakthrough',
        )
        const places = notices.map((notice) => {
          const containers = new Set(
            notice.itemIds.map((id) => `${byId.get(id)!.source} ${byId.get(id)!.container}`),
          )
          expect(containers.size).toBe(1)
          return `${notice.at}|${[...containers][0]}`
        })
        expect(new Set(places).size).toBe(places.length)
      }),
      { numRuns: 100 },
    )
  })

  it('delivers every calm item exactly once when nothing defers the check-ins', () => {
    const open = scenario({
      checkIns: fc.array(checkInWindow, { minLength: 1, maxLength: 4 }),
      blocks: fc.constant([]),
    })
    fc.assert(
      fc.property(open, (s) => {
        const calm = { ...s, sessions: [] }
        const delivered = ofKind(run(calm), 'digest').flatMap((digest) => digest.itemIds)
        const expected = s.arrivals.filter((arrival) => !arrival.isUrgent).map((arrival) => arrival.id)
        expect([...delivered].sort()).toEqual([...expected].sort())
      }),
      { numRuns: 100 },
    )
  })

  it('holds every calm item when no check-in is scheduled, while urgent items still get through', () => {
    const none = scenario({ checkIns: fc.constant([]), blocks: fc.array(block, { maxLength: 3 }) })
    fc.assert(
      fc.property(none, (s) => {
        const events = run(s)
        expect(ofKind(events, 'digest')).toEqual([])
        expect(events.filter((event) => event.notificationKind === 'check-in')).toEqual([])
        const urgent = s.arrivals.filter((arrival) => arrival.isUrgent).length
        expect(ofKind(events, 'breakthrough').flatMap((event) => event.itemIds)).toHaveLength(urgent)
      }),
      { numRuns: 50 },
    )
  })
})
