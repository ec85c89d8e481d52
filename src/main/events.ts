// Main-to-renderer events. Every payload is checked against the contract
// before it leaves, and each transport (the app window's IPC, a browser-mode
// socket) subscribes as one listener.
import { type EventName, type EventPayload, events } from '../shared/contract'
import type { Log } from './log'

export type EventListener = (name: EventName, payload: unknown) => void
export type Emit = <N extends EventName>(name: N, payload: EventPayload<N>) => void

export type EventHub = {
  emit: Emit
  /** Add a transport; answers a function that removes it. */
  connect(listener: EventListener): () => void
}

export function createEventHub(log: Log): EventHub {
  const listeners = new Set<EventListener>()
  return {
    emit(name, payload) {
      const parsed = events[name].safeParse(payload)
      if (!parsed.success) {
        log.error('events', `refused to send ${name}: the payload breaks the contract`)
        return
      }
      for (const listener of listeners) listener(name, parsed.data)
    },
    connect(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
