// The renderer's typed view of the host: one call function that parses the
// answer against the contract and throws a HostError the UI can explain,
// and one subscribe function that parses every event payload.
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

export type HostClient = {
  call<N extends CallName>(name: N, request: CallRequest<N>): Promise<CallResponse<N>>
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void
}

export function createHostClient(
  bridge: LullBridge,
  onBadEvent: (message: string) => void = () => {},
): HostClient {
  return {
    async call(name, request) {
      const envelope = await bridge.calls[name](request)
      if (!envelope.ok) throw new HostError(envelope.error.code, envelope.error.message)
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
