// Pulls streams from the host and hands each page to ingest. Each stream
// keeps its own schedule and runs on its own: a slow or hung stream holds up
// nothing but itself (every host call has a deadline), a failing one backs
// off alone and leaves the store as it was, and a backlog is read page by
// page, each page stored with its cursor.
import { HostError } from '../../shared/contract'
import { githubHostsOf } from '../../shared/conversation'
import type { Account, AccountStream, InboxItem, Settings } from '../../shared/model'
import { describeRule, matchUrgentRule } from '../../shared/policy'
import { ingestBatch } from '../db/ingest'
import { getCursor } from '../db/repositories'
import type { LullDb } from '../db/schema'
import type { StreamHealth } from '../db/sync-health'
import type { HostClient } from '../host/client'
import { backoffDelay, isUrgentStream, nextPullDelay } from './polling'

/** The most pages one pull follows before it lets the next wake go on. */
export const maxPagesPerPull = 40

type StreamState = StreamHealth & {
  account: Account
  source: AccountStream['source']
  /** A push watch is open on it, so polling only backs it up. */
  isWatched: boolean
  /**
   * A change was announced while a pull was under way: that pull may have
   * read the source before the change, so another follows at once.
   */
  isChangedDuringPull: boolean
  dueAt: number
  /** When this stream was last asked, by the clock of that moment. */
  askedAt: number
  failures: number
}

export type PullOutcome = {
  added: InboxItem[]
  /** Items seen before whose content changed (edits). */
  updated: number
  problem: string | null
  skipped: number
}

export type StreamScheduler = ReturnType<typeof createStreamScheduler>

