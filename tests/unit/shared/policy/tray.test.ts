import { describe, expect, it } from 'vitest'
import { describeTray, type TrayInput } from '../../../../src/shared/policy/tray'

// Monday 2024-03-04 in London (UTC+0 in March before the change) and in Kathmandu (+05:45).
const at = (iso: string) => Date.parse(iso)
const base: TrayInput = {
  isFocused: false,
  focusUntil: null,
  waitingCount: 14,
  nextCheckIn: at('2024-03-04T13:00:00Z'),
  isCheckInDue: false,
  isSyncPaused: false,
  zone: 'Europe/London',
}

describe('describeTray', () => {
  it('shows the focus icon while focused, even with a check-in due', () => {
    expect(describeTray({ ...base, isFocused: true, isCheckInDue: true }).icon).toBe('focus')
  })

  it('shows the check-in-due icon when a check-in is due and not focused', () => {
    expect(describeTray({ ...base, isCheckInDue: true }).icon).toBe('check-in-due')
  })

  it('shows the open icon otherwise', () => {
    expect(describeTray(base).icon).toBe('open')
  })

  it('reads focus end, waiting items and the next check-in in the zone', () => {
    const state = describeTray({ ...base, isFocused: true, focusUntil: at('2024-03-04T11:30:00Z') })
    expect(state.tooltip).toBe('Focus until 11:30 · 14 waiting · check-in 13:00')
    expect(state.nextCheckIn).toBe('13:00')
  })

  it('gives times in a zone with an odd offset', () => {
    const state = describeTray({ ...base, zone: 'Asia/Kathmandu' })
    expect(state.tooltip).toBe('14 waiting · check-in 18:45')
  })

  it('says focus runs until stopped', () => {
    expect(describeTray({ ...base, isFocused: true }).tooltip).toBe(
      'Focus until stopped · 14 waiting · check-in 13:00',
    )
  })

  it('says when no check-ins are scheduled and when syncing is paused', () => {
    const state = describeTray({ ...base, nextCheckIn: null, isSyncPaused: true })
    expect(state.tooltip).toBe('14 waiting · No check-ins scheduled · Syncing paused')
    expect(state.nextCheckIn).toBeNull()
  })

  it('names the day of a check-in that is not today', () => {
    const state = describeTray({
      ...base,
      nextCheckIn: at('2024-03-05T09:30:00Z'),
      now: at('2024-03-04T17:00:00Z'),
    })
    expect(state.nextCheckIn).toBe('Tue 09:30')
  })

  it('falls back to UTC instead of throwing on an unknown zone', () => {
    expect(describeTray({ ...base, zone: 'Mars/Base' }).nextCheckIn).toBe('13:00')
  })
})
