/** What the bounded decoder produces: numbers, strings, booleans, and lists/tuples as arrays. */
export type PickleValue = number | string | boolean | PickleValue[];

export class PickleError extends Error {}

const MARK = Symbol("mark");
type Item = PickleValue | typeof MARK;

/**
 * Decodes a pickle of plain data — lists and tuples of strings and numbers, what carbon
 * clients send (`pickle.dumps([(path, (timestamp, value)), …], protocol=0…2)`, and the same
 * opcodes at protocols 3–5) — and nothing else. Untrusted input: there is no GLOBAL, REDUCE,
 * BUILD or any other opcode that names or builds objects, and any opcode outside the list
 * below throws a PickleError. Work and memory are linear in the payload's length (memo GETs
 * push references, never copies); the caller bounds the length.
 */
export function decodePickle(data: Uint8Array): PickleValue {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const stack: Item[] = [];
  const memo = new Map<number, PickleValue>();
  let pos = 0;

  const need = (n: number) => {
    if (pos + n > buf.length) throw new PickleError(`truncated at byte ${pos}`);
  };
  const line = (): string => {
    const end = buf.indexOf(0x0a, pos);
    if (end === -1) throw new PickleError(`unterminated line at byte ${pos}`);
    const text = buf.toString("latin1", pos, end);
    pos = end + 1;
    return text;
  };
  // Readers advance `pos` past what they read (no sub-buffer per opcode: this is the hot path).
  const skip = (n: number): number => {
    need(n);
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = () => buf[skip(1)];
  const u32 = () => buf.readUInt32LE(skip(4));
  const utf8 = (n: number): string => {
    const at = skip(n);
    return buf.toString("utf8", at, at + n);
  };
  const pop = (): PickleValue => {
    const item = stack.pop();
    if (item === undefined || item === MARK) throw new PickleError(`stack underflow at byte ${pos}`);
    return item;
  };
  const top = (): PickleValue => {
    const item = stack.at(-1);
    if (item === undefined || item === MARK) throw new PickleError(`stack underflow at byte ${pos}`);
    return item;
  };
  const popToMark = (): PickleValue[] => {
    const mark = stack.lastIndexOf(MARK);
    if (mark === -1) throw new PickleError(`no mark at byte ${pos}`);
    const items = stack.splice(mark) as PickleValue[];
    items.shift();
    return items;
  };
  const list = (): PickleValue[] => {
    const target = top();
    if (!Array.isArray(target)) throw new PickleError(`append to a non-list at byte ${pos}`);
    return target;
  };
  const get = (key: number) => {
    const value = memo.get(key);
    if (value === undefined) throw new PickleError(`memo ${key} not set at byte ${pos}`);
    stack.push(value);
  };
  const put = (key: number) => memo.set(key, top());
  const int = (text: string): number => {
    const value = Number(text.endsWith("L") ? text.slice(0, -1) : text);
    if (!/^[+-]?\d+L?$/.test(text) || !Number.isSafeInteger(value)) throw new PickleError(`bad integer "${text.slice(0, 40)}"`);
    return value;
  };

  while (pos < buf.length) {
    const op = buf[pos++];
    switch (op) {
      case 0x2e: // . STOP
        if (stack.length !== 1) throw new PickleError(`STOP with ${stack.length} items on the stack`);
        return pop();
      case 0x80: // PROTO
        if (u8() > 5) throw new PickleError("unsupported pickle protocol");
        break;
      case 0x95: // FRAME (protocol 4): an 8-byte length we do not need
        skip(8);
        break;
      case 0x28: // ( MARK
        stack.push(MARK);
        break;
      case 0x5d: // ] EMPTY_LIST
      case 0x29: // ) EMPTY_TUPLE
        stack.push([]);
        break;
      case 0x6c: // l LIST
      case 0x74: // t TUPLE
        stack.push(popToMark());
        break;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: {
        // TUPLE3
        const n = op - 0x84;
        for (let i = 1; i <= n; i++) if (stack.length < i || stack[stack.length - i] === MARK) throw new PickleError(`stack underflow at byte ${pos}`);
        stack.push(stack.splice(stack.length - n, n) as PickleValue[]);
        break;
      }
      case 0x61: {
        // a APPEND
        const value = pop();
        list().push(value);
        break;
      }
      case 0x65: {
        // e APPENDS
        const values = popToMark();
        list().push(...values);
        break;
      }
      case 0x53: // S STRING: a quoted Python 2 str repr
        stack.push(unquote(line()));
        break;
      case 0x56: // V UNICODE: raw-unicode-escape
        stack.push(rawUnicodeEscape(line()));
        break;
      case 0x58: // X BINUNICODE
      case 0x54: // T BINSTRING
        stack.push(utf8(u32()));
        break;
      case 0x8c: // SHORT_BINUNICODE (protocol 4)
      case 0x55: // U SHORT_BINSTRING
        stack.push(utf8(u8()));
        break;
      case 0x49: {
        // I INT, with I01/I00 for True/False
        const text = line();
        stack.push(text === "01" ? true : text === "00" ? false : int(text));
        break;
      }
      case 0x4c: // L LONG
        stack.push(int(line()));
        break;
      case 0x46: {
        // F FLOAT
        const text = line();
        const value = Number(text);
        if (text.trim() === "" || Number.isNaN(value)) throw new PickleError(`bad float "${text.slice(0, 40)}"`);
        stack.push(value);
        break;
      }
      case 0x4a: // J BININT
        stack.push(buf.readInt32LE(skip(4)));
        break;
      case 0x4b: // K BININT1
        stack.push(u8());
        break;
      case 0x4d: // M BININT2
        stack.push(buf.readUInt16LE(skip(2)));
        break;
      case 0x47: // G BINFLOAT
        stack.push(buf.readDoubleBE(skip(8)));
        break;
      case 0x8a: {
        // LONG1: little-endian two's complement of up to 8 bytes here
        const n = u8();
        if (n > 8) throw new PickleError("integer too large");
        const at = skip(n);
        let value = 0n;
        for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(buf[at + i]);
        if (n > 0 && buf[at + n - 1] & 0x80) value -= 1n << BigInt(8 * n);
        if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new PickleError("integer too large");
        stack.push(Number(value));
        break;
      }
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x70: // p PUT
        put(int(line()));
        break;
      case 0x67: // g GET
        get(int(line()));
        break;
      case 0x71: // q BINPUT
        put(u8());
        break;
      case 0x72: // r LONG_BINPUT
        put(u32());
        break;
      case 0x94: // MEMOIZE (protocol 4)
        put(memo.size);
        break;
      case 0x68: // h BINGET
        get(u8());
        break;
      case 0x6a: // j LONG_BINGET
        get(u32());
        break;
      default:
        throw new PickleError(`opcode 0x${op.toString(16).padStart(2, "0")} at byte ${pos - 1} is not accepted`);
    }
  }
  throw new PickleError("no STOP opcode");
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "0": "\0" };

/** A Python 2 str repr as protocol 0's STRING writes it: quoted, with backslash and \xHH escapes. */
function unquote(text: string): string {
  const quote = text[0];
  if (text.length < 2 || (quote !== "'" && quote !== '"') || text.at(-1) !== quote) throw new PickleError("STRING is not quoted");
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "\\") {
      bytes.push(body.charCodeAt(i) & 0xff);
      continue;
    }
    const next = body[++i];
    if (next === "x") {
      const hex = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new PickleError("bad \\x escape in STRING");
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (next !== undefined && next in ESCAPES) bytes.push(ESCAPES[next].charCodeAt(0));
    else throw new PickleError("bad escape in STRING");
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Python's raw-unicode-escape: \uXXXX and \UXXXXXXXX escapes, every other byte latin-1. */
function rawUnicodeEscape(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, u4?: string, u8?: string) => {
    const code = parseInt(u4 ?? u8!, 16);
    if (code > 0x10ffff) throw new PickleError("bad \\U escape in UNICODE");
    return String.fromCodePoint(code);
  });
}
