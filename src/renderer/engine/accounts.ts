// The accounts the engine works for: read from the store, the sample
// workspace stepping aside once a real account is connected, the streams
// handed to the scheduler, and push watches asked of main for each.
import type { CallRequest } from '../../shared/contract'
import type { Account, AccountStream } from '../../shared/model'
import { deleteAccount, listAccounts, putAccount } from '../db/repositories'
import type { LullDb } from '../db/schema'
import type { HostClient } from '../host/client'
import type { StreamScheduler } from './sync'

export const sampleAccountId = 'sample'

/** Streams come and go at the source (a new DM, a channel joined or left): listed again this often. */
export const streamListIntervalMs = 60 * 60_000

/**
 * The account's streams after the source listed them again: a stream the
 * person already had keeps their pick; a new one takes the source's
 * suggestion; one the source no longer lists (a channel left) is dropped,
 * its items kept. Names follow the source (a renamed channel).
 */
export function mergeStreams(known: AccountStream[], listed: AccountStream[]): AccountStream[] {
  const byId = new Map(known.map((stream) => [stream.id, stream]))
  return listed.map((stream) => {
    const before = byId.get(stream.id)
    if (!before) return stream
    const merged: AccountStream = { ...stream }
    if (before.isPicked === undefined) delete merged.isPicked
    else merged.isPicked = before.isPicked
    return merged
  })
}

export function createAccounts(deps: {
  db: LullDb
  host: HostClient
  scheduler: Pick<StreamScheduler, 'setAccounts'>
  now: () => number
  report: (message: string) => void
  /** Only the leading window opens watches. */
  isLeading: () => boolean
  /** Whether a stream can carry an urgent item: only those need push. */
  isUrgent: (account: Account, stream: Account['streams'][number]) => boolean
  /** An urgent rule names this stream, so it is pulled even when not picked. */
  isNamed: (stream: Account['streams'][number]) => boolean
}) {
  const { db, host, report } = deps
  let accounts: Account[] = []
  /** When each account's streams were last listed by this window. */
  const listedAt = new Map<string, number>()
  let isListing = false

  /** List one account's streams again and keep the merge if anything changed. */
  async function relist(account: Account): Promise<boolean> {
    const { streams } = await host.call('account:list-streams', {
      account: { id: account.id, kind: account.kind },
    })
    const merged = mergeStreams(account.streams, streams)
    const current = await db.accounts.get(account.id)
    if (!current || JSON.stringify(merged) === JSON.stringify(current.streams)) return false
    await putAccount(db, { ...current, streams: merged })
    return true
  }

  /**
   * Ask main to keep push watches open on the urgent streams of each active
   * account (a paused one gets none). Only they need news at once: the rest
   * is held for the next check-in anyway, and is pulled before it. Sources
   * that cannot push are polled.
   */
  function watchStreams() {
    if (!deps.isLeading()) return
    for (const account of scheduled()) {
      const urgent = account.streams.filter((stream) => deps.isUrgent(account, stream))
      const streams = account.isPaused ? [] : urgent.map((stream) => stream.id)
      void host
        .call('source:watch', { account: { id: account.id, kind: account.kind }, streams })
        .catch((error: Error) =>
          report(`Live updates for ${account.label} could not start: ${error.message}`),
        )
    }
  }

  /**
   * The accounts as the scheduler sees them: only the streams Lull pulls,
   * the picked ones and any an urgent rule names (a Slack channel).
   */
  function scheduled(): Account[] {
    return accounts.map((account) => ({
      ...account,
      streams: account.streams.filter((stream) => stream.isPicked !== false || deps.isNamed(stream)),
    }))
  }

  async function removeSample() {
    await host
      .call('account:disconnect', { account: { id: sampleAccountId, kind: 'sample' } })
      .catch(() => {})
    await deleteAccount(db, sampleAccountId, { withItems: true })
  }

  return {
    get list(): Account[] {
      return accounts
    },

    find(id: string): Account | undefined {
      return accounts.find((account) => account.id === id)
    },

    /** Read the accounts again and bring the schedule and the watches in line. */
    async refresh() {
      accounts = await listAccounts(db)
      // The sample workspace is for a first look: it steps aside once a real account is connected.
      const hasRealAccount = accounts.some((account) => account.kind !== 'sample')
      if (hasRealAccount && accounts.some((account) => account.id === sampleAccountId)) {
        await removeSample()
        accounts = await listAccounts(db)
      }
      deps.scheduler.setAccounts(scheduled(), deps.now())
      watchStreams()
    },

    removeSample,

    /**
     * List the streams of each real account again once an hour (or now,
     * with `force`), so a new DM or a channel just joined is offered and
     * pulled. Failures are quiet here: the pulls report a broken account.
     */
    async relistStreams(now: number, options: { force?: boolean } = {}): Promise<void> {
      if (isListing || !deps.isLeading()) return
      isListing = true
      try {
        let isChanged = false
        for (const account of accounts) {
          if (account.kind === 'sample' || account.isPaused) continue
          const last = listedAt.get(account.id)
          if (!options.force && last !== undefined && now - last < streamListIntervalMs) continue
          listedAt.set(account.id, now)
          isChanged = (await relist(account).catch(() => false)) || isChanged
        }
        if (isChanged) await this.refresh()
      } finally {
        isListing = false
      }
    },

    /**
     * Connect a real account: main verifies the sign-in and keeps the secret;
     * the store gets the account with the streams the source offers. Throws
     * the host's error (a wrong token, a missing scope, 'needs-consent') for
     * the form to show.
     */
    async connect(
      request: CallRequest<'account:connect'>,
    ): Promise<{ account: Account; isReconnected: boolean }> {
      // Main recognises the same identity signing in again and answers its id.
      const existing = (await listAccounts(db))
        .filter((account) => account.kind === request.kind)
        .map(({ id, identity }) => ({ id, identity }))
      const answer = await host.call('account:connect', { ...request, existing })
      const known = await db.accounts.get(answer.id)
      // Reconnected: the person's label, picks and switches stay; the source's news is merged in.
      const account: Account = known
        ? {
            ...known,
            identity: answer.identity,
            streams: mergeStreams(known.streams, answer.streams),
            ...(answer.avatar ? { avatar: answer.avatar } : {}),
            ...(answer.githubHost ? { githubHost: answer.githubHost } : {}),
          }
        : answer
      await putAccount(db, account)
      listedAt.set(account.id, deps.now())
      return { account, isReconnected: known !== undefined }
    },

    async connectSample() {
      const account = await host.call('account:connect', {
        kind: 'sample',
        label: 'Sample workspace',
        credentials: {},
      })
      await putAccount(db, account)
    },
  }
}