export function createStreamScheduler(deps: {
  db: LullDb
  host: HostClient
  /** Told after each pull of a stream ends, however it ended. */
  onPulled?: (outcome: PullOutcome) => void
}) {
  const streams = new Map<string, StreamState>()
  const inFlight = new Map<string, Promise<PullOutcome>>()
  const key = (accountId: string, stream: string) => `${accountId}|${stream}`
  /** Every account's, a paused one's too: its mail and links are still the person's conversations. */
  let githubHosts: string[] = []

  /** Keep the schedule in line with the accounts: new streams are due at once, removed ones dropped. */
  function setAccounts(accounts: Account[], now: number) {
    githubHosts = githubHostsOf(accounts)
    const wanted = new Set<string>()
    for (const account of accounts) {
      // A paused account is neither pulled nor shown as syncing; its items stay.
      if (account.isPaused) continue
      for (const stream of account.streams) {
        const id = key(account.id, stream.id)
        wanted.add(id)
        const known = streams.get(id)
        if (known) known.account = account
        else
          streams.set(id, {
            account,
            accountId: account.id,
            stream: stream.id,
            name: stream.name,
            source: stream.source,
            isWatched: false,
            isChangedDuringPull: false,
            state: 'ok',
            pullingSince: null,
            lastOkAt: null,
            problem: null,
            needsSignIn: false,
            unchangedSince: null,
            watchNote: null,
            dueAt: now,
            askedAt: now,
            failures: 0,
          })
      }
    }
    for (const id of streams.keys()) if (!wanted.has(id)) streams.delete(id)
  }

  function countStreams(accountId: string): number {
    let count = 0
    for (const state of streams.values()) if (state.accountId === accountId) count++
    return count
  }

  async function pullPages(state: StreamState, settings: Settings, now: () => number): Promise<PullOutcome> {
    const { account, stream } = state
    const added: InboxItem[] = []
    let updated = 0
    let skipped = 0
    let pollAfterMs: number | undefined
    let hasMore = true
    for (let page = 0; page < maxPagesPerPull && hasMore; page++) {
      const cursor = await getCursor(deps.db, account.id, stream)
      const answer = await deps.host.call('source:pull', {
        account: { id: account.id, kind: account.kind },
        stream,
        cursor: cursor?.cursor ?? null,
      })
      const result = await ingestBatch(deps.db, {
        accountId: account.id,
        stream,
        items: answer.items,
        cursor: answer.cursor,
        ...(answer.pollAfterMs === undefined ? {} : { pollAfterMs: answer.pollAfterMs }),
        now: now(),
        classify: (item) => {
          const rule = matchUrgentRule(settings.urgentRules, item)
          return rule ? { id: rule.id, name: describeRule(rule) } : null
        },
        skipped: answer.skipped,
        githubHosts,
      })
      added.push(...result.added)
      updated += result.updated
      skipped += answer.skipped.length
      pollAfterMs = answer.pollAfterMs
      state.unchangedSince = answer.notModifiedSince ?? null
      // A cursor that did not move cannot lead anywhere new: stop rather than loop.
      hasMore = answer.hasMore && answer.cursor !== (cursor?.cursor ?? null)
    }
    const isUrgent = isUrgentStream(
      account,
      { id: stream, name: state.name, ...(state.source ? { source: state.source } : {}) },
      settings.urgentRules,
    )
    // A backlog longer than one pull's pages continues at the next wake.
    state.dueAt = hasMore
      ? now()
      : now() +
        nextPullDelay({
          account,
          isUrgent,
          pollAfterMs,
          isWatched: state.isWatched,
          streamCount: countStreams(account.id),
        })
    const problem =
      skipped === 0
        ? null
        : `${skipped} item${skipped === 1 ? '' : 's'} from ${state.name} (${account.label}) could not be read and ${skipped === 1 ? 'was' : 'were'} set aside; everything else was stored.`
    return { added, updated, problem, skipped }
  }

  async function pullOne(state: StreamState, settings: Settings, now: () => number): Promise<PullOutcome> {
    state.askedAt = now()
    state.state = 'pulling'
    state.pullingSince = state.askedAt
    state.isChangedDuringPull = false
    try {
      const outcome = await pullPages(state, settings, now)
      state.failures = 0
      Object.assign(state, {
        state: 'ok',
        pullingSince: null,
        lastOkAt: now(),
        problem: null,
        needsSignIn: false,
      })
      if (state.isChangedDuringPull) state.dueAt = now()
      return outcome
    } catch (error) {
      state.failures += 1
      state.dueAt = now() + retryDelay(state, error, settings)
      const message = error instanceof HostError || error instanceof Error ? error.message : String(error)
      let problem = `Could not sync ${state.name} (${state.account.label}): ${message}`
      if (error instanceof HostError && error.code === 'bad-credentials') {
        // Asking again with a revoked sign-in only fails again (and can lock
        // the account at the source): this account waits for the person.
        problem = `${state.account.label} no longer accepts Lull's sign-in: ${message} Choose "Reconnect" and sign in again; its items, streams and picks stay.`
        for (const other of streams.values()) {
          if (other.accountId === state.accountId)
            Object.assign(other, {
              dueAt: Number.POSITIVE_INFINITY,
              state: 'failing',
              problem,
              needsSignIn: true,
            })
        }
      }
      Object.assign(state, { state: 'failing', pullingSince: null, problem })
      return { added: [], updated: 0, problem, skipped: 0 }
    }
  }

  /**
   * After a failure: exactly when the source said (Retry-After), else the
   * backoff, which for a stream that can carry an urgent item stops growing
   * at a few minutes, so an outage's end is noticed soon after it ends.
   */
  function retryDelay(state: StreamState, error: unknown, settings: Settings): number {
    if (error instanceof HostError && error.retryAfterMs !== undefined) return error.retryAfterMs
    const stream = { id: state.stream, name: state.name, ...(state.source ? { source: state.source } : {}) }
    const isUrgent = isUrgentStream(state.account, stream, settings.urgentRules)
    return backoffDelay(state.failures, { isUrgent })
  }

  /** Pull one stream unless a pull of it is already running; then share that one. */
  function pull(state: StreamState, settings: Settings, now: () => number): Promise<PullOutcome> {
    const id = key(state.accountId, state.stream)
    const running = inFlight.get(id)
    if (running) return running
    const started = pullOne(state, settings, now).then((outcome) => {
      inFlight.delete(id)
      deps.onPulled?.(outcome)
      return outcome
    })
    inFlight.set(id, started)
    return started
  }

  /**
   * A clock set back leaves every schedule in the future, by as much as the
   * jump: a stream asked "later" than now is due again at once.
   */
  function followClockBack(at: number) {
    for (const state of streams.values()) {
      if (at < state.askedAt) {
        state.askedAt = at
        state.dueAt = at
      }
    }
  }

  return {
    setAccounts,
    /**
     * Start a pull of every stream that is due (or every stream, with
     * `all`) and answer when they have all ended. Callers that must not wait
     * on a slow stream do not await it: each outcome also goes to `onPulled`.
     */
    pullDue(settings: Settings, now: () => number, options: { all?: boolean } = {}): Promise<PullOutcome[]> {
      const at = now()
      followClockBack(at)
      // A stream waiting for the person (a revoked sign-in) is left out until "Sync now".
      const due = [...streams.values()].filter(
        (state) => Number.isFinite(state.dueAt) && (options.all || state.dueAt <= at),
      )
      return Promise.all(due.map((state) => pull(state, settings, now)))
    },
    /** A push watch said this stream changed: it is due now. Answers false for a stream not scheduled. */
    markChanged(accountId: string, stream: string, at: number): boolean {
      const state = streams.get(key(accountId, stream))
      if (!state) return false
      state.dueAt = Math.min(state.dueAt, at)
      if (inFlight.has(key(accountId, stream))) state.isChangedDuringPull = true
      return true
    },
    /**
     * A watch opened or went down. Either way the stream is pulled now: once
     * open, to catch up on what was said before the watch could see it;
     * once down, it is polled at its own pace from now until the watch is back.
     */
    setWatched(accountId: string, stream: string, isWatched: boolean, at: number) {
      const state = streams.get(key(accountId, stream))
      if (!state || state.isWatched === isWatched) return
      state.isWatched = isWatched
      state.dueAt = Math.min(state.dueAt, at)
      if (inFlight.has(key(accountId, stream))) state.isChangedDuringPull = true
    },
    /** What the stream's open watch says about itself (a server slow to push), or null. */
    setWatchNote(accountId: string, stream: string, note: string | null) {
      const state = streams.get(key(accountId, stream))
      if (state) state.watchNote = note
    },
    /** The earliest moment a stream that is not being pulled wants pulling. */
    nextDueAt(): number | null {
      let earliest: number | null = null
      for (const state of streams.values()) {
        if (inFlight.has(key(state.accountId, state.stream)) || !Number.isFinite(state.dueAt)) continue
        if (earliest === null || state.dueAt < earliest) earliest = state.dueAt
      }
      return earliest
    },
    /** Whether a pull is under way. */
    isBusy(): boolean {
      return inFlight.size > 0
    },
    /** Resolves once no pull is under way (pulls started meanwhile included). */
    async whenIdle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()])
    },
    /** Every stream's health, for the accounts view. */
    health(): StreamHealth[] {
      return [...streams.values()].map(
        ({
          accountId,
          stream,
          name,
          state,
          pullingSince,
          lastOkAt,
          problem,
          isWatched,
          needsSignIn,
          unchangedSince,
          watchNote,
        }) => ({
          accountId,
          stream,
          name,
          state,
          pullingSince,
          lastOkAt,
          problem,
          isWatched,
          needsSignIn,
          unchangedSince,
          watchNote,
        }),
      )
    },
  }
}
