// The Accounts view and the write-back path as a person uses them, in a real
// Chromium over browser mode: streams and their state, pause and resume,
// remove asked first, "done" with undo.
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('accounts', () => {
  const browser = useChromium()

  it('lists the streams with their state, pauses and resumes, and asks before removing', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      await page.getByRole('button', { name: 'Accounts', exact: true }).click()
      const card = page.locator('[data-account-id=sample]')
      await expect.poll(() => card.locator('tr[data-stream]').count()).toBe(6)
      await expect
        .poll(() => card.locator('tr[data-stream=slack-incidents] td').nth(1).textContent())
        .toMatch(/Live|Polled/)

      await card.getByRole('button', { name: 'Pause' }).click()
      await expect.poll(() => card.locator('tr[data-state=paused]').count()).toBe(6)
      host.workspace.inject(
        slackMessage({ channel: '#general', thread: 'paused', author: 'Sam', text: 'while paused' }),
      )
      await page.waitForTimeout(1_000)
      await page.getByRole('button', { name: 'Now', exact: true }).click()
      expect(await page.getByTestId('waiting-count').textContent()).toBe('0')
      await page.getByRole('button', { name: 'Accounts', exact: true }).click()
      await card.getByRole('button', { name: 'Resume' }).click()
      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(1)

      await page.getByRole('button', { name: 'Accounts', exact: true }).click()
      // Removing is in the account's settings, folded away until asked for.
      await card.getByText('Settings for this account').click()
      await card.getByRole('button', { name: 'Turn off sample workspace' }).click()
      const confirm = page.getByRole('alertdialog', { name: 'Remove account' })
      await expect.poll(() => confirm.textContent()).toMatch(/every item from it, held and delivered/)
      // The question takes the focus, on the answer that keeps things as they are.
      const keep = confirm.getByRole('button', { name: 'Keep it' })
      await expect
        .poll(() => keep.evaluate((button) => button.ownerDocument.activeElement === button))
        .toBe(true)
      await keep.click()
      expect(await card.count()).toBe(1)
      await page.screenshot({ path: 'test-results/accounts.png' })
    } finally {
      await host.close()
    }
  })

  it('marks an item done with a way to undo it', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      const said = host.workspace.inject(
        slackMessage({ channel: '#general', thread: 'undo', author: 'Mei', text: 'can you look?' }),
      )
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(1)
      await page.getByRole('button', { name: /Check in now/ }).click()
      const row = page.locator(`[data-item-id="${said.id}"]`)
      await row.getByRole('button', { name: 'Done' }).click()
      await expect.poll(() => row.getAttribute('data-status')).toBe('done')
      const undo = page.getByTestId('undo-done')
      await expect.poll(() => undo.textContent()).toContain('Marked done')
      await undo.getByRole('button', { name: 'Undo' }).click()
      await expect.poll(() => row.getAttribute('data-status')).toBe('delivered')
    } finally {
      await host.close()
    }
  })
})
