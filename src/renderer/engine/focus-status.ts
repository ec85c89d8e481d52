// Focus status at the person's accounts: set when focus starts (each account
// whose source can, and whose switch is on), restored when it ends. What was
// set and what was there before are kept in the store, so a restart in the
// middle of focus still restores; an account whose restore fails is tried
// again at the next wake.
import { z } from 'zod'
import { FocusStatus } from '../../shared/contract'
import { type Account, AccountKind } from '../../shared/model'
import { getMeta, setMeta } from '../db/repositories'
import type { LullDb } from '../db/schema'
import type { HostClient } from '../host/client'

export const focusStatusKey = 'focusStatusSaved'

const Saved = z.array(
  z.object({
    accountId: z.string(),
    kind: AccountKind,
    label: z.string(),
    previous: FocusStatus,
    set: FocusStatus,
  }),
)
type Saved = z.infer<typeof Saved>

export function createFocusStatus(deps: { db: LullDb; host: HostClient; report: (message: string) => void }) {
  const { db, host, report } = deps
  const read = () => getMeta(db, focusStatusKey, Saved, [] as Saved)
  let running: Promise<void> = Promise.resolve()
  /** One change at a time, so a restore never races the set it undoes. */
  const inTurn = (work: () => Promise<void>) => {
    running = running.then(work, work)
    return running
  }

  async function setAt(account: Account, until: number | null, message: string) {
    try {
      const answer = await host.call('focus:status-set', {
        account: { id: account.id, kind: account.kind },
        until,
        message,
      })
      if (answer.outcome !== 'set') return
      const all = await read()
      // A restarted session keeps the first "previous": that is what the person had.
      const earlier = all.find((entry) => entry.accountId === account.id)
      const saved = all.filter((entry) => entry !== earlier)
      saved.push({
        accountId: account.id,
        kind: account.kind,
        label: account.label,
        previous: earlier?.previous ?? answer.previous,
        set: answer.set,
      })
      await setMeta(db, focusStatusKey, saved)
    } catch (error) {
      report(`Your status at ${account.label} could not be set for focus: ${(error as Error).message}`)
    }
  }

  return {
    /** Resolves once no status change is under way (the engine's `settled` waits for it). */
    whenIdle(): Promise<void> {
      return running.catch(() => {})
    },

    /** Set the status at every account that can and is switched on. */
    apply(accounts: Account[], until: number | null, message: string): Promise<void> {
      const chosen = accounts.filter((account) => account.isFocusStatusOn && !account.isPaused)
      return inTurn(async () => {
        for (const account of chosen) await setAt(account, until, message)
      })
    },

    /** Put back every saved status; keep the ones that failed for the next try. */
    restoreAll(): Promise<void> {
      return inTurn(async () => {
        const saved = await read()
        if (saved.length === 0) return
        const kept: Saved = []
        for (const entry of saved) {
          try {
            // 'changed-by-user' is done too: the person set their own status meanwhile, and theirs stays.
            await host.call('focus:status-restore', {
              account: { id: entry.accountId, kind: entry.kind },
              previous: entry.previous,
              set: entry.set,
            })
          } catch (error) {
            kept.push(entry)
            report(
              `Your status at ${entry.label} could not be restored yet; Lull tries again: ${(error as Error).message}`,
            )
          }
        }
        await setMeta(db, focusStatusKey, kept)
      })
    },

    async hasSaved(): Promise<boolean> {
      return (await read()).length > 0
    },
  }
}
