// The built preload, loaded the way a sandboxed Electron renderer loads it:
// one CommonJS file whose `require` knows only electron, events, timers and
// url. An ES-module preload, or one that requires zod at run time, works in
// every Node test and fails only in the real app; this is where it fails first.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { beforeAll, describe, expect, it } from 'vitest'
import { callNames, eventNames, ipcChannel, type LullBridge } from '../../src/shared/contract'

const builtPreload = resolve('out/preload/index.cjs')
const sandboxModules = ['electron', 'events', 'timers', 'url']

type Recorded = { invoked: Array<{ channel: string; args: unknown[] }>; exposed: Map<string, unknown> }

/** Evaluate the preload in a fresh context with only what the sandbox gives it. */
function loadInSandbox(source: string): {
  recorded: Recorded
  emit(channel: string, ...args: unknown[]): void
} {
  const recorded: Recorded = { invoked: [], exposed: new Map() }
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        recorded.exposed.set(key, api)
      },
    },
    ipcRenderer: {
      invoke(channel: string, ...args: unknown[]) {
        recorded.invoked.push({ channel, args })
        return Promise.resolve({ ok: true, value: { echoed: channel } })
      },
      on(channel: string, listener: (...args: unknown[]) => void) {
        const set = listeners.get(channel) ?? new Set()
        set.add(listener)
        listeners.set(channel, set)
      },
      removeListener(channel: string, listener: (...args: unknown[]) => void) {
        listeners.get(channel)?.delete(listener)
      },
    },
  }
  const sandboxRequire = (name: string): unknown => {
    if (name === 'electron') return electron
    if (sandboxModules.includes(name)) return {}
    throw new Error(
      `Cannot find module '${name}' (a sandboxed preload can require only ${sandboxModules.join(', ')})`,
    )
  }
  const module = { exports: {} }
  // The renderer's own globals a preload may rely on; no process, Buffer or Node require.
  const globals = { console, URL, TextEncoder, TextDecoder, setTimeout, clearTimeout, queueMicrotask }
  const wrapped = runInNewContext(`(function (require, module, exports) {\n${source}\n})`, globals, {
    filename: builtPreload,
  }) as (require: (name: string) => unknown, module: { exports: object }, exports: object) => void
  wrapped(sandboxRequire, module, module.exports)
  return {
    recorded,
    emit(channel, ...args) {
      for (const listener of listeners.get(channel) ?? []) listener(...args)
    },
  }
}

let source = ''
beforeAll(() => {
  if (!existsSync(builtPreload)) {
    throw new Error(`${builtPreload} is missing: run npm run build first (npm test builds before vitest).`)
  }
  source = readFileSync(builtPreload, 'utf8')
})

describe('built preload in a sandboxed renderer', () => {
  it('is a CommonJS file with no import statements', () => {
    expect(source).not.toMatch(/^\s*import\s*[\w{*'"]/m)
    expect(source).not.toMatch(/\bimport\s*\(/)
    expect(source).not.toMatch(/^\s*export\s/m)
  })

  it('requires nothing but electron; zod and the contract are bundled in', () => {
    const required = [...source.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1])
    expect(new Set(required)).toEqual(new Set(['electron']))
  })

  it('loads with only the sandbox modules and exposes exactly window.lull', () => {
    const { recorded } = loadInSandbox(source)
    expect([...recorded.exposed.keys()]).toEqual(['lull'])
  })

  it('exposes every contract call and event, and nothing more', () => {
    const lull = loadInSandbox(source).recorded.exposed.get('lull') as LullBridge
    expect(Object.keys(lull).sort()).toEqual(['calls', 'events'])
    expect(Object.keys(lull.calls).sort()).toEqual([...callNames].sort())
    expect(Object.keys(lull.events).sort()).toEqual([...eventNames].sort())
  })

  it('sends a call through ipcRenderer.invoke on its lull:call channel', async () => {
    const { recorded } = loadInSandbox(source)
    const lull = recorded.exposed.get('lull') as LullBridge
    const answer = await lull.calls['source:pull']({ stream: 'C1' })
    expect(recorded.invoked).toEqual([{ channel: ipcChannel.call('source:pull'), args: [{ stream: 'C1' }] }])
    expect(answer).toMatchObject({ ok: true, value: { echoed: 'lull:call:source:pull' } })
  })

  it('delivers event payloads without the IPC event, and unsubscribes', () => {
    const sandbox = loadInSandbox(source)
    const lull = sandbox.recorded.exposed.get('lull') as LullBridge
    const received: unknown[][] = []
    const stop = lull.events['notification:clicked']((...args: unknown[]) => received.push(args))
    const ipcEvent = { sender: 'ipcRenderer', ports: [] }
    sandbox.emit(ipcChannel.event('notification:clicked'), ipcEvent, { target: { view: 'now' } })
    stop()
    sandbox.emit(ipcChannel.event('notification:clicked'), ipcEvent, { target: { view: 'inbox' } })
    expect(JSON.parse(JSON.stringify(received))).toEqual([[{ target: { view: 'now' } }]])
  })
})
