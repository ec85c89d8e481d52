// Keeps the app page alive. The engine that keeps check-in time runs in the
// window, so a renderer that crashed or hung would leave Lull in the tray
// doing nothing: main reloads the page, backs off when reloading keeps
// failing, gives up after a few tries, logs each step and remembers the last
// recovery for `app:info`.
import type { RenderProcessGoneDetails } from 'electron'
import type { Log } from './log'

export type Recovery = { at: number; reason: string }

/** What the watcher needs of the window's web contents; Electron's WebContents has it. */
export type WatchedContents = {
  on(
    event: 'render-process-gone',
    listener: (event: unknown, details: RenderProcessGoneDetails) => void,
  ): unknown
  on(event: 'unresponsive', listener: () => void): unknown
  on(event: 'responsive', listener: () => void): unknown
  forcefullyCrashRenderer(): void
  isDestroyed(): boolean
}

export type RecoveryDeps = {
  contents: WatchedContents
  /** Load the app page again; rejects when the load fails. */
  reload: () => Promise<void>
  log: Log
  /** While quitting, a renderer that goes away is expected. */
  isQuitting?: () => boolean
  now?: () => number
  /** How long a hung page gets to answer again before it is reloaded. */
  hangGraceMs?: number
  /** Reloads in a row before giving up; the count starts again once the page stays up. */
  maxTries?: number
  /** How long the page must stay up after a reload for the tries to count from zero again. */
  stableAfterMs?: number
}

export type WindowRecovery = {
  lastRecovery(): Recovery | null
  /** Stop watching: pending waits and reloads are dropped. */
  dispose(): void
}

/** Wait before the nth reload in a row: at once, then 2 s, 8 s, 32 s … at most a minute. */
export function reloadDelayMs(tryNumber: number): number {
  if (tryNumber <= 1) return 0
  return Math.min(2_000 * 4 ** (tryNumber - 2), 60_000)
}

/** The reason in a log line and in app:info: what happened, in words. */
export function describeGone(details: Pick<RenderProcessGoneDetails, 'reason' | 'exitCode'>): string {
  return `its process ended (${details.reason}, exit code ${details.exitCode})`
}

type Phase = 'watching' | 'waiting-for-answer' | 'reloading' | 'gave-up' | 'stopped'

export function watchWindowRecovery(deps: RecoveryDeps): WindowRecovery {
  const { contents, reload, log } = deps
  const now = deps.now ?? Date.now
  const isQuitting = deps.isQuitting ?? (() => false)
  const hangGraceMs = deps.hangGraceMs ?? 5_000
  const maxTries = deps.maxTries ?? 3
  const stableAfterMs = deps.stableAfterMs ?? 60_000

  let phase: Phase = 'watching'
  let last: Recovery | null = null
  /** Reloads since the page last stayed up for stableAfterMs. */
  let tries = 0
  /** Each reload's number: a reload overtaken by a newer one is ignored when it settles. */
  let attempt = 0
  /** Set while main kills a hung renderer itself, so that death is not taken for a new crash. */
  let isKillingOnPurpose = false
  let pending: ReturnType<typeof setTimeout> | null = null
  let stable: ReturnType<typeof setTimeout> | null = null

  const cancel = () => {
    if (pending) clearTimeout(pending)
    if (stable) clearTimeout(stable)
    pending = null
    stable = null
  }
  const isIgnoring = () =>
    phase === 'stopped' || phase === 'gave-up' || contents.isDestroyed() || isQuitting()

  function recover(reason: string, options: { kill?: boolean } = {}): void {
    cancel()
    if (tries >= maxTries) {
      phase = 'gave-up'
      log.error(
        'window',
        `stopped reloading the app page after ${maxTries} tries in a row (last: ${reason}); check-ins and syncing are paused until Lull is quit and started again`,
      )
      return
    }
    tries++
    phase = 'reloading'
    last = { at: now(), reason: reason.slice(0, 256) }
    const delay = reloadDelayMs(tries)
    const when = delay > 0 ? `, in ${delay / 1000} s` : ''
    log.warn('window', `the app page ${reason}; reloading it (try ${tries} of ${maxTries}${when})`)
    if (options.kill) endHungRenderer()
    const thisAttempt = ++attempt
    if (delay === 0) {
      reloadNow(thisAttempt)
      return
    }
    pending = setTimeout(() => {
      pending = null
      reloadNow(thisAttempt)
    }, delay)
  }

  /** A hung renderer would load nothing: end its process first, as Electron advises. */
  function endHungRenderer(): void {
    isKillingOnPurpose = true
    try {
      contents.forcefullyCrashRenderer()
    } catch {
      isKillingOnPurpose = false
    }
  }

  function reloadNow(thisAttempt: number): void {
    let loading: Promise<void>
    try {
      loading = reload()
    } catch (error) {
      loading = Promise.reject(error)
    }
    loading.then(
      () => {
        if (thisAttempt !== attempt || isIgnoring()) return
        phase = 'watching'
        isKillingOnPurpose = false
        log.info('window', 'the app page was reloaded and runs again')
        stable = setTimeout(() => {
          stable = null
          tries = 0
        }, stableAfterMs)
      },
      (error: unknown) => {
        if (thisAttempt !== attempt || isIgnoring()) return
        recover(`could not be loaded again: ${error instanceof Error ? error.message : String(error)}`)
      },
    )
  }

  contents.on('render-process-gone', (_event, details) => {
    if (isKillingOnPurpose) {
      isKillingOnPurpose = false
      return
    }
    if (isIgnoring()) return
    recover(describeGone(details))
  })

  contents.on('unresponsive', () => {
    if (phase !== 'watching' || isIgnoring()) return
    phase = 'waiting-for-answer'
    log.warn('window', `the app page stopped answering; waiting ${hangGraceMs / 1000} s before reloading it`)
    if (pending) clearTimeout(pending)
    pending = setTimeout(() => {
      pending = null
      if (phase !== 'waiting-for-answer' || isIgnoring()) return
      recover(`stopped answering for ${hangGraceMs / 1000} s`, { kill: true })
    }, hangGraceMs)
  })

  contents.on('responsive', () => {
    if (phase !== 'waiting-for-answer') return
    if (pending) clearTimeout(pending)
    pending = null
    phase = 'watching'
    log.info('window', 'the app page answers again; no reload needed')
  })

  return {
    lastRecovery: () => (last ? { ...last } : null),
    dispose() {
      cancel()
      phase = 'stopped'
    },
  }
}
