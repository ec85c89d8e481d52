// Builds a benchmark page with Vite, serves it on 127.0.0.1 (IndexedDB needs
// a real origin) and evaluates one expression in it in a headless Chromium.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { chromiumArgs, chromiumPath } from '../tests/support/chromium'
import { serveDirectory } from './ingest/serve'

/** Waits for `readyCheck` (a JS expression) to hold, then returns what `expression` resolves to. */
export async function evaluateInBenchPage(
  pageRoot: string,
  readyCheck: string,
  expression: string,
): Promise<unknown> {
  const outDir = await mkdtemp(join(tmpdir(), 'lull-bench-page-'))
  try {
    await build({
      configFile: false,
      root: pageRoot,
      base: './',
      publicDir: false,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
    })
    const server = await serveDirectory(outDir)
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
    try {
      const page = await browser.newPage()
      await page.goto(server.url)
      await page.waitForFunction(readyCheck)
      return await page.evaluate(expression)
    } finally {
      await browser.close()
      await server.close()
    }
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}
