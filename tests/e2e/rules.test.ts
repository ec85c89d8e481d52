// The Rules view in a real Chromium: a rule typed is previewed against the
// last week of stored items before it is added; added, it is saved and
// then lets the next matching message through deep work.
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('urgent rules', () => {
  const browser = useChromium()

  it('previews a typed rule on the stored week, adds it, and reorders and removes rules', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      for (const [thread, text] of [
        ['deploy', 'deploy is stuck'],
        ['deploy', 'still stuck'],
        ['lunch', 'lunch?'],
      ]) {
        host.workspace.inject(
          slackMessage({ channel: '#general', thread: thread ?? '', author: 'Dana', text: text ?? '' }),
        )
      }
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(3)

      await page.getByRole('button', { name: 'Rules', exact: true }).click()
      const form = page.getByRole('form', { name: 'Add an urgent rule' })
      await form.getByRole('combobox', { name: 'Kind' }).selectOption('slack-keyword')
      await form.getByRole('textbox', { name: /Keyword/ }).fill('stuck')
      await expect.poll(() => form.getByTestId('preview-count').textContent()).toBe('2')
      // One thread within the cooldown: one notification for both messages.
      expect(await form.getByTestId('preview-notifications').textContent()).toBe('1')
      // The messages themselves, as who · where · what · when, newest first; not the source's title.
      const listed = form.getByTestId('preview-item')
      expect(await listed.count()).toBe(2)
      expect(await listed.first().locator('.preview-who').textContent()).toBe('Dana')
      expect(await listed.first().locator('.preview-where').textContent()).toBe('#general')
      expect(await listed.first().locator('.preview-what').textContent()).toBe('still stuck')
      expect(await listed.first().locator('.preview-when').textContent()).toMatch(/\d\d:\d\d$/)
      expect(await listed.last().locator('.preview-what').textContent()).toBe('deploy is stuck')
      await page.screenshot({ path: 'test-results/rules-preview.png' })
      await form.getByRole('textbox', { name: /Keyword/ }).fill('lunch')
      await expect.poll(() => form.getByTestId('preview-count').textContent()).toBe('1')
      await form.getByRole('button', { name: 'Add rule' }).click()

      const rules = page.locator('.rule-head > strong')
      await expect
        .poll(() => rules.allTextContents())
        .toEqual(['Slack channel #incidents', 'Slack message with "lunch"'])
      await page.getByRole('button', { name: 'Move up Slack message with "lunch"' }).click()
      await expect
        .poll(() => rules.allTextContents())
        .toEqual(['Slack message with "lunch"', 'Slack channel #incidents'])
      await page.getByRole('button', { name: 'Remove Slack channel #incidents' }).click()
      await expect.poll(() => rules.allTextContents()).toEqual(['Slack message with "lunch"'])
      // Saved: a reload shows the same rules.
      await page.reload()
      await page.getByRole('button', { name: 'Rules', exact: true }).click()
      await expect.poll(() => rules.allTextContents()).toEqual(['Slack message with "lunch"'])
    } finally {
      await host.close()
    }
  })
})
