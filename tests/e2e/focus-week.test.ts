// The Focus view's week grid in a real Chromium: a block drawn by dragging
// down a day, moved and resized with the keys, another typed, the week
// saved and still there after a reload; a manual session started there.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('the focus week', () => {
  const browser = useChromium()

  /** Drag down Wednesday's column from one time of day to another. */
  async function dragOnWednesday(page: Page, from: string, to: string) {
    const column = page.locator('.week-day-column[data-day=wed]')
    const box = await column.boundingBox()
    if (!box) throw new Error('the Wednesday column is not on screen')
    const y = (time: string) => {
      const [hours = 0, minutes = 0] = time.split(':').map(Number)
      return box.y + ((hours * 60 + minutes) / (24 * 60)) * box.height
    }
    await page.mouse.move(box.x + box.width / 2, y(from))
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2, y(to), { steps: 5 })
    await page.mouse.up()
  }

  it('draws, moves, resizes and types blocks, and saves the week', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.setViewportSize({ width: 1280, height: 1000 })
      await page.goto(host.url)
      await page.getByRole('button', { name: 'Focus', exact: true }).click()
      await expect.poll(() => page.locator('.week-block').count()).toBe(5)

      await dragOnWednesday(page, '14:00', '16:00')
      const drawn = page.getByRole('button', { name: /^Deep work Wed 14:00.16:00/ })
      await expect.poll(() => drawn.count()).toBe(1)
      await drawn.focus()
      await page.keyboard.press('ArrowDown')
      await page.keyboard.press('Shift+ArrowDown')
      const moved = page.getByRole('button', { name: /^Deep work Wed 14:15.16:30/ })
      await expect.poll(() => moved.count()).toBe(1)

      await page.getByRole('textbox', { name: /Add blocks by typing/ }).fill('Sat 10:00-12:00')
      await page.getByRole('button', { name: 'Add', exact: true }).click()
      await page.getByRole('button', { name: 'Save the week' }).click()
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1)

      await page.reload()
      await page.getByRole('button', { name: 'Focus', exact: true }).click()
      await expect
        .poll(() => page.getByRole('button', { name: /^Deep work Wed 14:15.16:30/ }).count())
        .toBe(1)
      expect(await page.getByRole('button', { name: /^Deep work Sat 10:00.12:00/ }).count()).toBe(1)

      await page.getByRole('button', { name: /^Deep work Sat 10:00.12:00/ }).focus()
      await page.keyboard.press('Delete')
      await expect.poll(() => page.getByRole('button', { name: /^Deep work Sat/ }).count()).toBe(0)

      await page.getByRole('button', { name: 'Until I stop' }).click()
      await expect.poll(() => page.getByText('Focusing until you stop').count()).toBe(1)
      await page.getByRole('button', { name: 'End focus' }).click()
      await expect.poll(() => page.getByText('Focusing until you stop').count()).toBe(0)
    } finally {
      await host.close()
    }
  })
})
