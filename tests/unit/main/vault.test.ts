// Secrets at rest: the file vault writes only sealed bytes and reads them
// back, keeps this-run-only secrets off the disk, and answers a file it
// cannot open with a remedy; the safeStorage cipher reports honestly
// whether it encrypts.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSafeStorageCipher } from '../../../src/main/os/safe-storage'
import { type Cipher, createFileVault, createMemoryVault } from '../../../src/main/vault'
import { HostError } from '../../../src/shared/contract'
import { resetElectron, safeStorage } from '../../fakes/electron'

/** A stand-in cipher: reversible, never leaves the plain text in the bytes, and knows which key sealed them. */
function versionedCipher(): Cipher & { keyVersion: number } {
  const cipher = {
    backend: 'test-cipher',
    isEncrypted: true,
    keyVersion: 1,
    async encrypt(plain: string) {
      const body = Buffer.from(Buffer.from(plain, 'utf8').map((byte) => 255 - byte))
      return Buffer.concat([Buffer.from([cipher.keyVersion]), body])
    },
    async decrypt(sealed: Buffer) {
      const plain = Buffer.from(sealed.subarray(1).map((byte) => 255 - byte)).toString('utf8')
      return { plain, shouldReseal: sealed[0] !== cipher.keyVersion }
    },
  }
  return cipher
}

const secret = { token: 'xoxp-1234-very-secret', user: 'ana' }

