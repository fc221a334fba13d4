// snappyjs ships no types; these are the two functions of its index.js, block format only.
declare module "snappyjs" {
  /** Decompresses a snappy block; throws when it is not one or declares more than `maxLength` bytes. Returns the input's type. */
  export function uncompress<T extends Uint8Array | ArrayBuffer>(compressed: T, maxLength?: number): T;
  /** Compresses into one snappy block (not the framed stream format). */
  export function compress<T extends Uint8Array | ArrayBuffer>(uncompressed: T): T;
}
