// What main can see of the person's state and of the work under way, for
// the update policy: the renderer's tray state (it says deep work at every
// wake), the host calls still being answered, and the check-in the window
// says it is storing. The engine lives in the
// renderer; this only watches what crosses the contract.
import type { CallName } from '../../shared/contract'
import type { TrayState } from '../../shared/model'
import type { Dispatch } from '../dispatch'
import type { Activity } from './policy'

/** Calls that write to a source: cutting one off could leave a thread undone or a status set. */
const writeBackCalls: ReadonlySet<CallName> = new Set([
  'item:done-write',
  'item:read-write',
  'slack:reply-post',
  'slack:reply-delete',
  'focus:status-set',
  'focus:status-restore',
])
/** Calls that fetch what the renderer then stores; a check-in makes these first. */
const pullCalls: ReadonlySet<CallName> = new Set(['source:pull', 'account:connect'])

export type ActivityWatch = {
  /** Wrap the dispatch every call goes through, counting source calls in flight. */
  track(dispatch: Dispatch): Dispatch
  noteTray(state: TrayState): void
  snapshot(): Activity
  /** Called after every change (a call ended, a tray state arrived); answers an unsubscribe. */
  onChange(listener: () => void): () => void
}

export function createActivityWatch(now: () => number): ActivityWatch {
  let tray: Activity['tray'] = null
  let writeBacks = 0
  let pulls = 0
  let lastSourceCallAt: number | null = null
  let checkInSince: number | null = null
  const listeners = new Set<() => void>()
  const changed = () => {
    for (const listener of listeners) listener()
  }
  return {
    track(dispatch) {
      return async (name, request) => {
        const kind = writeBackCalls.has(name as CallName)
          ? 'write-back'
          : pullCalls.has(name as CallName)
            ? 'pull'
            : null
        if (name === 'checkin:state-set') {
          const isDelivering = (request as { isDelivering?: unknown } | null)?.isDelivering === true
          checkInSince = isDelivering ? now() : null
          changed()
        }
        if (kind === null) return dispatch(name, request)
        if (kind === 'write-back') writeBacks++
        else pulls++
        try {
          return await dispatch(name, request)
        } finally {
          if (kind === 'write-back') writeBacks--
          else pulls--
          lastSourceCallAt = now()
          changed()
        }
      }
    },
    noteTray(state) {
      tray = { isDeepWork: state.isFocused, at: now() }
      changed()
    },
    snapshot: () => ({ tray, writeBacks, pulls, lastSourceCallAt, checkInSince }),
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
