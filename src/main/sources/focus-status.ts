// Focus status at a source, done once for every source: read what the
// person had, set Lull's status with an expiry at the session's end (so a
// crash cannot leave it on), and on restore put the old one back only if
// the status is still the one Lull set; a person who changed it meanwhile
// keeps their change.
import type { FocusStatus } from '../../shared/contract'
import type { Source } from './source'

export const noStatus: FocusStatus = { message: '', emoji: '', expiresAt: null, isDoNotDisturb: false }
const focusEmoji = ':headphones:'
/** Sources round expiry times (Slack to the second, GitHub to the minute). */
const expirySlackMs = 60_000

export function focusStatusFor(until: number | null, message: string): FocusStatus {
  return { message, emoji: focusEmoji, expiresAt: until, isDoNotDisturb: true }
}

/** Whether the status now is still the one Lull set. */
export function isStillSet(current: FocusStatus, set: FocusStatus): boolean {
  const sameExpiry =
    current.expiresAt === set.expiresAt ||
    (current.expiresAt !== null &&
      set.expiresAt !== null &&
      Math.abs(current.expiresAt - set.expiresAt) <= expirySlackMs)
  return current.message === set.message && current.emoji === set.emoji && sameExpiry
}

export type FocusSource = Required<Pick<Source, 'readFocusStatus' | 'writeFocusStatus'>>

export function canSetFocusStatus(source: Source): source is Source & FocusSource {
  return typeof source.readFocusStatus === 'function' && typeof source.writeFocusStatus === 'function'
}

export async function setFocusStatus(
  source: FocusSource,
  until: number | null,
  message: string,
): Promise<{ previous: FocusStatus; set: FocusStatus }> {
  const previous = await source.readFocusStatus()
  const set = focusStatusFor(until, message)
  await source.writeFocusStatus(set)
  return { previous, set }
}

/**
 * What goes back: the saved status, unless it would have run out by now;
 * the person's own Do Not Disturb snooze comes back until its own end
 * either way, and not when that end has passed.
 */
export function statusToRestore(previous: FocusStatus, now: number): FocusStatus {
  const hasLapsed = previous.expiresAt !== null && previous.expiresAt <= now
  const status = hasLapsed ? { ...noStatus } : { ...previous }
  const snooze = previous.snoozeUntil
  if (snooze !== undefined && snooze > now) return { ...status, isDoNotDisturb: true, snoozeUntil: snooze }
  const { snoozeUntil: _over, ...rest } = status
  return snooze === undefined ? status : { ...rest, isDoNotDisturb: false }
}

export async function restoreFocusStatus(
  source: FocusSource,
  saved: { previous: FocusStatus; set: FocusStatus },
  now: number,
): Promise<'restored' | 'changed-by-user'> {
  const current = await source.readFocusStatus()
  if (!isStillSet(current, saved.set)) return 'changed-by-user'
  await source.writeFocusStatus(statusToRestore(saved.previous, now))
  return 'restored'
}
