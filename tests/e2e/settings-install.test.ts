// Settings' open at sign-in and updates in browser mode, in a real Chromium:
// neither exists outside the installed app, and the section says so instead
// of showing switches that cannot act.
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('settings: open at sign-in and updates', () => {
  const browser = useChromium()

  it('says they come with the installed app, with no switch to flip', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await page.getByRole('button', { name: 'Settings', exact: true }).click()
      const section = page.locator('section', {
        has: page.getByRole('heading', { name: 'Open at sign-in and updates' }),
      })
      await expect
        .poll(() => section.getByRole('note').textContent())
        .toMatch(/come with the installed app; browser mode has neither/)
      expect(await section.getByRole('switch').count()).toBe(0)
      expect(await section.getByRole('button', { name: 'Check now' }).count()).toBe(0)
    } finally {
      await host.close()
    }
  })
})
