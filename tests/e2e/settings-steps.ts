// Steps on the Settings view that several end-to-end tests share.
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** Remove every check-in time in the open Settings form (not saved until the test saves). */
export async function clearCheckIns(page: Page): Promise<void> {
  const remove = page.getByRole('button', { name: /^Remove check-in/ })
  await expect.poll(() => remove.count()).toBeGreaterThan(0)
  while ((await remove.count()) > 0) await remove.first().click()
}
