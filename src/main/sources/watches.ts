// Push watches (Socket Mode, IMAP IDLE) kept open for the streams the
// renderer asked for, the same way for every source: reopen with backoff
// when one goes down, and ask for a catch-up pull after every gap.
import type { Emit } from '../events'
import type { Log } from '../log'
import type { AccountRef, Source, WatchHandlers } from './source'

/** Runs `callback` after `ms`; answers a function that cancels it. */
export type SetTimer = (callback: () => void, ms: number) => () => void

export const systemTimer: SetTimer = (callback, ms) => {
  const timer = setTimeout(callback, ms)
  return () => clearTimeout(timer)
}

export type Backoff = {
  baseMs: number
  maxMs: number
  /** No retry sooner than this, however the jitter falls, so a flapping watch cannot spin. */
  minMs: number
  /** A watch that stayed open this long starts its backoff afresh when it next goes down. */
  stableMs: number
  /** A watch that has not opened by then counts as down. */
  openTimeoutMs: number
}

export const defaultBackoff: Backoff = {
  baseMs: 1_000,
  maxMs: 5 * 60_000,
  minMs: 500,
  stableMs: 60_000,
  openTimeoutMs: 30_000,
}

/**
 * Exponential backoff with full jitter: the n-th failure in a row waits a
 * uniform draw below min(max, base·2^(n−1)), so many watches that fell
 * together (a network drop) do not come back in lockstep.
 */
export function retryDelay(
  failures: number,
  random: () => number,
  backoff: Backoff = defaultBackoff,
): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, failures - 1))
  return Math.max(backoff.minMs, Math.floor(random() * ceiling))
}

export type WatchPhase = 'opening' | 'open' | 'down'

export type WatchState = {
  accountId: string
  stream: string
  phase: WatchPhase
  reason: string | null
  retryAt: number | null
  /** Downs in a row without a stable open in between; sets the next delay. */
  failures: number
}

export type WatchManagerDeps = {
  emit: Emit
  log: Log
  now: () => number
  setTimer: SetTimer
  random: () => number
  backoff?: Partial<Backoff>
}

export type WatchManager = {
  /** Watch exactly these streams of the account (an empty list closes them all). */
  setWatched(account: AccountRef, source: Source, streams: string[]): { isSupported: boolean }
  /** Close and reopen every watch now (wake from sleep, unlock, a network change). */
  reconnectAll(reason: string): void
  closeAccount(accountId: string): void
  closeAll(): void
  states(): WatchState[]
}

type Watch = {
  accountId: string
  stream: string
  source: Source
  phase: WatchPhase
  /** Bumped whenever an attempt ends, so handlers and answers of an old attempt are ignored. */
  attempt: number
  close: (() => void) | null
  cancelTimer: (() => void) | null
  failures: number
  openedAt: number | null
  /** The watch was down or reopened since it was asked for: its next open pulls once to catch up. */
  isAfterGap: boolean
  reason: string | null
  retryAt: number | null
}

