// A fault nothing caught is logged and the process goes on: Electron's main
// and browser mode's host both install this.
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { keepRunningThroughFaults } from '../../../src/main/last-resort'
import { createLog } from '../../../src/main/log'

describe('the last line of defence', () => {
  it('logs an uncaught exception and an unhandled rejection without ending the process', () => {
    const target = new EventEmitter()
    const log = createLog(() => {})
    keepRunningThroughFaults(target, log, 'app', 'Lull keeps running')
    target.emit('uncaughtException', new TypeError('envelope.payload is undefined'))
    target.emit('unhandledRejection', 'app_rate_limited')
    expect(log.lines.map((line) => [line.level, line.scope])).toEqual([
      ['error', 'app'],
      ['error', 'app'],
    ])
    expect(log.lines[0]?.message).toContain('Lull keeps running: TypeError: envelope.payload is undefined')
    expect(log.lines[1]?.message).toContain('in the background, Lull keeps running: app_rate_limited')
  })
})
