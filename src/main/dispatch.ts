// Turns one raw call (a name and an untrusted payload) into an envelope:
// unknown names and invalid payloads are refused with a clear message, the
// handler's answer is checked against the contract, and nothing thrown
// escapes. Electron IPC and the browser bridge both call through here.
import type { z } from 'zod'
import {
  type CallName,
  type CallResponse,
  type Calls,
  callNames,
  describeIssues,
  type Envelope,
  HostError,
  isCallName,
} from '../shared/contract'
import type { Log } from './log'

export type HostHandlers = {
  [N in CallName]: (request: z.infer<Calls[N]['request']>) => Promise<CallResponse<N>>
}

export type Dispatch = (name: unknown, request: unknown) => Promise<Envelope>

export function createDispatch(handlers: HostHandlers, calls: Calls, log: Log): Dispatch {
  return async (name, request) => {
    if (!isCallName(name)) {
      const message = `Lull has no call named ${JSON.stringify(String(name)).slice(0, 80)}. Update the app so both sides match.`
      log.warn('ipc', message)
      return { ok: false, error: { code: 'unknown-call', message } }
    }
    const parsed = calls[name].request.safeParse(request)
    if (!parsed.success) {
      const message = `${name} was called with an invalid request (${describeIssues(parsed.error)}). Nothing was changed.`
      log.warn('ipc', message)
      return { ok: false, error: { code: 'invalid-request', message } }
    }
    try {
      const handler = handlers[name] as (request: unknown) => Promise<unknown>
      const value = await handler(parsed.data)
      const checked = calls[name].response.safeParse(value)
      if (!checked.success) {
        const message = `${name} produced an answer that breaks the contract (${describeIssues(checked.error)}).`
        log.error('ipc', message)
        return { ok: false, error: { code: 'internal', message } }
      }
      return { ok: true, value: checked.data }
    } catch (error) {
      if (error instanceof HostError) {
        log.warn('ipc', `${name} failed: ${error.code}: ${error.message}`)
        const retryAfter = error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }
        return { ok: false, error: { code: error.code, message: error.message, ...retryAfter } }
      }
      const message = `${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`
      log.error('ipc', message)
      return { ok: false, error: { code: 'internal', message } }
    }
  }
}

/** Every call the contract names must have a handler; checked at start-up. */
export function assertHandlersComplete(handlers: Partial<HostHandlers>): asserts handlers is HostHandlers {
  const missing = callNames.filter((name) => typeof handlers[name] !== 'function')
  if (missing.length > 0) throw new Error(`Host handlers missing for: ${missing.join(', ')}`)
}