/** The contract caps a reason at 512 characters; a longer one would be refused by the event hub. */
function shortReason(reason: string): string {
  return reason.length > 512 ? `${reason.slice(0, 509)}...` : reason
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

const keyOf = (accountId: string, stream: string) => JSON.stringify([accountId, stream])

export function createWatchManager(deps: WatchManagerDeps): WatchManager {
  const { emit, log, now, setTimer, random } = deps
  const backoff: Backoff = { ...defaultBackoff, ...deps.backoff }
  const watches = new Map<string, Watch>()

  /** End whatever the current attempt holds: its socket, its timer. Handlers of that attempt go quiet. */
  function endAttempt(watch: Watch): void {
    watch.attempt++
    watch.cancelTimer?.()
    watch.cancelTimer = null
    const close = watch.close
    watch.close = null
    if (close) closeQuietly(watch, close)
  }

  function closeQuietly(watch: Watch, close: () => void): void {
    try {
      close()
    } catch (error) {
      log.warn(
        'watches',
        `closing the watch on ${watch.stream} of ${watch.accountId} failed: ${reasonOf(error)}`,
      )
    }
  }

  function open(watch: Watch): void {
    endAttempt(watch)
    const attempt = watch.attempt
    const isCurrent = () =>
      watches.get(keyOf(watch.accountId, watch.stream)) === watch && watch.attempt === attempt
    watch.phase = 'opening'
    watch.cancelTimer = setTimer(() => {
      watch.cancelTimer = null
      if (isCurrent()) goDown(watch, `the watch did not open within ${backoff.openTimeoutMs / 1000} s`)
    }, backoff.openTimeoutMs)
    const handlers: WatchHandlers = {
      onChange() {
        if (isCurrent()) emit('stream:changed', { accountId: watch.accountId, stream: watch.stream })
      },
      onDown(reason: string) {
        if (isCurrent()) goDown(watch, reason)
      },
      onNote(note: string | null) {
        if (!isCurrent() || watch.phase !== 'open') return
        emit('watch:state', {
          accountId: watch.accountId,
          stream: watch.stream,
          state: 'open',
          reason: null,
          retryAt: null,
          note: note === null ? null : note.slice(0, 256),
        })
      },
    }
    void startWatch(watch, handlers).then(
      (close) => {
        if (!isCurrent()) {
          // The attempt ended (closed, timed out, went down) before it opened.
          closeQuietly(watch, close)
          return
        }
        watch.cancelTimer?.()
        watch.cancelTimer = null
        watch.close = close
        markOpen(watch)
      },
      (error) => {
        if (isCurrent()) goDown(watch, reasonOf(error))
      },
    )
  }

  async function startWatch(watch: Watch, handlers: WatchHandlers) {
    if (!watch.source.watch) throw new Error(`this ${watch.accountId} source cannot push`)
    return watch.source.watch(watch.stream, handlers)
  }

  function markOpen(watch: Watch): void {
    const isReopen = watch.isAfterGap
    watch.phase = 'open'
    watch.openedAt = now()
    watch.isAfterGap = false
    watch.reason = null
    watch.retryAt = null
    emit('watch:state', {
      accountId: watch.accountId,
      stream: watch.stream,
      state: 'open',
      reason: null,
      retryAt: null,
    })
    if (isReopen) {
      log.info('watches', `watch on ${watch.stream} of ${watch.accountId} is back; pulling to catch up`)
      emit('stream:changed', { accountId: watch.accountId, stream: watch.stream })
    }
  }

  function goDown(watch: Watch, rawReason: string): void {
    const reason = shortReason(rawReason)
    const wasStable = watch.openedAt !== null && now() - watch.openedAt >= backoff.stableMs
    endAttempt(watch)
    watch.failures = wasStable ? 1 : watch.failures + 1
    watch.openedAt = null
    const delay = retryDelay(watch.failures, random, backoff)
    const retryAt = now() + delay
    watch.phase = 'down'
    watch.isAfterGap = true
    watch.reason = reason
    watch.retryAt = retryAt
    const attempt = watch.attempt
    watch.cancelTimer = setTimer(() => {
      watch.cancelTimer = null
      if (watches.get(keyOf(watch.accountId, watch.stream)) === watch && watch.attempt === attempt)
        open(watch)
    }, delay)
    log.warn(
      'watches',
      `watch on ${watch.stream} of ${watch.accountId} is down (${reason}); retrying in ${Math.round(delay / 1000)} s`,
    )
    emit('watch:state', { accountId: watch.accountId, stream: watch.stream, state: 'down', reason, retryAt })
  }

  function forget(watch: Watch): void {
    watches.delete(keyOf(watch.accountId, watch.stream))
    endAttempt(watch)
  }

  function watchesOf(accountId: string): Watch[] {
    return [...watches.values()].filter((watch) => watch.accountId === accountId)
  }

  return {
    setWatched(account, source, streams) {
      if (typeof source.watch !== 'function') {
        for (const watch of watchesOf(account.id)) forget(watch)
        return { isSupported: false }
      }
      const wanted = new Set(streams)
      for (const watch of watchesOf(account.id)) {
        // Kept watches retry with the newest source (credentials may have changed).
        if (wanted.has(watch.stream)) watch.source = source
        else forget(watch)
      }
      for (const stream of wanted) {
        const key = keyOf(account.id, stream)
        if (watches.has(key)) continue
        const watch: Watch = {
          accountId: account.id,
          stream,
          source,
          phase: 'opening',
          attempt: 0,
          close: null,
          cancelTimer: null,
          failures: 0,
          openedAt: null,
          isAfterGap: false,
          reason: null,
          retryAt: null,
        }
        watches.set(key, watch)
        open(watch)
      }
      return { isSupported: true }
    },

    reconnectAll(reason) {
      if (watches.size === 0) return
      log.info('watches', `reopening ${watches.size} watches: ${reason}`)
      for (const watch of watches.values()) {
        // Conditions changed (awake again, a new network): the old backoff no longer applies.
        watch.failures = 0
        watch.isAfterGap = true
        open(watch)
      }
    },

    closeAccount(accountId) {
      for (const watch of watchesOf(accountId)) forget(watch)
    },

    closeAll() {
      for (const watch of [...watches.values()]) forget(watch)
    },

    states() {
      return [...watches.values()].map((watch) => ({
        accountId: watch.accountId,
        stream: watch.stream,
        phase: watch.phase,
        reason: watch.reason,
        retryAt: watch.retryAt,
        failures: watch.failures,
      }))
    },
  }
}
