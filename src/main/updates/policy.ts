// When Lull may check for an update, ask to restart into one, and restart:
// pure functions of what main knows (the renderer's last tray state, the
// calls still in flight, the clock). No Electron here; updates/service.ts
// acts on the answers.

export const checkIntervalMs = 24 * 60 * 60_000
/**
 * After a pull answers, the renderer stores its items and cursor in one
 * transaction, and a check-in delivers what it pulled: main cannot see that
 * work, so it leaves this much quiet after the last source call first.
 */
export const settleMs = 10_000
/** The engine sets the tray at every wake, at least once a minute; older than this, main does not know the person's state. */
export const trayStaleMs = 3 * 60_000
/** A check-in of 50,000 items is stored in well under a minute; one said to run longer than this is not running. */
export const checkInStaleMs = 5 * 60_000

/** What main sees of the person's state and of the work under way. */
export type Activity = {
  /** The renderer's last tray state: deep work (a block or a focus session) or not, and when it said so. */
  tray: { isDeepWork: boolean; at: number } | null
  /** Write-backs to sources in flight (done, read, focus status set or restored). */
  writeBacks: number
  /** Pulls in flight (a check-in pulls every stream first), and account sign-ins. */
  pulls: number
  /** When the last write-back or pull answered. */
  lastSourceCallAt: number | null
  /** When the check-in being stored began (the window says so before and after); null when none is. */
  checkInSince: number | null
}

export type UpdateTimingState = {
  isEnabled: boolean
  hasFeed: boolean
  lastCheckAt: number | null
  status: 'idle' | 'checking' | 'up-to-date' | 'downloading' | 'ready' | 'installing' | 'failed' | 'refused'
}

/** Whether a check is due: enabled, a feed to ask, nothing under way, and a day since the last check. */
export function isCheckDue(state: UpdateTimingState, now: number): boolean {
  if (!state.isEnabled || !state.hasFeed) return false
  if (state.status === 'checking' || state.status === 'downloading') return false
  // A downloaded update waits for its restart; asking again would only find it again.
  if (state.status === 'ready' || state.status === 'installing') return false
  if (state.lastCheckAt === null) return true
  // A clock set back must not hold checks off until it catches up again.
  if (state.lastCheckAt > now) return true
  return now - state.lastCheckAt >= checkIntervalMs
}

/** An answer with the reason in words: what the restart waits for. */
export type Decision = { may: true } | { may: false; waitingFor: string }

/**
 * Whether Lull may restart into an update now. The person's own "Restart
 * now" may cut through deep work (they asked); nothing may cut through work
 * in flight, and an unasked restart never happens at all: the person is
 * asked, outside deep work (see mayAskToRestart).
 */
export function mayRestartNow(activity: Activity, now: number): Decision {
  if (activity.writeBacks > 0)
    return {
      may: false,
      waitingFor: plural(activity.writeBacks, 'a write-back to finish', 'write-backs to finish'),
    }
  if (activity.pulls > 0) return { may: false, waitingFor: 'a sync or check-in to finish' }
  // A window that went away mid check-in never says it ended; past this, its word is stale.
  if (activity.checkInSince !== null && now - activity.checkInSince < checkInStaleMs)
    return { may: false, waitingFor: 'a check-in to be stored' }
  if (activity.lastSourceCallAt !== null && now - activity.lastSourceCallAt < settleMs)
    return { may: false, waitingFor: 'what was just synced to be stored' }
  return { may: true }
}

/** Whether to ask the person to restart now: never in deep work, never while work is in flight. */
export function mayAskToRestart(activity: Activity, now: number): Decision {
  const tray = activity.tray
  if (tray === null || now - tray.at > trayStaleMs)
    return { may: false, waitingFor: "Lull's window to say whether you are in deep work" }
  if (tray.isDeepWork) return { may: false, waitingFor: 'your deep work to end' }
  return mayRestartNow(activity, now)
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : `${count} ${many}`
}

export type UpdateFailure = { status: 'failed' | 'refused'; message: string }

/**
 * What an updater error means for the person. A signature or checksum
 * problem is a refusal (nothing was installed, and it will not be); the
 * rest are failures to try again later.
 */
export function describeUpdateError(raw: string, version: string | null): UpdateFailure {
  const line = (raw.split('\n')[0] ?? '').slice(0, 200)
  const which = version ? `version ${version}` : 'the update'
  if (/not signed|signature|code ?sign|publisher ?name|SecCode|SecStatic|designated requirement/i.test(raw))
    return {
      status: 'refused',
      message: `Lull refused ${which}: it is not signed by the publisher of the Lull you have. Nothing was installed. Download Lull from its Releases page if you trust this version.`,
    }
  if (/sha512|checksum|integrity/i.test(raw))
    return {
      status: 'refused',
      message: `Lull refused ${which}: the download does not match the checksum its release published, so it was thrown away. Lull tries again at the next check.`,
    }
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|net::ERR_|getaddrinfo|socket hang up/i.test(raw))
    return {
      status: 'failed',
      message: 'Lull could not reach its Releases page (offline?). It checks again tomorrow, or check now.',
    }
  return {
    status: 'failed',
    message: `The update check failed: ${line || 'no reason given'}. Lull checks again tomorrow.`,
  }
}
