// The sample workspace's own side, held the way a server holds it: who
// watches which stream, what was marked done or read, the person's status,
// and the faults a test or demo asks for. The sample source talks to it as
// a real source talks to its server.
import type { FocusStatus } from '../../../shared/contract'
import { noStatus } from '../focus-status'
import type { WatchHandlers } from '../source'

export type SampleFaultKind = 'drop' | 'timeout' | '5xx' | 'malformed' | '429'

export type SampleFault = {
  /** Which of the pulls that follow fails: 0 is the next one, 1 the one after. */
  page?: number
  kind: SampleFaultKind
  /** With '429': how long the workspace asks Lull to wait (Retry-After); 60 s when not given. */
  retryAfterSeconds?: number
}

/** How the workspace answers one request, as a server's status line would. */
export type SampleReply = { kind: 'ok' } | { kind: 'revoked' } | { kind: 'fault'; fault: SampleFault }

/** What a test or demo can do to the workspace, and read back from it. */
export type SampleControls = {
  failNext(fault: SampleFault): void
  /** The workspace stops accepting the sign-in: every request after this is refused. */
  revokeCredentials(): void
  /** The person signed in anew (a new token): requests are accepted again. */
  acceptNewSignIn(): void
  /** End every open watch on the stream, as a dropped socket would. Answers how many ended. */
  dropWatch(stream: string): number
  openWatchCount(stream: string): number
  /** Requests that reached the workspace, refused ones included (a rate limit Lull keeps to sends none). */
  requestCount(): number
  /** External ids written back, in the order they came. */
  writes(): { done: string[]; read: string[] }
  focusStatus(): FocusStatus
  /** Change the status at the workspace, as the person would in the source's own app. */
  setFocusStatusAsPerson(status: FocusStatus): void
}

export type SampleServer = {
  controls: SampleControls
  /** One request arrives; a pull is a page, which is what faults count. */
  receive(isPage: boolean): SampleReply
  addWatch(stream: string, handlers: WatchHandlers): () => void
  /** Tell the watches on a stream (every stream with null) that it may hold something new. */
  notify(stream: string | null): void
  hasWatches(): boolean
  writeDone(externalId: string): void
  writeRead(externalId: string): void
  readStatus(): FocusStatus
  writeStatus(status: FocusStatus): void
}

type Watch = { stream: string; handlers: WatchHandlers }

export function createSampleServer(): SampleServer {
  let requests = 0
  let pages = 0
  let isRevoked = false
  const armed: Array<{ atPage: number; fault: SampleFault }> = []
  const watches = new Set<Watch>()
  const done: string[] = []
  const read: string[] = []
  let status: FocusStatus = { ...noStatus }

  const watchesOn = (stream: string) => [...watches].filter((watch) => watch.stream === stream)

  const controls: SampleControls = {
    failNext(fault) {
      armed.push({ atPage: pages + Math.max(0, fault.page ?? 0), fault })
    },
    revokeCredentials() {
      isRevoked = true
    },
    acceptNewSignIn() {
      isRevoked = false
    },
    dropWatch(stream) {
      const dropped = watchesOn(stream)
      for (const watch of dropped) {
        watches.delete(watch)
        watch.handlers.onDown(`the sample workspace closed the watch on ${stream}`)
      }
      return dropped.length
    },
    openWatchCount: (stream) => watchesOn(stream).length,
    requestCount: () => requests,
    writes: () => ({ done: [...done], read: [...read] }),
    focusStatus: () => ({ ...status }),
    setFocusStatusAsPerson(next) {
      status = { ...next }
    },
  }

  return {
    controls,
    receive(isPage) {
      requests += 1
      if (isRevoked) return { kind: 'revoked' }
      if (!isPage) return { kind: 'ok' }
      const page = pages
      pages += 1
      const index = armed.findIndex((entry) => entry.atPage === page)
      if (index < 0) return { kind: 'ok' }
      const [entry] = armed.splice(index, 1)
      return entry ? { kind: 'fault', fault: entry.fault } : { kind: 'ok' }
    },
    addWatch(stream, handlers) {
      const watch = { stream, handlers }
      watches.add(watch)
      return () => {
        watches.delete(watch)
      }
    },
    notify(stream) {
      for (const watch of watches) {
        if (stream !== null && watch.stream !== stream) continue
        // Told after the caller's turn, as a message over a socket would be.
        queueMicrotask(() => {
          if (watches.has(watch)) watch.handlers.onChange()
        })
      }
    },
    hasWatches: () => watches.size > 0,
    writeDone(externalId) {
      done.push(externalId)
    },
    writeRead(externalId) {
      read.push(externalId)
    },
    readStatus: () => ({ ...status }),
    writeStatus(next) {
      status = { ...next }
    },
  }
}
