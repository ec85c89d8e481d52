// The package's size against its budget: Lull packed for Linux (`dir`)
// with the real electron-builder config against a stand-in Electron
// (build/pack-with-stand-in.ts), then app.asar weighed, with the largest
// dependencies in it. Needs `npm run build` first (out/).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { listPackage, statFile } from '@electron/asar'
import { asarBudgetBytes, packLinuxDirWithStandIn } from '../build/pack-with-stand-in'

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

export async function benchPackageSize(): Promise<string[]> {
  const workDir = await mkdtemp(join(tmpdir(), 'lull-bench-package-'))
  try {
    const packed = await packLinuxDirWithStandIn(resolve('.'), workDir)
    const byPart = new Map<string, number>()
    for (const path of listPackage(packed.asarPath, { isPack: false })) {
      const stat = statFile(packed.asarPath, path.replace(/^[\\/]/, ''), false)
      if (!('size' in stat) || typeof stat.size !== 'number') continue
      const parts = path.replace(/^[\\/]/, '').split(/[\\/]/)
      const part =
        parts[0] === 'node_modules'
          ? parts[1]?.startsWith('@')
            ? `${parts[1]}/${parts[2]}`
            : (parts[1] ?? '')
          : `${parts[0]}/${parts[1] ?? ''}`
      byPart.set(part, (byPart.get(part) ?? 0) + stat.size)
    }
    const largest = [...byPart.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)
    const ratio = packed.asarBytes / asarBudgetBytes
    return [
      `app.asar: ${megabytes(packed.asarBytes)} of a ${megabytes(asarBudgetBytes)} budget (ratio ${ratio.toFixed(2)}${ratio > 1 ? ', OVER BUDGET' : ''}), packed in ${packed.seconds.toFixed(1)} s`,
      `largest parts: ${largest.map(([part, bytes]) => `${part} ${megabytes(bytes)}`).join(', ')}`,
    ]
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
}
