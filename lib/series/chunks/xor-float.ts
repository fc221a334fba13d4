import { BitReader, BitWriter } from "./bit-stream";

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);
// Little-endian hosts (every Node target): word 0 holds the low half of the float's bits.
const LO = 0;
const HI = 1;

/** Gorilla's XOR coding of float64 values. */
export class XorWriter {
  private hi = 0;
  private lo = 0;
  private leading = -1;
  private trailing = 0;
  private started = false;

  constructor(private readonly bits: BitWriter) {}

  write(value: number): void {
    float[0] = value;
    const hi = words[HI];
    const lo = words[LO];
    if (!this.started) {
      this.bits.write(hi, 32);
      this.bits.write(lo, 32);
    } else {
      const xh = (hi ^ this.hi) >>> 0;
      const xl = (lo ^ this.lo) >>> 0;
      if (xh === 0 && xl === 0) {
        this.bits.write(0, 1);
      } else {
        const leading = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
        const trailing = xl !== 0 ? ctz32(xl) : 32 + ctz32(xh);
        if (this.leading >= 0 && leading >= this.leading && trailing >= this.trailing) {
          this.bits.write(0b10, 2);
          writeWindow(this.bits, xh, xl, this.trailing, 64 - this.leading - this.trailing);
        } else {
          const length = 64 - leading - trailing;
          this.bits.write(0b11, 2);
          this.bits.write(leading, 6);
          this.bits.write(length - 1, 6);
          writeWindow(this.bits, xh, xl, trailing, length);
          this.leading = leading;
          this.trailing = trailing;
        }
      }
    }
    this.hi = hi;
    this.lo = lo;
    this.started = true;
  }
}

export class XorReader {
  private hi = 0;
  private lo = 0;
  private leading = 0;
  private trailing = 0;
  private started = false;

  constructor(private readonly bits: BitReader) {}

  read(): number {
    if (!this.started) {
      this.hi = this.bits.readWide(32);
      this.lo = this.bits.readWide(32);
      this.started = true;
    } else if (this.bits.read(1) === 1) {
      if (this.bits.read(1) === 1) {
        this.leading = this.bits.read(6);
        this.trailing = 64 - this.leading - (this.bits.read(6) + 1);
      }
      const length = 64 - this.leading - this.trailing;
      let xh = length > 32 ? this.bits.readWide(length - 32) : 0;
      let xl = this.bits.readWide(Math.min(length, 32));
      const t = this.trailing;
      if (t >= 32) {
        xh = (xl << (t - 32)) >>> 0;
        xl = 0;
      } else if (t > 0) {
        xh = ((xh << t) | (xl >>> (32 - t))) >>> 0;
        xl = (xl << t) >>> 0;
      }
      this.hi = (this.hi ^ xh) >>> 0;
      this.lo = (this.lo ^ xl) >>> 0;
    }
    words[HI] = this.hi;
    words[LO] = this.lo;
    return float[0];
  }
}

/** Writes the `length` bits of the 64-bit (hi, lo) that start `trailing` bits up from the bottom. */
function writeWindow(bits: BitWriter, hi: number, lo: number, trailing: number, length: number): void {
  let h = hi;
  let l = lo;
  if (trailing >= 32) {
    l = hi >>> (trailing - 32);
    h = 0;
  } else if (trailing > 0) {
    l = ((lo >>> trailing) | (hi << (32 - trailing))) >>> 0;
    h = hi >>> trailing;
  }
  if (length > 32) {
    bits.write(h, length - 32);
    bits.write(l, 32);
  } else {
    bits.write(l, length);
  }
}

function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}
