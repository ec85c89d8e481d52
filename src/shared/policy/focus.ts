// Manual focus sessions: starting, extending and ending one, and whether one
// is running. A session is deep work over [startedAt, end), where end is the
// earlier of when it ends on its own and when the user ended it.
import type { FocusLength, FocusSession } from '../model'
import type { Interval } from './schedule'

/**
 * A new session from `now`. 'until-check-in' ends at the next scheduled
 * (raw) check-in; with no check-in scheduled there is nothing to end at, so
 * it runs until stopped, like 'until-stopped'.
 */
export function startFocus(
  length: FocusLength,
  now: number,
  nextCheckInAt: number | null,
  id: string,
): FocusSession {
  return { id, startedAt: now, length, endsAt: endsAtFor(length, now, nextCheckInAt) }
}

function endsAtFor(length: FocusLength, now: number, nextCheckInAt: number | null): number | null {
  switch (length.kind) {
    case 'minutes':
      return now + length.minutes * 60_000
    case 'until-check-in':
      return nextCheckInAt !== null && nextCheckInAt > now ? nextCheckInAt : null
    case 'until-stopped':
      return null
  }
}

/**
 * Adds minutes to a running session, counted from its end or from now if
 * that has passed. A session running until stopped, or one the user
 * already ended, is returned unchanged.
 */
export function extendFocus(session: FocusSession, minutes: number, now: number): FocusSession {
  if (session.endsAt === null || session.endedAt !== undefined) return session
  return { ...session, endsAt: Math.max(session.endsAt, now) + minutes * 60_000 }
}

/** Ends a session at `now`; ending one twice keeps the first end. */
export function endFocus(session: FocusSession, now: number): FocusSession {
  if (session.endedAt !== undefined) return session
  return { ...session, endedAt: Math.max(now, session.startedAt) }
}

/** The span a session shields; end is Infinity while it runs until stopped. */
export function sessionInterval(session: FocusSession): Interval {
  const end = Math.min(
    session.endsAt ?? Number.POSITIVE_INFINITY,
    session.endedAt ?? Number.POSITIVE_INFINITY,
  )
  return { start: session.startedAt, end }
}

export function isSessionActive(session: FocusSession, now: number): boolean {
  const { start, end } = sessionInterval(session)
  return start <= now && now < end
}

/** The running session, the most recently started if several overlap. */
export function activeSession(sessions: FocusSession[], now: number): FocusSession | null {
  let found: FocusSession | null = null
  for (const session of sessions) {
    if (isSessionActive(session, now) && (found === null || session.startedAt > found.startedAt))
      found = session
  }
  return found
}

/**
 * A focus change the person just asked for, not yet in the store: the
 * screen shows it at once and the store catches up a moment later.
 */
export type FocusIntent = { kind: 'start'; session: FocusSession } | { kind: 'end'; at: number }

/**
 * The sessions as they will be once `intent` is stored. Idempotent: once
 * the store has the started session (same id) or the ended one, the
 * sessions are returned as they are, so the intent can outlive the write.
 */
export function withFocusIntent(sessions: FocusSession[], intent: FocusIntent | null): FocusSession[] {
  if (intent === null) return sessions
  if (intent.kind === 'start') {
    if (sessions.some((session) => session.id === intent.session.id)) return sessions
    const startedAt = intent.session.startedAt
    return [
      ...sessions.map((session) =>
        isSessionActive(session, startedAt) ? endFocus(session, startedAt) : session,
      ),
      intent.session,
    ]
  }
  const running = activeSession(sessions, intent.at)
  if (!running) return sessions
  return sessions.map((session) => (session === running ? endFocus(session, intent.at) : session))
}
