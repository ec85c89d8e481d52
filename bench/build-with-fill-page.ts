// The renderer built fresh into `outDir`, with a benchmark's fill page
// beside it under `bench-fill/`, so the fill page writes to the app's
// origin (the same IndexedDB the app then opens).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { rendererConfig } from '../electron.vite.config'
import { createLog } from '../src/main/log'
import { createSampleWorkspace } from '../src/main/sources/sample'
import { createMemoryVault } from '../src/main/vault'
import { startWebHost } from '../src/main/web/bridge-server'
import { createRecordingPorts } from '../src/main/web/os-standins'

/**
 * The app and a fill page built into a temporary folder and served by
 * browser mode's host (the sample workspace quiet, nothing else
 * connected); `close` stops the host and removes the folder.
 */
export async function serveWithFillPage(fillPageRoot: string, name: string) {
  const outDir = await mkdtemp(join(tmpdir(), `lull-bench-${name}-`))
  try {
    await buildWithFillPage(outDir, fillPageRoot)
    const log = createLog(() => {})
    const host = await startWebHost({
      rendererDir: outDir,
      platform: 'test',
      vault: createMemoryVault(),
      sources: { sample: createSampleWorkspace({ isScripted: false }).factory },
      os: createRecordingPorts(log),
      log,
    })
    return {
      url: host.url,
      close: async () => {
        await host.close()
        await rm(outDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await rm(outDir, { recursive: true, force: true })
    throw error
  }
}

export async function buildWithFillPage(outDir: string, fillPageRoot: string): Promise<void> {
  await build({
    ...rendererConfig,
    configFile: false,
    base: './',
    logLevel: 'warn',
    build: {
      ...rendererConfig.build,
      outDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      // Readable names in a profile: LULL_BENCH_NO_MINIFY=1.
      ...(process.env.LULL_BENCH_NO_MINIFY ? { minify: false } : {}),
    },
  })
  await build({
    configFile: false,
    root: fillPageRoot,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: join(outDir, 'bench-fill'),
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
    },
  })
}
