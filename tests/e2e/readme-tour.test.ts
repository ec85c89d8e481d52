// The README's pictures, taken from the app as a person sees it after a
// morning of the sample workspace: a check-in's digest with replies first,
// the inbox, today's timeline, the week, a rule's preview and the stats, in
// light and one in dark. Saved under test-results/readme/; the chosen ones
// are copied to resources/screenshots/ for the README.
import { mkdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { messageForSlot, sampleStreams } from '../../src/main/sources/sample/traffic'
import { hasChromium, useChromium } from '../support/chromium'
import { startTestWebHost } from './web-host'

mkdirSync('test-results/readme', { recursive: true })

describe.skipIf(!hasChromium)('the README tour', () => {
  const browser = useChromium()

  it('shows a morning of messages as a digest with replies first, and every main view', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const context = await browser().newContext({ viewport: { width: 1100, height: 720 } })
      const page = await context.newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      // A morning's worth: every stream but #incidents (whose rule would break through at once).
      const quiet = sampleStreams.filter((stream) => stream.id !== 'slack-incidents')
      const count = 14
      for (let slot = 0; slot < count; slot++) {
        const stream = quiet[slot % quiet.length]
        if (!stream) continue
        const {
          id: _id,
          accountId: _account,
          ...said
        } = messageForSlot(stream, slot + 10, Date.now() - (count - slot) * 9 * 60_000)
        host.workspace.inject(said)
      }
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(count)
      await page.getByRole('button', { name: /Check in now/ }).click()
      await expect.poll(() => page.getByTestId('digest-title').textContent()).toMatch(/14 new/)
      // Replies come first: the digest's first row waits on the person.
      const first = page.locator('.digest article').first()
      await expect.poll(() => first.textContent()).toMatch(/reply/i)
      await page.screenshot({ path: 'test-results/readme/digest.png' })

      const nav = page.getByRole('navigation', { name: 'Views' })
      for (const view of ['Now', 'Inbox', 'Focus', 'Rules', 'Stats']) {
        await nav.getByRole('button', { name: view, exact: true }).click()
        await expect.poll(() => page.locator('main .loading').count()).toBe(0)
        await page.screenshot({ path: `test-results/readme/${view.toLowerCase()}.png` })
      }
      // The same digest in dark, as the system's setting would turn it.
      await nav.getByRole('button', { name: 'Digest', exact: true }).click()
      await page.emulateMedia({ colorScheme: 'dark' })
      await expect.poll(() => page.getByTestId('digest-title').textContent()).toMatch(/14 new/)
      await page.screenshot({ path: 'test-results/readme/digest-dark.png' })
      await context.close()
    } finally {
      await host.close()
    }
  })
})
