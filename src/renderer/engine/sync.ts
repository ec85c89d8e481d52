// Pulls streams from the host and hands each batch to ingest. Each stream
// keeps its own schedule; a failing stream backs off on its own and leaves
// the store as it was.
import { HostError } from '../../shared/contract'
import type { Account, InboxItem, Settings } from '../../shared/model'
import { matchUrgentRule } from '../../shared/policy'
import { ingestBatch } from '../db/ingest'
import { getCursor } from '../db/repositories'
import type { LullDb } from '../db/schema'
import type { HostClient } from '../host/client'
import { backoffDelay, isUrgentStream, nextPullDelay } from './polling'

type StreamState = {
  account: Account
  stream: string
  name: string
  dueAt: number
  /** When this stream was last asked, by the clock of that moment. */
  askedAt: number
  failures: number
}

export type PullOutcome = { added: InboxItem[]; problem: string | null }

export type StreamScheduler = ReturnType<typeof createStreamScheduler>

export function createStreamScheduler(deps: { db: LullDb; host: HostClient }) {
  const streams = new Map<string, StreamState>()
  const inFlight = new Map<string, Promise<PullOutcome>>()
  const key = (accountId: string, stream: string) => `${accountId}|${stream}`

  /** Keep the schedule in line with the accounts: new streams are due at once, removed ones dropped. */
  function setAccounts(accounts: Account[], now: number) {
    const wanted = new Set<string>()
    for (const account of accounts) {
      for (const stream of account.streams) {
        const id = key(account.id, stream.id)
        wanted.add(id)
        const known = streams.get(id)
        if (known) known.account = account
        else
          streams.set(id, {
            account,
            stream: stream.id,
            name: stream.name,
            dueAt: now,
            askedAt: now,
            failures: 0,
          })
      }
    }
    for (const id of streams.keys()) if (!wanted.has(id)) streams.delete(id)
  }

  async function pullOne(state: StreamState, settings: Settings, now: () => number): Promise<PullOutcome> {
    const { account, stream } = state
    const isUrgent = isUrgentStream(account, state.name, settings.urgentRules)
    state.askedAt = now()
    try {
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
        classify: (item) => matchUrgentRule(settings.urgentRules, item)?.id ?? null,
      })
      state.failures = 0
      state.dueAt = now() + nextPullDelay({ account, isUrgent, pollAfterMs: answer.pollAfterMs })
      return { added: result.added, problem: null }
    } catch (error) {
      state.failures += 1
      state.dueAt = now() + backoffDelay(state.failures)
      const message = error instanceof HostError || error instanceof Error ? error.message : String(error)
      return { added: [], problem: `Could not sync ${state.name} (${account.label}): ${message}` }
    }
  }

  /** Pull one stream unless a pull of it is already running; then share that one. */
  function pull(state: StreamState, settings: Settings, now: () => number): Promise<PullOutcome> {
    const id = key(state.account.id, state.stream)
    const running = inFlight.get(id)
    if (running) return running
    const started = pullOne(state, settings, now).finally(() => inFlight.delete(id))
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
    /** Pull every stream that is due (or every stream, with `all`). */
    async pullDue(
      settings: Settings,
      now: () => number,
      options: { all?: boolean } = {},
    ): Promise<PullOutcome[]> {
      const at = now()
      followClockBack(at)
      const due = [...streams.values()].filter((state) => options.all || state.dueAt <= at)
      return Promise.all(due.map((state) => pull(state, settings, now)))
    },
    /** The earliest moment a stream wants pulling. */
    nextDueAt(): number | null {
      let earliest: number | null = null
      for (const state of streams.values())
        if (earliest === null || state.dueAt < earliest) earliest = state.dueAt
      return earliest
    },
  }
}
