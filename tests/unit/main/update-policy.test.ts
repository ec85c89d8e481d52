// The update timing policy: when a check is due, when the person may be
// asked to restart, when a restart may happen, and what an error means.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Activity,
  checkInStaleMs,
  checkIntervalMs,
  describeUpdateError,
  isCheckDue,
  mayAskToRestart,
  mayRestartNow,
  settleMs,
  trayStaleMs,
  type UpdateTimingState,
} from '../../../src/main/updates/policy'

const now = Date.UTC(2026, 10, 23, 10, 0)
const idle: UpdateTimingState = { isEnabled: true, hasFeed: true, lastCheckAt: null, status: 'idle' }
const quiet: Activity = {
  tray: { isDeepWork: false, at: now - 1000 },
  writeBacks: 0,
  pulls: 0,
  lastSourceCallAt: null,
  checkInSince: null,
}

describe('is a check due', () => {
  it('is due at once when Lull never checked', () => {
    expect(isCheckDue(idle, now)).toBe(true)
  })

  it('is never due twice within a day, whatever happened between', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: checkIntervalMs - 1 }),
        fc.constantFrom('idle', 'up-to-date', 'failed', 'refused' as const),
        (since, status) => !isCheckDue({ ...idle, lastCheckAt: now - since, status }, now),
      ),
    )
  })

  it('is due a day after the last check', () => {
    expect(isCheckDue({ ...idle, lastCheckAt: now - checkIntervalMs }, now)).toBe(true)
  })

  it('is never due with updates off, or in a build without a release feed', () => {
    expect(isCheckDue({ ...idle, isEnabled: false }, now)).toBe(false)
    expect(isCheckDue({ ...idle, hasFeed: false }, now)).toBe(false)
  })

  it('is not due while a check or download runs, or while a downloaded update waits for its restart', () => {
    for (const status of ['checking', 'downloading', 'ready', 'installing'] as const)
      expect(isCheckDue({ ...idle, status }, now), status).toBe(false)
  })

  it('is due when the clock was set back past the last check', () => {
    expect(isCheckDue({ ...idle, lastCheckAt: now + 60_000 }, now)).toBe(true)
  })
})

describe('may Lull ask to restart', () => {
  it('asks when the person is not in deep work and nothing is in flight', () => {
    expect(mayAskToRestart(quiet, now)).toEqual({ may: true })
  })

  it('never asks in deep work (a block or a focus session)', () => {
    expect(mayAskToRestart({ ...quiet, tray: { isDeepWork: true, at: now - 1000 } }, now)).toEqual({
      may: false,
      waitingFor: 'your deep work to end',
    })
  })

  it('does not ask before the window has said whether the person is in deep work, or when it went quiet', () => {
    expect(mayAskToRestart({ ...quiet, tray: null }, now).may).toBe(false)
    expect(
      mayAskToRestart({ ...quiet, tray: { isDeepWork: false, at: now - trayStaleMs - 1 } }, now).may,
    ).toBe(false)
  })

  it('does not ask while a write-back or a pull is in flight', () => {
    expect(mayAskToRestart({ ...quiet, writeBacks: 1 }, now).may).toBe(false)
    expect(mayAskToRestart({ ...quiet, pulls: 2 }, now).may).toBe(false)
  })
})

describe('may Lull restart now', () => {
  it('restarts at the person’s word even in deep work, when nothing is in flight', () => {
    expect(mayRestartNow({ ...quiet, tray: { isDeepWork: true, at: now } }, now)).toEqual({ may: true })
  })

  it('never restarts while a write-back is in flight, and says so', () => {
    expect(mayRestartNow({ ...quiet, writeBacks: 1 }, now)).toEqual({
      may: false,
      waitingFor: 'a write-back to finish',
    })
    expect(mayRestartNow({ ...quiet, writeBacks: 3 }, now)).toEqual({
      may: false,
      waitingFor: '3 write-backs to finish',
    })
  })

  it('never restarts while a check-in or sync pull is in flight', () => {
    expect(mayRestartNow({ ...quiet, pulls: 1 }, now)).toEqual({
      may: false,
      waitingFor: 'a sync or check-in to finish',
    })
  })

  it('never restarts while the window is storing a check-in, unless its word is stale', () => {
    const storing = mayRestartNow({ ...quiet, checkInSince: now - 1_000 }, now)
    expect(storing).toEqual({ may: false, waitingFor: 'a check-in to be stored' })
    expect(mayAskToRestart({ ...quiet, checkInSince: now - 1_000 }, now).may).toBe(false)
    // A window that went away mid check-in never says it ended: after a while it no longer holds the restart.
    expect(mayRestartNow({ ...quiet, checkInSince: now - checkInStaleMs }, now).may).toBe(true)
  })

  it('waits until what a pull brought has had time to be stored', () => {
    expect(mayRestartNow({ ...quiet, lastSourceCallAt: now - settleMs + 1 }, now).may).toBe(false)
    expect(mayRestartNow({ ...quiet, lastSourceCallAt: now - settleMs }, now).may).toBe(true)
  })
})

describe('what an updater error means', () => {
  it('refuses an update whose signature does not match, and says nothing was installed', () => {
    const failure = describeUpdateError(
      'New version 0.2.0 is not signed by the application owner: publisherNames: Lull',
      '0.2.0',
    )
    expect(failure.status).toBe('refused')
    expect(failure.message).toMatch(/refused version 0\.2\.0.*not signed.*Nothing was installed/)
  })

  it('refuses a download that does not match its published checksum', () => {
    expect(describeUpdateError('sha512 checksum mismatch, expected abc, got def', null).status).toBe(
      'refused',
    )
  })

  it('calls an unreachable server a failure to retry, not a refusal', () => {
    const failure = describeUpdateError('getaddrinfo ENOTFOUND github.com', null)
    expect(failure).toEqual({ status: 'failed', message: expect.stringMatching(/could not reach/) })
  })

  it('keeps only the first line of anything else', () => {
    expect(describeUpdateError('HttpError: 500\nstack line', null).message).toBe(
      'The update check failed: HttpError: 500. Lull checks again tomorrow.',
    )
  })
})
