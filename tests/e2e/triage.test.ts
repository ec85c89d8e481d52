// Triage by keyboard only, in a real Chromium over browser mode: jump
// between views, move through a list, finish, snooze (held items too),
// undo, and the key list.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('keyboard triage', () => {
  const browser = useChromium()

  async function openWithDelivered(count: number) {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    const page = await browser().newPage()
    await page.goto(host.url)
    await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
    const items = Array.from({ length: count }, (_, index) =>
      host.workspace.inject(
        slackMessage({ channel: '#general', thread: `t${index}`, author: 'Dana', text: `Message ${index}` }),
      ),
    )
    await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(count)
    return { host, page, items }
  }

  const selectedId = (page: Page) =>
    page.locator('[role="row"][aria-selected="true"] article').getAttribute('data-item-id')
  /** s opens the snooze menu; n picks "Next check-in". */
  const snoozeToNextCheckIn = async (page: Page) => {
    await page.keyboard.press('s')
    await expect.poll(() => page.getByRole('menu', { name: /Snooze/ }).isVisible()).toBe(true)
    await page.keyboard.press('n')
    await page.keyboard.press('Enter')
  }
  const press = async (page: Page, ...keys: string[]) => {
    for (const key of keys) await page.keyboard.press(key)
  }

  it('peeks at held items in Waiting, then checks in, moves, finishes, undoes and snoozes by keys', async () => {
    const { host, page } = await openWithDelivered(3)
    try {
      await page.locator('body').click({ position: { x: 5, y: 300 } })
      await press(page, 'g', 'w')
      await expect
        .poll(() => page.getByRole('button', { name: 'Waiting' }).getAttribute('aria-current'))
        .toBe('page')
      const waiting = page.locator('[data-testid=inbox-list] article')
      await expect.poll(() => waiting.count()).toBe(3)
      // s works on a held item too: snoozed, it leaves Waiting; u brings it back.
      const held = await selectedId(page)
      await snoozeToNextCheckIn(page)
      await expect.poll(() => waiting.count()).toBe(2)
      await expect.poll(() => page.getByTestId('undo-snooze').textContent()).toMatch(/^Snoozed until/)
      expect(await page.locator(`article[data-item-id="${held}"]`).count()).toBe(0)
      await press(page, 'u')
      await expect.poll(() => waiting.count()).toBe(3)

      await press(page, 'g', 'n')
      await page.getByRole('button', { name: /Check in now/ }).click()
      await page.locator('body').click({ position: { x: 5, y: 300 } })
      await press(page, 'g', 'i')
      const rows = page.locator('[data-testid=inbox-list] article')
      await expect.poll(() => rows.count()).toBe(3)
      const first = await selectedId(page)
      await press(page, 'j')
      const second = await selectedId(page)
      expect(second).not.toBe(first)
      await press(page, 'k')
      expect(await selectedId(page)).toBe(first)

      await press(page, 'e')
      await expect.poll(() => rows.count()).toBe(2)
      await expect.poll(() => page.getByTestId('undo-done').textContent()).toContain('Dana in #general')
      await press(page, 'u')
      await expect.poll(() => rows.count()).toBe(3)

      await snoozeToNextCheckIn(page)
      await expect.poll(() => rows.count()).toBe(2)
    } finally {
      await host.close()
    }
  })

  it('lists the keys on ?, closes the list on Escape, and leaves keys typed into a field alone', async () => {
    const { host, page } = await openWithDelivered(1)
    try {
      await page.locator('body').click({ position: { x: 5, y: 300 } })
      await press(page, '?')
      const dialog = page.getByRole('dialog', { name: 'Keys' })
      await expect.poll(() => dialog.isVisible()).toBe(true)
      expect(await dialog.textContent()).toContain('Mark done')
      expect(await dialog.textContent()).toContain('Done through here')
      await press(page, 'Escape')
      await expect.poll(() => dialog.isVisible()).toBe(false)

      await page.getByRole('button', { name: 'Settings', exact: true }).click()
      const field = page.locator('input').first()
      await field.click()
      await press(page, 'g', 'i')
      expect(
        await page.getByRole('button', { name: 'Settings', exact: true }).getAttribute('aria-current'),
      ).toBe('page')
    } finally {
      await host.close()
    }
  })
})
