/** A parsed render target: graphite-web's grammar (render/grammar.py), the parts dashboards use. */
export type TargetNode =
  | { type: "path"; path: string }
  | { type: "call"; name: string; args: TargetNode[]; kwargs: Record<string, TargetNode>; text: string }
  | { type: "number"; value: number; text: string }
  | { type: "string"; value: string }
  | { type: "boolean"; value: boolean };

export const TARGET_LIMITS = { maxLength: 4000, maxDepth: 16, maxArgs: 32, maxNodes: 512 };

/** A target that cannot be parsed, with the offset where reading stopped. */
export class TargetSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at character ${offset + 1}`);
  }
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses one `target` (e.g. `aliasByNode(sumSeries(auth.*.latency.{p50,p95}),1)`) into a tree,
 * in one left-to-right pass: bounded in length, nesting depth, arguments per call and nodes, so
 * that a hostile target costs at most a few thousand steps. Throws TargetSyntaxError.
 */
export function parseTarget(text: string): TargetNode {
  if (text.length > TARGET_LIMITS.maxLength) throw new TargetSyntaxError(`target is longer than ${TARGET_LIMITS.maxLength} characters`, TARGET_LIMITS.maxLength);
  let pos = 0;
  let nodes = 0;
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };

  const expression = (depth: number): TargetNode => {
    if (depth > TARGET_LIMITS.maxDepth) throw new TargetSyntaxError(`functions nested deeper than ${TARGET_LIMITS.maxDepth}`, pos);
    if (++nodes > TARGET_LIMITS.maxNodes) throw new TargetSyntaxError(`more than ${TARGET_LIMITS.maxNodes} terms`, pos);
    skipSpace();
    const start = pos;
    const quote = text[pos];
    if (quote === '"' || quote === "'") {
      // As pyparsing's quotedString: a backslash escapes the next character, and the text is kept
      // as written (graphite-web hands `"\\1 A"` to re.sub as `\1 A`).
      let end = pos + 1;
      while (end < text.length && text[end] !== quote) end += text[end] === "\\" ? 2 : 1;
      if (end >= text.length) throw new TargetSyntaxError("unterminated string", pos);
      pos = end + 1;
      return { type: "string", value: text.slice(start + 1, end) };
    }
    const word = pathLike();
    if (word === "") throw new TargetSyntaxError(pos >= text.length ? "unexpected end of target" : `unexpected "${text[pos]}"`, pos);
    skipSpace();
    if (text[pos] === "(") {
      if (!IDENT.test(word)) throw new TargetSyntaxError(`"${word}" is not a function name`, start);
      pos++;
      const args: TargetNode[] = [];
      const kwargs: Record<string, TargetNode> = {};
      skipSpace();
      if (text[pos] === ")") pos++;
      else {
        for (;;) {
          if (args.length + Object.keys(kwargs).length >= TARGET_LIMITS.maxArgs) throw new TargetSyntaxError(`more than ${TARGET_LIMITS.maxArgs} arguments to ${word}`, pos);
          const keyword = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/.exec(text.slice(pos, pos + 80));
          if (keyword) {
            pos += keyword[0].length;
            kwargs[keyword[1]] = expression(depth + 1);
          } else {
            if (Object.keys(kwargs).length > 0) throw new TargetSyntaxError("positional argument after a keyword argument", pos);
            args.push(expression(depth + 1));
          }
          skipSpace();
          if (text[pos] === ",") {
            pos++;
            continue;
          }
          if (text[pos] === ")") {
            pos++;
            break;
          }
          throw new TargetSyntaxError(pos >= text.length ? `missing ")" to close ${word}(` : `expected "," or ")" but found "${text[pos]}"`, pos);
        }
      }
      return { type: "call", name: word, args, kwargs, text: text.slice(start, pos) };
    }
    if (NUMBER.test(word)) return { type: "number", value: Number(word), text: word };
    if (word === "true" || word === "false") return { type: "boolean", value: word === "true" };
    return { type: "path", path: word };
  };

  // A metric path: anything up to a delimiter, with `{a,b}` alternatives (whose commas belong to it).
  const pathLike = (): string => {
    const start = pos;
    let braces = 0;
    while (pos < text.length) {
      const c = text[pos];
      if (c === "{") braces++;
      else if (c === "}") braces = Math.max(0, braces - 1);
      else if (braces === 0 && (c === "(" || c === ")" || c === "," || c === "=" || c === '"' || c === "'" || /\s/.test(c))) break;
      pos++;
    }
    if (braces > 0) throw new TargetSyntaxError('unclosed "{" in a metric path', start);
    return text.slice(start, pos);
  };

  const tree = expression(0);
  skipSpace();
  if (pos < text.length) throw new TargetSyntaxError(`unexpected "${text[pos]}" after the end of the expression`, pos);
  return tree;
}
