// The cipher behind the file vault: Electron safeStorage (Keychain on macOS,
// DPAPI on Windows, the secret service or KWallet on Linux), through its
// asynchronous calls (the synchronous ones are deprecated). On Linux without
// a keyring Electron falls back to a hard-coded key ("basic_text"): the vault
// still works, but reports itself as not encrypted so the app can tell the
// user. Create only after the app is ready.
import { safeStorage } from 'electron'
import { HostError } from '../../shared/contract'
import type { Cipher } from '../vault'

function backendName(platform: string): string {
  if (platform === 'linux') return safeStorage.getSelectedStorageBackend()
  if (platform === 'darwin') return 'keychain'
  if (platform === 'win32') return 'dpapi'
  return 'unknown'
}

/** Whether sealed bytes are really protected: a keyring answered, and it is not the publicly known key. */
export function isRealEncryption(isAvailable: boolean, backend: string): boolean {
  return isAvailable && backend !== 'basic_text' && backend !== 'unknown'
}

export async function createSafeStorageCipher(platform: string): Promise<Cipher> {
  // Asking first starts the encryptor, and on Linux the backend is known only after that.
  const isAvailable = await safeStorage.isAsyncEncryptionAvailable()
  const backend = backendName(platform)
  // Availability is asked again on every use: a keychain unlocked later starts working.
  const ensureAvailable = async () => {
    if (await safeStorage.isAsyncEncryptionAvailable()) return
    throw new HostError(
      'internal',
      'The system keychain is not available, so Lull cannot keep or read a sign-in. Unlock or set up the keychain, then try again.',
    )
  }
  return {
    backend,
    isEncrypted: isRealEncryption(isAvailable, backend),
    async encrypt(plain) {
      await ensureAvailable()
      return safeStorage.encryptStringAsync(plain)
    },
    async decrypt(sealed) {
      await ensureAvailable()
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(sealed)
      return { plain: result, shouldReseal: shouldReEncrypt }
    },
  }
}
