// A check-in triaged from the keyboard alone, in a real Chromium over
// browser mode: pick rows with x and Shift, mark them done and take it back,
// "done through here", snooze from the menu and take it back, open an item
// and come back to the same row. The sample workspace records what Lull
// writes back to the source: a done goes out once, after the undo window,
// and one taken back never goes out. A screen reader's view of the list is
// checked too: one focused row, the selected rows marked, one Tab stop.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

type TestHost = Awaited<ReturnType<typeof startTestWebHost>>
/** The page's document, as far as these tests read it (this file is type-checked without the DOM). */
type PageElement = {
  getAttribute(name: string): string | null
  querySelector(selector: string): PageElement | null
}
type PageGlobals = { document: { activeElement: PageElement | null } }

describe.skipIf(!hasChromium)('triaging a check-in by keyboard', () => {
  const browser = useChromium()

  /** Lull with `count` messages held, checked in from the palette, showing the digest. */
  async function checkedIn(host: TestHost, messages: Array<{ thread: string; text: string }>) {
    const page = await browser().newPage({ viewport: { width: 1280, height: 800 } })
    const refused: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy|Refused/i.test(message.text())) refused.push(message.text())
    })
    page.on('pageerror', (error) => refused.push(error.message))
    await page.goto(host.url)
    await expect.poll(() => page.getByRole('note').count()).toBeGreaterThan(0)
    const items = messages.map((message) =>
      host.workspace.inject(
        slackMessage({ channel: '#general', thread: message.thread, author: 'Dana', text: message.text }),
      ),
    )
    await expect
      .poll(async () => Number(await page.getByTestId('waiting-count').textContent()))
      .toBe(messages.length)
    await page.keyboard.press('Control+k')
    await page.keyboard.type('check in now')
    await page.keyboard.press('Enter')
    // A check-in counts conversations once some updates share one.
    const threads = new Set(messages.map((m) => m.thread)).size
    await expect
      .poll(() => page.getByTestId('digest-title').textContent())
      .toContain(
        threads < messages.length
          ? `${threads} conversations (${messages.length} updates)`
          : `${messages.length} new`,
      )
    await expect
      .poll(() => page.locator('.digest article').count())
      .toBe(new Set(messages.map((m) => m.thread)).size)
    return { page, items, refused }
  }

  const rowIds = (page: Page) =>
    page.locator('.digest article').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-item-id')))
  const status = (page: Page, id: string) =>
    page.locator(`.digest article[data-item-id="${id}"]`).getAttribute('data-status')
  const selectedIds = (page: Page) =>
    page
      .locator('.digest [role="row"][aria-selected="true"] article')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-item-id')))
  const focusedId = (page: Page) =>
    page.evaluate(
      () =>
        (globalThis as unknown as PageGlobals).document.activeElement
          ?.querySelector('article')
          ?.getAttribute('data-item-id') ?? null,
    )
  const press = async (page: Page, ...keys: string[]) => {
    for (const key of keys) await page.keyboard.press(key)
  }

  it('picks, finishes, finishes through here, snoozes and undoes, writing back once after the undo window', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const { page, items, refused } = await checkedIn(
        host,
        Array.from({ length: 8 }, (_, index) => ({ thread: `t${index}`, text: `Item ${index} to triage` })),
      )
      const order = (await rowIds(page)) as string[]
      const externalIdOf = (id: string) => items.find((item) => item.id === id)?.externalId
      // The cursor is on the first row; j moves, x picks, Shift+J extends.
      await press(page, 'j', 'j', 'j')
      expect(await focusedId(page)).toBe(order[3])
      await press(page, 'x', 'j', 'x', 'Shift+J')
      await expect.poll(() => selectedIds(page)).toEqual(order.slice(3, 6))
      expect(await focusedId(page)).toBe(order[5])

      // e finishes the three picked rows at once; u takes all three back.
      await press(page, 'e')
      for (const id of order.slice(3, 6)) await expect.poll(() => status(page, id as string)).toBe('done')
      await expect.poll(() => page.getByTestId('undo-done').textContent()).toContain('Marked 3 items done')
      // The focus moved on to the next row, and nothing is picked any more.
      expect(await focusedId(page)).toBe(order[6])
      expect(await selectedIds(page)).toEqual([order[6]])
      expect(host.workspace.controls.writes().done).toEqual([])
      await press(page, 'u')
      for (const id of order.slice(3, 6))
        await expect.poll(() => status(page, id as string)).toBe('delivered')

      // Shift+E: done from the top of the list through the focused row, as one step.
      await press(page, 'k', 'k', 'k', 'k')
      expect(await focusedId(page)).toBe(order[2])
      await press(page, 'Shift+E')
      for (const id of order.slice(0, 3)) await expect.poll(() => status(page, id as string)).toBe('done')
      expect(await focusedId(page)).toBe(order[3])
      // Nothing is written while Undo can still take it back.
      expect(host.workspace.controls.writes().done).toEqual([])

      // s opens the snooze menu on the focused row; n picks "Next check-in".
      await press(page, 's')
      const menu = page.getByRole('menu', { name: /Snooze/ })
      await expect.poll(() => menu.isVisible()).toBe(true)
      await press(page, 'n', 'Enter')
      await expect.poll(() => status(page, order[3] as string)).toBe('snoozed')
      await expect.poll(() => page.getByTestId('undo-snooze').textContent()).toMatch(/^Snoozed until/)
      expect(await focusedId(page)).toBe(order[4])
      await press(page, 'u')
      await expect.poll(() => status(page, order[3] as string)).toBe('delivered')

      // Once the undo window is over the three go to the source, once each; the three taken back never do.
      await expect.poll(() => host.workspace.controls.writes().done.length, { timeout: 30_000 }).toBe(3)
      expect([...host.workspace.controls.writes().done].sort()).toEqual(
        order
          .slice(0, 3)
          .map((id) => externalIdOf(id as string))
          .sort(),
      )
      expect(refused).toEqual([])
    } finally {
      await host.close()
    }
  })

  it('shows a screen reader one focused row, the selected rows, and one Tab stop for the list', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const { page } = await checkedIn(
        host,
        Array.from({ length: 4 }, (_, index) => ({ thread: `s${index}`, text: `Row ${index}` })),
      )
      const order = (await rowIds(page)) as string[]
      const grid = page.getByRole('grid', { name: 'Digest' })
      expect(await grid.getAttribute('aria-multiselectable')).toBe('true')

      // From the element before the list, Tab lands on the list's current row; the next Tab leaves the list.
      await page.getByTestId('digest-title').focus()
      await press(page, 'Tab')
      expect(await focusedId(page)).toBe(order[0])
      await press(page, 'Tab')
      expect(
        await grid.evaluate((list) =>
          list.contains((globalThis as unknown as PageGlobals).document.activeElement as never),
        ),
      ).toBe(false)
      await press(page, 'Shift+Tab')
      expect(await focusedId(page)).toBe(order[0])

      // Selection is focus: the focused row is the selected one.
      await press(page, 'j')
      const rows = grid.getByRole('row')
      const states = () =>
        rows.evaluateAll((all) =>
          all
            .filter((row) => row.querySelector('article'))
            .map((row) => ({
              id: row.querySelector('article')?.getAttribute('data-item-id'),
              isSelected: row.getAttribute('aria-selected') === 'true',
              isFocused: (row as unknown) === (globalThis as unknown as PageGlobals).document.activeElement,
              tabIndex: row.getAttribute('tabindex'),
            })),
        )
      await expect
        .poll(async () => (await states()).filter((row) => row.isFocused).map((row) => row.id))
        .toEqual([order[1]])
      expect((await states()).filter((row) => row.isSelected).map((row) => row.id)).toEqual([order[1]])
      expect((await states()).filter((row) => row.tabIndex === '0').map((row) => row.id)).toEqual([order[1]])

      // Picking rows: Space picks the focused one, Shift+↓ extends; the focus stays on one row.
      await press(page, 'Space', 'Shift+ArrowDown')
      await expect
        .poll(async () => (await states()).filter((row) => row.isSelected).map((row) => row.id))
        .toEqual([order[1], order[2]])
      expect((await states()).filter((row) => row.isFocused).map((row) => row.id)).toEqual([order[2]])
      const tree = await grid.ariaSnapshot()
      expect(tree.match(/\[selected\]/g)?.length).toBe(2)
      // Escape lets go of the picked rows; the focused row is the selection again.
      await press(page, 'Escape')
      await expect
        .poll(async () => (await states()).filter((row) => row.isSelected).map((row) => row.id))
        .toEqual([order[2]])
    } finally {
      await host.close()
    }
  })

  it('opens an item with its conversation and why it is here on Enter, and Esc comes back to the same row', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const { page, items } = await checkedIn(host, [
        { thread: 'plan', text: 'Shall we move the launch to Thursday?' },
        { thread: 'other', text: 'Lunch is on the roof' },
        { thread: 'plan', text: 'Thursday works if QA signs off' },
      ])
      const conversationRow = page
        .locator('.digest [role="row"]')
        .filter({ has: page.locator('.triage-count') })
      await expect.poll(() => conversationRow.locator('.triage-count').textContent()).toContain('2')
      const key = await conversationRow.getAttribute('data-key')
      // Move the cursor to the conversation's row and open it.
      const order = (await rowIds(page)) as string[]
      const latest = items[2]?.id as string
      const steps = order.indexOf(latest)
      await press(page, ...Array.from({ length: steps }, () => 'j'))
      await press(page, 'Enter')

      const view = page.getByRole('region', { name: 'Item' })
      await expect
        .poll(() => view.locator(`article[data-item-id="${latest}"] .item-text`).textContent())
        .toBe('Thursday works if QA signs off')
      const thread = view.getByTestId('item-thread')
      await expect.poll(() => thread.locator('li').count()).toBe(2)
      expect(await thread.locator('li').first().textContent()).toContain(
        'Shall we move the launch to Thursday?',
      )
      expect(await view.getByTestId('item-why').textContent()).toMatch(
        /Delivered.*by the check-in at \d\d:\d\d/,
      )

      await press(page, 'Escape')
      await expect.poll(() => page.getByTestId('digest-title').count()).toBe(1)
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('data-key') ?? null,
          ),
        )
        .toBe(key)
    } finally {
      await host.close()
    }
  })
})
