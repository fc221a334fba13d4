import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { decodePickle, PickleError } from "./decode";
import { pickleDatapoints } from "./datapoints";

/** Pickles `expr` with the machine's python3 at `protocol`, as carbon's clients do. */
function pythonPickle(expr: string, protocol: number): Buffer {
  const script = `import pickle,sys; sys.stdout.buffer.write(pickle.dumps(${expr}, protocol=${protocol}))`;
  return execFileSync("python3", ["-c", script]);
}

const DATAPOINTS = "[('auth.api.latency', (1700000000, 12.5)), ('auth.api.errors', (1700000010.5, 3)), (u'auth.\\u00e9t\\u00e9', (1700000020, -1.25e-3))]";
const EXPECTED = [
  ["auth.api.latency", [1700000000, 12.5]],
  ["auth.api.errors", [1700000010.5, 3]],
  ["auth.été", [1700000020, -1.25e-3]],
];

describe("decodePickle", () => {
  it.each([0, 1, 2, 3, 4, 5])("decodes python3's protocol %i list of (path, (timestamp, value))", (protocol) => {
    expect(decodePickle(pythonPickle(DATAPOINTS, protocol))).toEqual(EXPECTED);
  });

  it("decodes memo references, big and negative integers, booleans and lists of lists", () => {
    const expr = "(lambda t: [t, t, [2**40, -5, -300, 70000, True, False, [1.5]]])(('x', (1, 2)))";
    for (const protocol of [0, 1, 2]) {
      expect(decodePickle(pythonPickle(expr, protocol))).toEqual([["x", [1, 2]], ["x", [1, 2]], [2 ** 40, -5, -300, 70000, true, false, [1.5]]]);
    }
  });

  it("decodes what Python 2 senders write (STRING, INT, LONG, SHORT_BINSTRING)", () => {
    // python2: pickle.dumps([('a.b', (1700000000, 1.5)), ('c', (10L, 2))], 0) and protocol 2.
    const p0 = Buffer.from("(lp0\n(S'a.b'\np1\n(I1700000000\nF1.5\ntp2\ntp3\na(S'c\\x41\\''\np4\n(L10L\nI2\ntp5\ntp6\na.", "latin1");
    expect(decodePickle(p0)).toEqual([["a.b", [1700000000, 1.5]], ["cA'", [10, 2]]]);
    const p2 = Buffer.concat([
      Buffer.from([0x80, 0x02, 0x5d, 0x71, 0x00, 0x55, 0x03]),
      Buffer.from("a.b"),
      Buffer.from([0x71, 0x01, 0x4a, 0x00, 0xf1, 0x53, 0x65, 0x47, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0x86, 0x71, 0x02, 0x86, 0x71, 0x03, 0x61, 0x2e]),
    ]);
    expect(decodePickle(p2)).toEqual([["a.b", [1700000000, 1.5]]]);
  });

  it("refuses every opcode that names or builds objects", () => {
    // os.system via GLOBAL + REDUCE, the classic pickle exploit; and a pickled set and object.
    const exploit = Buffer.from("cos\nsystem\n(S'touch /tmp/pwned'\ntR.", "latin1");
    expect(() => decodePickle(exploit)).toThrow(/opcode 0x63 .*not accepted/);
    expect(() => decodePickle(pythonPickle("{1, 2}", 2))).toThrow(PickleError);
    expect(() => decodePickle(pythonPickle("{'a': 1}", 2))).toThrow(/not accepted/);
    expect(() => decodePickle(pythonPickle("__import__('datetime').date(2020, 1, 1)", 2))).toThrow(PickleError);
    expect(() => decodePickle(pythonPickle("[b'bytes']", 3))).toThrow(PickleError);
  });

  it("throws a PickleError on truncated and inconsistent input, never anything else", () => {
    const good = pythonPickle(DATAPOINTS, 2);
    for (let cut = 0; cut < good.length; cut++) expect(() => decodePickle(good.subarray(0, cut))).toThrow(PickleError);
    expect(() => decodePickle(Buffer.from("a."))).toThrow(/underflow/);
    expect(() => decodePickle(Buffer.from("g7\n."))).toThrow(/memo 7/);
    expect(() => decodePickle(Buffer.from("(I1\nI2\n."))).toThrow(/STOP with/);
    expect(() => decodePickle(Buffer.from("I99999999999999999999\n."))).toThrow(/bad integer/);
    expect(() => decodePickle(Buffer.from([0x58, 0xff, 0xff, 0xff, 0x7f, 0x41]))).toThrow(/truncated/);
    expect(() => decodePickle(Buffer.from([0x80, 0x09, 0x5d, 0x2e]))).toThrow(/protocol/);
  });

  it("answers corrupted frames with a value or a PickleError, nothing else", () => {
    const good = [0, 1, 2, 4].map((protocol) => pythonPickle(DATAPOINTS, protocol));
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 2_000; run++) {
      const frame = Buffer.from(good[run % good.length]);
      for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) frame[Math.floor(random() * frame.length)] = Math.floor(random() * 256);
      try {
        decodePickle(frame);
      } catch (error) {
        expect(error).toBeInstanceOf(PickleError);
      }
    }
  });

  it("stays linear on self-referencing memo tricks", () => {
    // A list appended to itself 100k times: references, not copies, so it decodes in milliseconds.
    const ops = [Buffer.from([0x5d, 0x71, 0x00, 0x28]), Buffer.alloc(100_000 * 2, Buffer.from([0x68, 0x00])), Buffer.from([0x65, 0x2e])];
    const started = performance.now();
    const decoded = decodePickle(Buffer.concat(ops)) as unknown[];
    expect(decoded).toHaveLength(100_000);
    expect(decoded[0]).toBe(decoded);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("pickleDatapoints", () => {
  it("reads tagged paths as labels and reports a bad tag as its datapoint's problem", () => {
    const expr = "[('disk.used;host=a1;data.center=eu', (1700000000, 7)), ('disk.used;host', (1700000000, 8)), ('disk.used;host=a 2', (1700000000, 9))]";
    const { points, problems } = pickleDatapoints(pythonPickle(expr, 2), 42_000);
    expect(points).toEqual([
      { metric: "disk.used", labels: { host: "a1", data_center: "eu" }, value: 7, ts: 1_700_000_000_000 },
      { metric: "disk.used", labels: { host: "a 2" }, value: 9, ts: 1_700_000_000_000 },
    ]);
    expect(problems).toEqual([expect.stringMatching(/^datapoint 2: bad tag "host"/)]);
  });

  it("turns the list into Graphite points and reports each bad datapoint", () => {
    const expr = "[('ok.a', (1700000000, 1)), ('ok.b', ('1700000001', '2.5')), ('bad name', (1, 1)), ('no.pair', 5), ('ok.c', (-1, 4)), ('nan.v', (1, float('nan')))]";
    const { points, problems } = pickleDatapoints(pythonPickle(expr, 2), 42_000);
    expect(points).toEqual([
      { metric: "ok.a", value: 1, ts: 1_700_000_000_000 },
      { metric: "ok.b", value: 2.5, ts: 1_700_000_001_000 },
      { metric: "ok.c", value: 4, ts: 42_000 },
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^datapoint 3: bad metric name/),
      expect.stringMatching(/^datapoint 4: expected \(path, \(timestamp, value\)\)/),
      expect.stringMatching(/^datapoint 6: value "NaN"/),
    ]);
  });

  it("throws on a frame that is not a list", () => {
    expect(() => pickleDatapoints(pythonPickle("('a', (1, 2))", 2), 0)).not.toThrow();
    expect(() => pickleDatapoints(pythonPickle("'just a string'", 2), 0)).toThrow(PickleError);
  });
});
