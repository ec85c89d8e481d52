// The renderer's typed view of the host: one call function that parses the
// answer against the contract and throws a HostError the UI can explain,
// and one subscribe function that parses every event payload. Every call has
// a deadline: a host or source that never answers costs that call, never
// the engine that waits on it.
import {
  type CallName,
  type CallRequest,
  type CallResponse,
  calls,
  describeIssues,
  type EventName,
  type EventPayload,
  events,
  HostError,
  type LullBridge,
} from '../../shared/contract'
import { type Clock, systemClock } from '../engine/clock'

/** How long each call may take before it fails with 'timeout'. Sources talk to the network; the rest is local. */
export const callDeadlineMs: Record<CallName, number> = {
  'app:info': 10_000,
  'account:connect': 60_000,
  'account:verify': 30_000,
  'account:disconnect': 30_000,
  'account:list-streams': 60_000,
  'source:pull': 45_000,
  'item:done-write': 30_000,
  'item:read-write': 30_000,
  'slack:reply-post': 30_000,
  'slack:reply-delete': 30_000,
  'slack:reply-check': 30_000,
  'source:watch': 30_000,
  'source:reconnect': 10_000,
  'focus:status-set': 30_000,
  'focus:status-restore': 30_000,
  'ledger:summary': 10_000,
  'notify:show': 10_000,
  'tray:state-set': 10_000,
  'checkin:state-set': 10_000,
  'link:open-external': 10_000,
  'store:check': 10_000,
  'shortcut:focus-set': 10_000,
  'calendar:connect': 90_000,
  'calendar:read': 90_000,
  'calendar:disconnect': 10_000,
  'install:state': 10_000,
  'install:open-at-login-set': 10_000,
  'update:enabled-set': 10_000,
  'update:check': 10_000,
  'update:restart': 10_000,
}

export type HostClient = {
  call<N extends CallName>(name: N, request: CallRequest<N>): Promise<CallResponse<N>>
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void
}

export function createHostClient(
  bridge: LullBridge,
  onBadEvent: (message: string) => void = () => {},
  clock: Pick<Clock, 'setTimer'> = systemClock,
): HostClient {
  function withDeadline<T>(name: CallName, answer: Promise<T>): Promise<T> {
    const seconds = Math.round(callDeadlineMs[name] / 1000)
    return new Promise<T>((resolve, reject) => {
      const cancel = clock.setTimer(
        () =>
          reject(
            new HostError(
              'timeout',
              `${name} got no answer within ${seconds} s. Lull carries on and asks again later.`,
            ),
          ),
        callDeadlineMs[name],
      )
      answer.then(
        (value) => {
          cancel()
          resolve(value)
        },
        (error: unknown) => {
          cancel()
          reject(error)
        },
      )
    })
  }
  return {
    async call(name, request) {
      const envelope = await withDeadline(name, bridge.calls[name](request))
      if (!envelope.ok) {
        const { code, message, retryAfterMs } = envelope.error
        throw new HostError(code, message, retryAfterMs === undefined ? {} : { retryAfterMs })
      }
      const parsed = calls[name].response.safeParse(envelope.value)
      if (!parsed.success) {
        throw new HostError(
          'internal',
          `The answer to ${name} is unreadable (${describeIssues(parsed.error)}).`,
        )
      }
      return parsed.data as CallResponse<typeof name>
    },
    on(name, listener) {
      return bridge.events[name]((payload) => {
        const parsed = events[name].safeParse(payload)
        if (!parsed.success) {
          onBadEvent(`Ignored a ${name} event that breaks the contract (${describeIssues(parsed.error)}).`)
          return
        }
        listener(parsed.data as EventPayload<typeof name>)
      })
    },
  }
}