let folder = ''
let vaultFolder = ''
beforeEach(async () => {
  resetElectron()
  folder = await mkdtemp(join(tmpdir(), 'lull-vault-'))
  vaultFolder = join(folder, 'vault')
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function filesOnDisk(): Promise<string[]> {
  return readdir(vaultFolder).catch(() => [])
}

async function onlyFile(): Promise<string> {
  const files = await filesOnDisk()
  expect(files).toHaveLength(1)
  return join(vaultFolder, files[0] ?? '')
}

describe('file vault', () => {
  it('gives back what was put, also to the next run', async () => {
    const cipher = versionedCipher()
    await createFileVault(vaultFolder, cipher).put('slack-1', secret)
    expect(await createFileVault(vaultFolder, cipher).get('slack-1')).toEqual(secret)
  })

  it('never writes the secret in plain text', async () => {
    const vault = createFileVault(vaultFolder, versionedCipher())
    await vault.put('slack-1', secret)
    const bytes = await readFile(await onlyFile())
    expect(bytes.toString('utf8')).not.toContain('xoxp-1234-very-secret')
    expect(bytes.toString('latin1')).not.toContain('xoxp')
  })

  it('forgets a removed account and says whether there was one', async () => {
    const vault = createFileVault(vaultFolder, versionedCipher())
    await vault.put('slack-1', secret)
    expect(await vault.remove('slack-1')).toBe(true)
    expect(await vault.get('slack-1')).toBeNull()
    expect(await vault.remove('slack-1')).toBe(false)
  })

  it('answers null for an account it never saw', async () => {
    const vault = createFileVault(vaultFolder, versionedCipher())
    expect(await vault.get('github-9')).toBeNull()
  })

  it('reports its cipher backend, and that secrets outlive the run', () => {
    const vault = createFileVault(vaultFolder, versionedCipher())
    expect(vault).toMatchObject({ backend: 'test-cipher', isEncrypted: true, isPersistent: true })
  })

  it('seals a secret again when the key changed since it was saved', async () => {
    const cipher = versionedCipher()
    const vault = createFileVault(vaultFolder, cipher)
    await vault.put('slack-1', secret)
    cipher.keyVersion = 2
    expect(await vault.get('slack-1')).toEqual(secret)
    expect((await readFile(await onlyFile()))[0]).toBe(2)
  })
})

describe('a secret kept for this run only', () => {
  it('is found by get and never written to disk', async () => {
    const vault = createFileVault(vaultFolder, versionedCipher())
    await vault.put('imap-1', secret, { thisRunOnly: true })
    expect(await vault.get('imap-1')).toEqual(secret)
    expect(await filesOnDisk()).toEqual([])
  })

  it('is gone in the next run', async () => {
    const cipher = versionedCipher()
    await createFileVault(vaultFolder, cipher).put('imap-1', secret, { thisRunOnly: true })
    expect(await createFileVault(vaultFolder, cipher).get('imap-1')).toBeNull()
  })

  it('replaces a secret saved earlier for the account, on disk too', async () => {
    const cipher = versionedCipher()
    const vault = createFileVault(vaultFolder, cipher)
    await vault.put('imap-1', { password: 'old' })
    await vault.put('imap-1', { password: 'new' }, { thisRunOnly: true })
    expect(await vault.get('imap-1')).toEqual({ password: 'new' })
    expect(await filesOnDisk()).toEqual([])
  })

  it('gives way to a secret saved later', async () => {
    const cipher = versionedCipher()
    const vault = createFileVault(vaultFolder, cipher)
    await vault.put('imap-1', { password: 'for-now' }, { thisRunOnly: true })
    await vault.put('imap-1', { password: 'kept' })
    expect(await vault.get('imap-1')).toEqual({ password: 'kept' })
    expect(await createFileVault(vaultFolder, cipher).get('imap-1')).toEqual({ password: 'kept' })
  })

  it('is forgotten by remove', async () => {
    const vault = createFileVault(vaultFolder, versionedCipher())
    await vault.put('imap-1', secret, { thisRunOnly: true })
    expect(await vault.remove('imap-1')).toBe(true)
    expect(await vault.get('imap-1')).toBeNull()
    expect(await vault.remove('imap-1')).toBe(false)
  })
})

describe('a vault file that will not open', () => {
  async function expectUnreadable(read: Promise<unknown>): Promise<void> {
    const error = await read.then(
      () => null,
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(HostError)
    expect(error).toMatchObject({ code: 'bad-credentials' })
    expect((error as HostError).message).toMatch(
      /^The saved sign-in for this account cannot be read: .+\. Connect the account again\.$/,
    )
  }

  it('gives a sign-in error with its remedy when the keychain cannot decrypt it', async () => {
    const vault = createFileVault(vaultFolder, await createSafeStorageCipher('linux'))
    await vault.put('slack-1', secret)
    await writeFile(await onlyFile(), Buffer.from('sealed by another key'))
    await expectUnreadable(vault.get('slack-1'))
  })

  it('gives the same error when the file holds no JSON', async () => {
    const cipher = versionedCipher()
    const vault = createFileVault(vaultFolder, cipher)
    await vault.put('slack-1', secret)
    await writeFile(await onlyFile(), await cipher.encrypt('{"token": "xoxp-cut off'))
    await expectUnreadable(vault.get('slack-1'))
  })

  it('gives the same error when the JSON is not a sign-in', async () => {
    const cipher = versionedCipher()
    const vault = createFileVault(vaultFolder, cipher)
    await vault.put('slack-1', secret)
    await writeFile(await onlyFile(), await cipher.encrypt('{"token": 42}'))
    await expectUnreadable(vault.get('slack-1'))
  })

  it('says to unlock the keychain, not to reconnect, when the keychain is locked', async () => {
    const vault = createFileVault(vaultFolder, await createSafeStorageCipher('linux'))
    await vault.put('slack-1', secret)
    safeStorage.isAvailable = false
    await expect(vault.get('slack-1')).rejects.toThrow(/keychain is not available/)
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
  })

  it('says it neither encrypts nor outlives the run', () => {
    expect(createMemoryVault()).toMatchObject({ isEncrypted: false, isPersistent: false })
  })
})

describe('safeStorage cipher', () => {
  it('uses the Linux keyring backend, reports it as encrypted, and seals through it', async () => {
    const cipher = await createSafeStorageCipher('linux')
    expect(cipher).toMatchObject({ backend: 'gnome_libsecret', isEncrypted: true })
    const vault = createFileVault(vaultFolder, cipher)
    await vault.put('slack-1', secret)
    expect((await readFile(await onlyFile())).toString('latin1')).not.toContain('xoxp')
    expect(await vault.get('slack-1')).toEqual(secret)
  })

  it('reports basic_text on Linux without a keyring as not encrypted', async () => {
    safeStorage.backend = 'basic_text'
    expect(await createSafeStorageCipher('linux')).toMatchObject({
      backend: 'basic_text',
      isEncrypted: false,
    })
  })

  it('names the keychain on macOS and DPAPI on Windows', async () => {
    expect((await createSafeStorageCipher('darwin')).backend).toBe('keychain')
    expect((await createSafeStorageCipher('win32')).backend).toBe('dpapi')
  })

  it('refuses to save a secret with a message when encryption is unavailable', async () => {
    safeStorage.isAvailable = false
    const cipher = await createSafeStorageCipher('darwin')
    expect(cipher.isEncrypted).toBe(false)
    await expect(cipher.encrypt('x')).rejects.toThrow(/keychain is not available/)
  })

  it('passes on that the key changed, so the vault seals the secret again', async () => {
    const cipher = await createSafeStorageCipher('linux')
    const sealed = await cipher.encrypt('{"token":"t"}')
    safeStorage.isKeyRotated = true
    expect(await cipher.decrypt(sealed)).toEqual({ plain: '{"token":"t"}', shouldReseal: true })
  })
})
