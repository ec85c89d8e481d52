// The preload source, run against the stand-in electron module: it exposes
// the contract as window.lull over IPC and hands the page nothing else.
import { beforeAll, describe, expect, it } from 'vitest'
import { callNames, eventNames, ipcChannel, type LullBridge } from '../../../src/shared/contract'
import { contextBridge, ipcRenderer } from '../../fakes/electron'

let lull: LullBridge
beforeAll(async () => {
  await import('../../../src/preload/index')
  lull = contextBridge.exposed.get('lull') as LullBridge
})

describe('preload', () => {
  it('exposes one thing, window.lull, with every call and event of the contract', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['lull'])
    expect(Object.keys(lull.calls).sort()).toEqual([...callNames].sort())
    expect(Object.keys(lull.events).sort()).toEqual([...eventNames].sort())
  })

  it('sends a call over its IPC channel and answers the envelope', async () => {
    ipcRenderer.answer = () => ({ ok: true, value: { isShown: true } })
    const answer = await lull.calls['notify:show']({ title: 'hi' })
    expect(ipcRenderer.invoked.at(-1)).toEqual({
      channel: ipcChannel.call('notify:show'),
      args: [{ title: 'hi' }],
    })
    expect(answer).toEqual({ ok: true, value: { isShown: true } })
  })

  it('turns an unreadable answer into an internal error envelope', async () => {
    ipcRenderer.answer = () => 'garbage'
    const answer = await lull.calls['app:info']({})
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } })
  })

  it('hands event listeners the payload only, never the IPC event', () => {
    const received: unknown[][] = []
    const stop = lull.events['power:changed']((...args: unknown[]) => received.push(args))
    ipcRenderer.deliver(ipcChannel.event('power:changed'), { event: 'resume' })
    expect(received).toEqual([[{ event: 'resume' }]])
    stop()
  })

  it('stops delivering once unsubscribed', () => {
    const received: unknown[] = []
    const stop = lull.events['tray:command']((payload) => received.push(payload))
    stop()
    ipcRenderer.deliver(ipcChannel.event('tray:command'), { command: 'focus-end' })
    expect(received).toEqual([])
    expect(ipcRenderer.listenerCount(ipcChannel.event('tray:command'))).toBe(0)
  })
})
