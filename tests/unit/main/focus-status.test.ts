// Focus status set and restored the same way for every source: the old
// status comes back only if the person did not change it meanwhile.
import { describe, expect, it } from 'vitest'
import {
  type FocusSource,
  focusStatusFor,
  noStatus,
  restoreFocusStatus,
  setFocusStatus,
} from '../../../src/main/sources/focus-status'
import type { FocusStatus } from '../../../src/shared/contract'

function statusSource(initial: FocusStatus) {
  let status = initial
  const writes: FocusStatus[] = []
  const source: FocusSource = {
    readFocusStatus: async () => status,
    writeFocusStatus: async (next) => {
      writes.push(next)
      status = next
    },
  }
  return { source, writes, now: () => status, personSets: (next: FocusStatus) => (status = next) }
}

const lunch: FocusStatus = {
  message: 'At lunch',
  emoji: ':sandwich:',
  expiresAt: null,
  isDoNotDisturb: false,
}
const until = Date.parse('2026-11-23T11:30:00Z')

describe('focus status', () => {
  it('sets a status that expires when focus ends and remembers what was there', async () => {
    const account = statusSource(lunch)
    const saved = await setFocusStatus(account.source, until, 'Deep work until 11:30')
    expect(saved.previous).toEqual(lunch)
    expect(account.now()).toEqual({ ...focusStatusFor(until, 'Deep work until 11:30'), expiresAt: until })
    expect(account.now().isDoNotDisturb).toBe(true)
  })

  it('puts the old status back when focus ends', async () => {
    const account = statusSource(lunch)
    const saved = await setFocusStatus(account.source, until, 'Deep work')
    expect(await restoreFocusStatus(account.source, saved, until - 60_000)).toBe('restored')
    expect(account.now()).toEqual(lunch)
  })

  it('leaves a status the person changed during focus alone', async () => {
    const account = statusSource(lunch)
    const saved = await setFocusStatus(account.source, until, 'Deep work')
    const own = { message: 'In a meeting', emoji: ':calendar:', expiresAt: null, isDoNotDisturb: false }
    account.personSets(own)
    expect(await restoreFocusStatus(account.source, saved, until - 60_000)).toBe('changed-by-user')
    expect(account.now()).toEqual(own)
    expect(account.writes).toHaveLength(1)
  })

  it('does not bring back an old status that would have run out by now', async () => {
    const account = statusSource({ ...lunch, expiresAt: until - 30 * 60_000 })
    const saved = await setFocusStatus(account.source, until, 'Deep work')
    expect(await restoreFocusStatus(account.source, saved, until)).toBe('restored')
    expect(account.now()).toEqual(noStatus)
  })

  it('still recognises its own status when the source rounded the expiry', async () => {
    const account = statusSource(lunch)
    const saved = await setFocusStatus(account.source, until, 'Deep work')
    account.personSets({ ...account.now(), expiresAt: until - 30_000 })
    expect(await restoreFocusStatus(account.source, saved, until - 60_000)).toBe('restored')
  })
})

describe("the person's own Do Not Disturb", () => {
  const at = Date.parse('2026-11-23T12:00:00Z')
  it('comes back until its own end when the status it came with has run out', async () => {
    const snoozeUntil = at + 30 * 60_000
    const before: FocusStatus = { ...lunch, expiresAt: at - 60_000, isDoNotDisturb: true, snoozeUntil }
    const s = statusSource(before)
    const saved = await setFocusStatus(s.source, at + 3_600_000, 'Focusing')
    await restoreFocusStatus(s.source, saved, at)
    expect(s.now()).toEqual({ ...noStatus, isDoNotDisturb: true, snoozeUntil })
  })

  it('is not brought back once its end has passed, and the status alone comes back', async () => {
    const before: FocusStatus = { ...lunch, isDoNotDisturb: true, snoozeUntil: at - 1 }
    const s = statusSource(before)
    const saved = await setFocusStatus(s.source, at + 3_600_000, 'Focusing')
    await restoreFocusStatus(s.source, saved, at)
    expect(s.now()).toEqual({ ...lunch, isDoNotDisturb: false })
  })
})
