// The request ledger counts main's calls to sources by account, method and
// result, answers a summary since a time, and stays bounded.
import { describe, expect, it } from 'vitest'
import { createLedger, overflowMethod } from '../../../src/main/sources/ledger'

const minute = 60_000
const hour = 60 * minute

function clock(start = Date.UTC(2025, 2, 3, 9, 0, 0)) {
  let at = start
  return {
    now: () => at,
    advance(ms: number) {
      at += ms
    },
  }
}

describe('request ledger', () => {
  it('counts requests by account, method and result', () => {
    const time = clock()
    const ledger = createLedger({ now: time.now })
    ledger.record('slack-1', 'conversations.history', 'ok')
    ledger.record('slack-1', 'conversations.history', 'ok')
    ledger.record('slack-1', 'conversations.history', 'rate-limited')
    ledger.record('github-1', 'GET /notifications', 'not-modified')
    time.advance(5 * minute)
    ledger.record('slack-1', 'conversations.history', 'ok')

    expect(ledger.summary(0)).toEqual([
      { accountId: 'github-1', method: 'GET /notifications', result: 'not-modified', count: 1 },
      { accountId: 'slack-1', method: 'conversations.history', result: 'ok', count: 3 },
      { accountId: 'slack-1', method: 'conversations.history', result: 'rate-limited', count: 1 },
    ])
  })

  it('leaves out requests from minutes before `since`', () => {
    const time = clock()
    const ledger = createLedger({ now: time.now })
    ledger.record('github-1', 'GET /notifications', 'ok')
    time.advance(2 * hour)
    const hourAgo = time.now() - hour
    ledger.record('github-1', 'GET /notifications', 'error')

    expect(ledger.summary(hourAgo)).toEqual([
      { accountId: 'github-1', method: 'GET /notifications', result: 'error', count: 1 },
    ])
  })

  it('counts a request made in the very minute `since` falls in', () => {
    const time = clock()
    const ledger = createLedger({ now: time.now })
    const since = time.now()
    ledger.record('github-1', 'GET /notifications', 'ok')
    time.advance(59_000)
    ledger.record('github-1', 'GET /notifications', 'ok')

    expect(ledger.summary(since)).toEqual([
      { accountId: 'github-1', method: 'GET /notifications', result: 'ok', count: 2 },
    ])
  })

  it('keeps one day of minutes, however long Lull runs', () => {
    const time = clock()
    const ledger = createLedger({ now: time.now })
    for (let minutes = 0; minutes < 3 * 24 * 60; minutes++) {
      ledger.record('slack-1', 'conversations.history', 'ok')
      time.advance(minute)
    }

    expect(ledger.size().buckets).toBeLessThanOrEqual(24 * 60 + 1)
    const total = ledger.summary(0).reduce((sum, entry) => sum + entry.count, 0)
    expect(total).toBeLessThanOrEqual(24 * 60 + 1)
  })

  it('stays bounded when the clock keeps jumping back', () => {
    const time = clock()
    const ledger = createLedger({ now: time.now })
    for (let step = 0; step < 2000; step++) {
      ledger.record('slack-1', 'conversations.history', 'ok')
      time.advance(-minute)
    }

    expect(ledger.size().buckets).toBeLessThanOrEqual(24 * 60 + 1)
    // The newest requests are the ones kept, whatever their clock said.
    expect(ledger.summary(0)).toEqual([
      { accountId: 'slack-1', method: 'conversations.history', result: 'ok', count: 24 * 60 + 1 },
    ])
  })

  it('counts method names past a full minute under one overflow row, losing no count', () => {
    const time = clock()
    const ledger = createLedger({ now: time.now, maxEntriesPerBucket: 10 })
    for (let index = 0; index < 50; index++) ledger.record('github-1', `GET /odd/path-${index}`, 'ok')

    expect(ledger.size().entries).toBeLessThanOrEqual(11)
    const summary = ledger.summary(0)
    expect(summary.reduce((sum, entry) => sum + entry.count, 0)).toBe(50)
    expect(summary).toContainEqual({ accountId: 'github-1', method: overflowMethod, result: 'ok', count: 40 })
  })

  it('forgets a removed account and keeps the others', () => {
    const time = clock()
    const ledger = createLedger({ now: time.now })
    ledger.record('slack-1', 'conversations.history', 'ok')
    ledger.record('github-1', 'GET /notifications', 'ok')
    time.advance(10 * minute)
    ledger.record('slack-1', 'conversations.history', 'ok')

    ledger.forget('slack-1')

    expect(ledger.summary(0)).toEqual([
      { accountId: 'github-1', method: 'GET /notifications', result: 'ok', count: 1 },
    ])
    expect(ledger.size()).toEqual({ buckets: 1, entries: 1 })
  })
})
