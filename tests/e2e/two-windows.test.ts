// Two browser-mode tabs on one store: one leads the engine (a Web Lock), the
// other shows the same inbox and sends its intents to the store. Focus
// started in the second tab is what the leader's tray shows; closing the
// leader hands the engine to the other tab, and nothing stops arriving.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

type LockState = { held: number; pending: number }
/** The part of the page's Web Locks API this test reads (the Node-side types have no DOM). */
type Locks = { query(): Promise<{ held?: Array<{ name?: string }>; pending?: Array<{ name?: string }> }> }

const engineLock = (page: Page) =>
  page.evaluate(async (): Promise<LockState> => {
    const locks = (globalThis as unknown as { navigator: { locks: Locks } }).navigator.locks
    const state = await locks.query()
    const named = (list: Array<{ name?: string }> | undefined) =>
      (list ?? []).filter((lock) => lock.name === 'lull-engine').length
    return { held: named(state.held), pending: named(state.pending) }
  })

describe.skipIf(!hasChromium)('two windows on one store', () => {
  const browser = useChromium()

  it('runs one engine, follows focus started in the other tab, and hands over when the leader closes', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    const context = await browser().newContext()
    try {
      const first = await context.newPage()
      await first.goto(host.url)
      await expect.poll(() => first.getByRole('note').textContent()).toContain('Sample workspace')
      const second = await context.newPage()
      await second.goto(host.url)
      await expect.poll(() => second.getByTestId('focus-state').textContent()).toBe('Not focusing')
      await expect.poll(() => engineLock(second)).toEqual({ held: 1, pending: 1 })

      await second.getByRole('button', { name: 'Focus 25 min' }).click()
      await expect.poll(() => host.ports.trayStates.at(-1)?.isFocused).toBe(true)
      await expect.poll(() => first.getByTestId('focus-state').textContent()).toMatch(/^Focus until/)
      const traysDuringFocus = host.ports.trayStates.length
      await first.waitForTimeout(1_500)
      expect(host.ports.trayStates.slice(traysDuringFocus).every((state) => state.isFocused)).toBe(true)

      await first.close()
      await expect.poll(() => engineLock(second)).toEqual({ held: 1, pending: 0 })
      host.workspace.inject(
        slackMessage({ channel: '#general', thread: 'after-handover', author: 'Priya', text: 'still here?' }),
      )
      await expect.poll(async () => Number(await second.getByTestId('waiting-count').textContent())).toBe(1)
    } finally {
      await context.close()
      await host.close()
    }
  })
})
