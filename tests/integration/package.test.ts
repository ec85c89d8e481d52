// The installed app's contents: Lull packed for Linux as a directory with
// the real electron-builder config, then its app.asar opened and listed.
// Electron's binary cannot be downloaded here, so the package is made
// against a stand-in Electron distribution (build/pack-with-stand-in.ts):
// the archive, the manifest and the fuses do not depend on what the binary
// runs. Runs after `npm run build` (npm test builds first), like the
// build-output check, whose paths (src/main/paths.ts) it checks in the archive.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { extractAll, listPackage } from '@electron/asar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fusesOutOfPlace } from '../../build/fuses'
import { asarBudgetBytes, type PackedApp, packLinuxDirWithStandIn } from '../../build/pack-with-stand-in'
import { appPaths, retinaVariant, trayIcons } from '../../src/main/paths'

const projectDir = resolve('.')
const buildHint = 'is missing: run npm run build first (npm test builds before vitest)'

let workDir = ''
let packed: PackedApp
/** Every path in app.asar, relative to its root, with forward slashes ('out/main/index.js'). */
let files: string[] = []
/** The archive unpacked, so module resolution can run inside it the way Electron's Node does. */
let unpacked = ''

beforeAll(async () => {
  expect(existsSync(join(projectDir, 'out', 'main', 'index.js')), `out/main/index.js ${buildHint}`).toBe(true)
  workDir = await mkdtemp(join(tmpdir(), 'lull-package-'))
  packed = await packLinuxDirWithStandIn(projectDir, workDir)
  files = listPackage(packed.asarPath, { isPack: false }).map((path) =>
    path.split(sep).join('/').replace(/^\//, ''),
  )
  unpacked = join(workDir, 'unpacked')
  extractAll(packed.asarPath, unpacked)
  console.log(
    `app.asar: ${(packed.asarBytes / 1024 / 1024).toFixed(1)} MB, ${files.length} entries, packed in ${packed.seconds.toFixed(1)} s`,
  )
}, 180_000)

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true })
})

const isFile = (path: string) => statSync(join(unpacked, path)).isFile()

/** Files under a folder of the project, relative to the project, as they would appear in the archive. */
function projectFiles(folder: string): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else found.push(relative(projectDir, path).split(sep).join('/'))
    }
  }
  walk(join(projectDir, folder))
  return found.sort()
}

/** The packages main imports by name in the built bundle (static, dynamic and require). */
function bareImportsOfBuiltMain(): string[] {
  const code = readFileSync(join(projectDir, 'out', 'main', 'index.js'), 'utf8')
  const specifiers = new Set<string>()
  for (const pattern of [
    /\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
    /^\s*import\s*["']([^"']+)["']/gm,
  ]) {
    for (const [, specifier = ''] of code.matchAll(pattern)) specifiers.add(specifier)
  }
  const builtins = new Set(builtinModules)
  return [...specifiers]
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
    .filter((specifier) => specifier !== 'electron' && !builtins.has(specifier))
    .sort()
}

/** name@version of every package package-lock.json installs for production (not dev, not dev-optional). */
function productionPackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(projectDir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { name?: string; version?: string; dev?: boolean; devOptional?: boolean }>
  }
  const found = new Set<string>()
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.includes('node_modules/') || entry.dev === true || entry.devOptional === true) continue
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
    found.add(`${name}@${entry.version}`)
  }
  return found
}

