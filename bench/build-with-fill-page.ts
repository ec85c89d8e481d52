// The renderer built fresh into `outDir`, with a benchmark's fill page
// beside it under `bench-fill/`, so the fill page writes to the app's
// origin (the same IndexedDB the app then opens).
import { join } from 'node:path'
import { build } from 'vite'
import { rendererConfig } from '../electron.vite.config'

export async function buildWithFillPage(outDir: string, fillPageRoot: string): Promise<void> {
  await build({
    ...rendererConfig,
    configFile: false,
    base: './',
    logLevel: 'warn',
    build: { ...rendererConfig.build, outDir, emptyOutDir: true, reportCompressedSize: false },
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
