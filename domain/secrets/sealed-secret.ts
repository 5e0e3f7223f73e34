// Browser-safe: documents that hold a sealed secret are typed by the editor too.

/** A secret encrypted at rest with AES-256-GCM: base64 nonce, ciphertext and auth tag. */
export interface SealedSecret {
  v: 1;
  iv: string;
  data: string;
  tag: string;
}
