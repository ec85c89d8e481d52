// A renderer that crashes or hangs is reloaded, with back-off and a limit,
// and the last recovery is remembered: against the stand-in electron module
// and a controlled clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLog } from '../../../src/main/log'
import { appPageUrl } from '../../../src/main/paths'
import { reloadDelayMs, watchWindowRecovery } from '../../../src/main/window-recovery'
import { BrowserWindow, resetElectron } from '../../fakes/electron'

function watched(options: { isQuitting?: () => boolean } = {}) {
  const window = new BrowserWindow({})
  void window.loadURL(appPageUrl)
  const log = createLog(() => {})
  const recovery = watchWindowRecovery({
    contents: window.webContents,
    reload: () => window.loadURL(appPageUrl),
    log,
    hangGraceMs: 5_000,
    maxTries: 3,
    stableAfterMs: 60_000,
    ...options,
  })
  /** Loads after the first one. */
  const reloads = () => window.loadedUrls.length - 1
  return { window, contents: window.webContents, log, recovery, reloads }
}

beforeEach(() => {
  resetElectron()
  vi.useFakeTimers({ now: new Date('2025-03-04T09:00:00Z') })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('a renderer that dies', () => {
  it('is reloaded at once, and the recovery is recorded with when and why', async () => {
    const { contents, recovery, reloads, log } = watched()
    expect(recovery.lastRecovery()).toBeNull()
    contents.crash('oom', 0)
    await vi.advanceTimersByTimeAsync(0)
    expect(reloads()).toBe(1)
    expect(contents.isRendererAlive).toBe(true)
    expect(recovery.lastRecovery()).toEqual({
      at: Date.parse('2025-03-04T09:00:00Z'),
      reason: expect.stringContaining('oom'),
    })
    expect(
      log.lines.some((line) => line.level === 'warn' && /app page .*oom.*reloading/.test(line.message)),
    ).toBe(true)
  })

  it('is not reloaded while Lull quits', async () => {
    const { contents, recovery, reloads } = watched({ isQuitting: () => true })
    contents.crash('clean-exit', 0)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(reloads()).toBe(0)
    expect(recovery.lastRecovery()).toBeNull()
  })

  it('is no longer watched once the window is closed', async () => {
    const { contents, recovery, reloads } = watched()
    recovery.dispose()
    contents.crash()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(reloads()).toBe(0)
  })
})

describe('a renderer that hangs', () => {
  it('gets a few seconds to answer again, and is left alone when it does', async () => {
    const { contents, recovery, reloads } = watched()
    contents.hang()
    await vi.advanceTimersByTimeAsync(4_000)
    contents.answerAgain()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(reloads()).toBe(0)
    expect(contents.isRendererAlive).toBe(true)
    expect(recovery.lastRecovery()).toBeNull()
  })

  it('is ended and reloaded once when it does not answer, not taken for a second crash', async () => {
    const { contents, recovery, reloads } = watched()
    contents.hang()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(reloads()).toBe(1)
    expect(contents.isRendererAlive).toBe(true)
    expect(recovery.lastRecovery()?.reason).toMatch(/stopped answering/)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(reloads()).toBe(1)
  })
})

describe('reloading that keeps failing', () => {
  it('backs off between tries and stops after the last one, saying why', async () => {
    const { window, contents, log, reloads } = watched()
    window.failingLoads = 10
    contents.crash()
    await vi.advanceTimersByTimeAsync(0)
    expect(reloads()).toBe(1)
    await vi.advanceTimersByTimeAsync(1_999)
    expect(reloads()).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(reloads()).toBe(2)
    await vi.advanceTimersByTimeAsync(8_000)
    expect(reloads()).toBe(3)
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(reloads()).toBe(3)
    const gaveUp = log.lines.find((line) => line.level === 'error')
    expect(gaveUp?.message).toMatch(/stopped reloading the app page after 3 tries.*ERR_FAILED/)
  })

  it('counts a page that crashes again right after each reload, and stops', async () => {
    const { contents, log, reloads } = watched()
    for (let crash = 0; crash < 5; crash++) {
      contents.crash()
      await vi.advanceTimersByTimeAsync(30_000)
    }
    expect(reloads()).toBe(3)
    expect(log.lines.some((line) => line.level === 'error' && /stopped reloading/.test(line.message))).toBe(
      true,
    )
  })

  it('starts counting again once a reloaded page has stayed up', async () => {
    const { contents, reloads } = watched()
    for (let crash = 0; crash < 5; crash++) {
      contents.crash()
      await vi.advanceTimersByTimeAsync(61_000)
    }
    expect(reloads()).toBe(5)
  })

  it('waits at once, then 2 s, 8 s, 32 s, and never more than a minute', () => {
    expect([1, 2, 3, 4, 5, 9].map(reloadDelayMs)).toEqual([0, 2_000, 8_000, 32_000, 60_000, 60_000])
  })
})
