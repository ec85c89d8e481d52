// Packs Lull for Linux as a directory (electron-builder's `dir` target) with
// this project's real config, against a stand-in Electron distribution:
// Electron's binary cannot be downloaded on the build machines, and the
// package's contents (app.asar), its manifest and the fuse flip do not depend
// on what the binary does, only on the bytes electron-builder copies and
// afterPack patches. The stand-in is a small script carrying Electron's fuse
// wire with Electron's own defaults, so the flip is real and can be read back.
// Used by tests/integration/package.test.ts and bench/package-size.ts.
import { readFileSync, statSync } from 'node:fs'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { build, Platform } from 'electron-builder'
import config from '../electron-builder.config'

/** What app.asar (Lull's own part of the package) may weigh; bench/package-size.ts prints the size against it. */
export const asarBudgetBytes = 20 * 1024 * 1024

/** Electron's fuse sentinel (@electron/fuses' SENTINEL), then wire version 1 and the wire's length. */
export const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

/**
 * Electron 45's fuses as it ships them, in wire order: RunAsNode on, cookie
 * encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, only
 * asar off, browser V8 snapshot off, file:// privileges on, Wasm trap handlers on.
 */
export const electronDefaultWire = '101100011'

/** A stand-in `electron` executable: a shell script that says what it is, with the fuse wire in its bytes. */
export function standInElectron(wire = electronDefaultWire): Buffer {
  return Buffer.concat([
    Buffer.from('#!/bin/sh\necho "A stand-in for Electron, used to test packaging."\nexit 0\n# ', 'utf8'),
    Buffer.from(fuseSentinel, 'ascii'),
    Buffer.from([1, wire.length]),
    Buffer.from(`${wire}\n`, 'ascii'),
  ])
}

export type PackedApp = {
  appOutDir: string
  asarPath: string
  /** The packed executable (the renamed stand-in), which afterPack flipped the fuses in. */
  binary: string
  asarBytes: number
  seconds: number
}

/** Pack the project at `projectDir` (its out/ built already) into `workDir`; answers where things are. */
export async function packLinuxDirWithStandIn(projectDir: string, workDir: string): Promise<PackedApp> {
  const electronDist = join(workDir, 'electron-dist')
  await mkdir(join(electronDist, 'resources'), { recursive: true })
  const standIn = join(electronDist, 'electron')
  await writeFile(standIn, standInElectron())
  await chmod(standIn, 0o755)
  const electronVersion = JSON.parse(
    readFileSync(join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version as string
  const output = join(workDir, 'dist')
  const started = performance.now()
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: {
      ...config,
      electronDist,
      electronVersion,
      directories: { ...config.directories, output },
    },
  })
  const appOutDir = join(output, 'linux-unpacked')
  const asarPath = join(appOutDir, 'resources', 'app.asar')
  return {
    appOutDir,
    asarPath,
    binary: join(appOutDir, config.linux?.executableName ?? 'lull'),
    asarBytes: statSync(asarPath).size,
    seconds: (performance.now() - started) / 1000,
  }
}
