// The last line of defence once Lull runs: a fault no handler caught (a
// library's promise nobody awaited, a throw in a socket callback) is logged
// and the process goes on, so one odd answer from a server cannot take the
// app, its tray and its held items' engine down. Start-up failures are not
// covered: they are reported and end the process.
import type { Log } from './log'

/** The part of `process` this needs, so a test can hand it an emitter. */
export type FaultEmitter = {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
}

export function describeFault(fault: unknown): string {
  if (fault instanceof Error) return fault.stack ?? `${fault.name}: ${fault.message}`
  return String(fault)
}

/** `keeps` says what goes on ("Lull keeps running", "Lull keeps serving"), for the log line. */
export function keepRunningThroughFaults(target: FaultEmitter, log: Log, scope: string, keeps: string) {
  target.on('uncaughtException', (error) => {
    log.error(scope, `unexpected error, ${keeps}: ${describeFault(error)}`)
  })
  target.on('unhandledRejection', (reason) => {
    log.error(scope, `unexpected failure in the background, ${keeps}: ${describeFault(reason)}`)
  })
}
