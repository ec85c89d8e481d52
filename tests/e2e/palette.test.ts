// The command palette in a real Chromium: Ctrl+K opens it from anywhere (a
// text field too), typing narrows it, each command shows its key, Enter runs
// an item action on the list that had the focus, or goes to a view. Nothing
// on the way is refused by the page's CSP.
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('the command palette', () => {
  const browser = useChromium()

  it('opens with Ctrl+K, shows each key, runs an item action and goes to a view', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      const refused: string[] = []
      page.on('console', (message) => {
        if (/Content Security Policy|Refused/i.test(message.text())) refused.push(message.text())
      })
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').count()).toBeGreaterThan(0)
      const said = ['a', 'b'].map((thread) =>
        host.workspace.inject(
          slackMessage({ channel: '#general', thread, author: 'Mei', text: `palette ${thread}` }),
        ),
      )
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(2)

      const palette = page.getByRole('dialog', { name: 'Command palette' })
      const input = palette.getByRole('combobox')
      // A view by name.
      await page.keyboard.press('Control+k')
      await expect.poll(() => palette.isVisible()).toBe(true)
      const waitingCommand = palette.getByRole('option', { name: /Go to Waiting/ })
      expect(await waitingCommand.locator('kbd').allTextContents()).toEqual(['g', 'w'])
      await page.keyboard.type('waiting')
      await expect.poll(() => palette.getByRole('option').count()).toBe(1)
      await page.keyboard.press('Enter')
      await expect.poll(() => palette.count()).toBe(0)
      await expect
        .poll(() => page.getByRole('button', { name: 'Waiting' }).first().getAttribute('aria-current'))
        .toBe('page')
      const rows = page.locator('[data-testid=inbox-list] article')
      await expect.poll(() => rows.count()).toBe(2)

      // An item action, on the row the list shows as current.
      const current = await page
        .locator('[role="row"][aria-selected="true"] article')
        .getAttribute('data-item-id')
      expect(said.map((item) => item.id)).toContain(current)
      await page.keyboard.press('Control+k')
      await expect.poll(() => palette.isVisible()).toBe(true)
      expect(
        await palette
          .getByRole('option', { name: /^Mark done/ })
          .locator('kbd')
          .allTextContents(),
      ).toEqual(['e'])
      await input.fill('mark done')
      await page.keyboard.press('Enter')
      await expect.poll(() => rows.count()).toBe(1)
      expect(await page.locator(`article[data-item-id="${current}"]`).count()).toBe(0)
      await expect.poll(() => page.getByTestId('undo-done').textContent()).toContain('Marked done')

      // From a text field too; Escape closes it and leaves the field as it was.
      await page.keyboard.press('g')
      await page.keyboard.press('i')
      const search = page.getByRole('searchbox', { name: 'Search' })
      await search.fill('palette')
      await search.focus()
      await page.keyboard.press('Control+k')
      await expect.poll(() => palette.isVisible()).toBe(true)
      await page.keyboard.press('Escape')
      await expect.poll(() => palette.count()).toBe(0)
      expect(await search.inputValue()).toBe('palette')
      expect(refused).toEqual([])
    } finally {
      await host.close()
    }
  })
})
