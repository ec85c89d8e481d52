// Secrets at rest: the file vault writes only sealed bytes and reads them
// back; the safeStorage cipher reports honestly whether it encrypts.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSafeStorageCipher } from '../../../src/main/os/safe-storage'
import { type Cipher, createFileVault, createMemoryVault } from '../../../src/main/vault'
import { resetElectron, safeStorage } from '../../fakes/electron'

/** A stand-in cipher: reversible, and never leaves the plain text in the bytes. */
const rot: Cipher = {
  backend: 'test-cipher',
  isEncrypted: true,
  encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((byte) => 255 - byte)),
  decrypt: (sealed) => Buffer.from(sealed.map((byte) => 255 - byte)).toString('utf8'),
}

const secret = { token: 'xoxp-1234-very-secret', user: 'ana' }

let folder = ''
beforeEach(async () => {
  resetElectron()
  folder = await mkdtemp(join(tmpdir(), 'lull-vault-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('file vault', () => {
  it('gives back what was put', async () => {
    const vault = createFileVault(join(folder, 'vault'), rot)
    await vault.put('slack-1', secret)
    expect(await vault.get('slack-1')).toEqual(secret)
  })

  it('never writes the secret in plain text', async () => {
    const vault = createFileVault(join(folder, 'vault'), rot)
    await vault.put('slack-1', secret)
    const files = await readdir(join(folder, 'vault'))
    expect(files).toHaveLength(1)
    const bytes = await readFile(join(folder, 'vault', files[0] ?? ''))
    expect(bytes.toString('utf8')).not.toContain('xoxp-1234-very-secret')
    expect(bytes.toString('latin1')).not.toContain('xoxp')
  })

  it('forgets a removed account and says whether there was one', async () => {
    const vault = createFileVault(join(folder, 'vault'), rot)
    await vault.put('slack-1', secret)
    expect(await vault.remove('slack-1')).toBe(true)
    expect(await vault.get('slack-1')).toBeNull()
    expect(await vault.remove('slack-1')).toBe(false)
  })

  it('answers null for an account it never saw', async () => {
    const vault = createFileVault(join(folder, 'vault'), rot)
    expect(await vault.get('github-9')).toBeNull()
  })

  it('reports its cipher backend', () => {
    const vault = createFileVault(join(folder, 'vault'), rot)
    expect(vault).toMatchObject({ backend: 'test-cipher', isEncrypted: true })
  })
})

describe('memory vault', () => {
  it('round-trips a secret, hands out copies and removes', async () => {
    const vault = createMemoryVault()
    await vault.put('github-1', secret)
    const copy = await vault.get('github-1')
    expect(copy).toEqual(secret)
    if (copy) copy.token = 'changed'
    expect((await vault.get('github-1'))?.token).toBe(secret.token)
    expect(await vault.remove('github-1')).toBe(true)
    expect(await vault.get('github-1')).toBeNull()
    expect(vault.isEncrypted).toBe(false)
  })
})

describe('safeStorage cipher', () => {
  it('uses the Linux keyring backend and reports it as encrypted', async () => {
    const cipher = createSafeStorageCipher('linux')
    expect(cipher).toMatchObject({ backend: 'gnome_libsecret', isEncrypted: true })
    const vault = createFileVault(join(folder, 'vault'), cipher)
    await vault.put('slack-1', secret)
    expect(await vault.get('slack-1')).toEqual(secret)
  })

  it('reports basic_text on Linux without a keyring as not encrypted', () => {
    safeStorage.backend = 'basic_text'
    expect(createSafeStorageCipher('linux')).toMatchObject({ backend: 'basic_text', isEncrypted: false })
  })

  it('names the keychain on macOS and DPAPI on Windows', () => {
    expect(createSafeStorageCipher('darwin').backend).toBe('keychain')
    expect(createSafeStorageCipher('win32').backend).toBe('dpapi')
  })

  it('refuses to save a secret with a message when encryption is unavailable', () => {
    safeStorage.isAvailable = false
    const cipher = createSafeStorageCipher('darwin')
    expect(cipher.isEncrypted).toBe(false)
    expect(() => cipher.encrypt('x')).toThrow(/keychain is not available/)
  })
})
