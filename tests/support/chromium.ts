// Finds Debian's Chromium for the real-browser tests. Outside CI a missing
// browser skips those tests, loudly; in CI (CI=true) it is a failure.
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

export const chromiumPath = process.env.LULL_CHROMIUM ?? '/usr/bin/chromium'
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export const isInCi = process.env.CI === 'true'
export const hasChromium = existsSync(chromiumPath)

if (!hasChromium) {
  const message = `Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set LULL_CHROMIUM.`
  if (isInCi) throw new Error(`${message} CI needs it for the end-to-end tests.`)
  console.warn(`\n*** SKIPPING real-browser tests: ${message} ***\n`)
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true })
}

/** One Chromium for a describe block: launched before its tests, closed after them. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser) throw new Error('Chromium is not running: call useChromium() inside a describe block.')
    return browser
  }
}