describe('the Linux package', () => {
  it('holds the built main, preload and renderer, every built file and no source map', () => {
    const built = projectFiles('out').filter((path) => !path.endsWith('.map'))
    expect(built.length).toBeGreaterThan(3)
    const packedOut = files.filter((path) => path.startsWith('out/') && isFile(path)).sort()
    expect(packedOut).toEqual(built)
    const paths = appPaths('', 'linux')
    for (const path of [paths.preload, paths.rendererHtml, join('out', 'main', 'index.js')])
      expect(files, `${path} in app.asar`).toContain(path.split(sep).join('/'))
  })

  it.each(['linux', 'darwin', 'win32'])(
    'holds the app icon and every tray icon main loads on %s, at the path main computes',
    (platform) => {
      // Packaged, main's app root is the archive's root: appPaths('') gives the paths inside it.
      const paths = appPaths('', platform)
      const wanted = [
        paths.appIcon,
        ...trayIcons.flatMap((icon) => [paths.trayIcons[icon], retinaVariant(paths.trayIcons[icon])]),
      ]
      for (const path of wanted) expect(files, `${path} in app.asar`).toContain(path.split(sep).join('/'))
    },
  )

  it('has a manifest that starts the built main as an ES module', () => {
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'))
    const project = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'))
    expect(manifest).toMatchObject({
      name: 'lull',
      productName: 'Lull',
      version: project.version,
      type: 'module',
    })
    expect(isFile(manifest.main)).toBe(true)
    expect(resolve(unpacked, manifest.main)).toBe(join(unpacked, 'out', 'main', 'index.js'))
  })

  it('resolves every package the built main imports inside the archive', async () => {
    const specifiers = bareImportsOfBuiltMain()
    // What main imports today, so a bundle that stopped importing anything cannot pass unseen.
    expect(specifiers).toEqual(expect.arrayContaining(['@octokit/rest', '@slack/web-api', 'imapflow', 'zod']))
    // Resolved by Node's own ES module resolver, from the built main's place in the archive.
    const probe = join(unpacked, 'out', 'main', 'resolve-probe.mjs')
    await writeFile(
      probe,
      "const answer = {}\nfor (const name of JSON.parse(process.argv[2])) {\n  try { answer[name] = import.meta.resolve(name) } catch (error) { answer[name] = 'unresolved: ' + error.code }\n}\nprocess.stdout.write(JSON.stringify(answer))\n",
    )
    const answer = JSON.parse(
      execFileSync(process.execPath, [probe, JSON.stringify(specifiers)], {
        cwd: unpacked,
        encoding: 'utf8',
      }),
    ) as Record<string, string>
    await rm(probe)
    for (const specifier of specifiers) {
      const url = answer[specifier] ?? 'no answer'
      expect(url, `${specifier} resolves`).toMatch(/^file:/)
      const path = new URL(url).pathname
      expect(path.startsWith(`${unpacked}/node_modules/`), `${specifier} resolves inside app.asar`).toBe(true)
      expect(existsSync(path), `${specifier}: ${path} exists`).toBe(true)
    }
  })

  it('holds every production dependency the manifest names', () => {
    const project = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'))
    for (const name of Object.keys(project.dependencies))
      expect(files, `${name} in app.asar`).toContain(`node_modules/${name}/package.json`)
  })

  it('holds nothing else: no tests, benches, sources, build scripts or development packages', () => {
    const topLevel = new Set(files.map((path) => path.split('/')[0]))
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json', 'resources'])
    const resources = files.filter((path) => path.startsWith('resources/') && isFile(path)).sort()
    expect(resources).toEqual(
      projectFiles('resources').filter(
        (path) => path === 'resources/icon.png' || /^resources\/tray\/[^/]+\.png$/.test(path),
      ),
    )
    // electron-builder lays the production tree out anew (it hoists nested copies), so a
    // package is matched to the lock by name and version, not by where it sits.
    const production = productionPackages()
    const packageRoots = files.filter((path) =>
      /^(node_modules\/(@[^/]+\/)?[^/@][^/]*\/)+package\.json$/.test(path),
    )
    expect(packageRoots.length).toBeGreaterThan(10)
    for (const root of packageRoots) {
      const { name, version } = JSON.parse(readFileSync(join(unpacked, root), 'utf8'))
      expect(
        production.has(`${name}@${version}`),
        `${name}@${version} (${root}) is a production package`,
      ).toBe(true)
    }
    for (const path of files) {
      expect(path, 'a source map, TypeScript source or type file').not.toMatch(/\.(map|ts|cts|mts)$/)
    }
  })

  it('has the fuses flipped in the packed binary by the afterPack hook', async () => {
    expect(await fusesOutOfPlace(packed.binary)).toEqual([])
  })

  it(`keeps app.asar within its budget (${asarBudgetBytes / 1024 / 1024} MB)`, () => {
    expect(packed.asarBytes).toBeLessThanOrEqual(asarBudgetBytes)
  })
})
