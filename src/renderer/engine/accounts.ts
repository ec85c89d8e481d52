// The accounts the engine works for: read from the store, the sample
// workspace stepping aside once a real account is connected, the streams
// handed to the scheduler, and push watches asked of main for each.
import type { Account } from '../../shared/model'
import { deleteAccount, listAccounts, putAccount } from '../db/repositories'
import type { LullDb } from '../db/schema'
import type { HostClient } from '../host/client'
import type { StreamScheduler } from './sync'

export const sampleAccountId = 'sample'

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
}) {
  const { db, host, report } = deps
  let accounts: Account[] = []

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
   * the picked ones and any an urgent rule names.
   */
  function scheduled(): Account[] {
    return accounts.map((account) => ({
      ...account,
      streams: account.streams.filter(
        (stream) => stream.isPicked !== false || deps.isUrgent(account, stream),
      ),
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
