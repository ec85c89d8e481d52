// Builds only the renderer into a folder of one's own (`node --import tsx
// tests/support/build-renderer.ts DIR`), so several people working on the
// face can run the end-to-end tests side by side: point them at it with
// LULL_RENDERER_DIR=DIR. `npm test` builds the whole app into out/ instead.
import { resolve } from 'node:path'
import { build } from 'vite'
import { rendererConfig } from '../../electron.vite.config'

const outDir = process.argv[2]
if (!outDir) {
  console.error('usage: node --import tsx tests/support/build-renderer.ts DIR')
  process.exit(2)
}
await build({
  ...rendererConfig,
  configFile: false,
  base: './',
  logLevel: 'warn',
  build: { ...rendererConfig.build, outDir: resolve(outDir), emptyOutDir: true, reportCompressedSize: false },
})
console.log(`renderer built into ${resolve(outDir)}`)
