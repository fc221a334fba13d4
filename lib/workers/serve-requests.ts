import type { MessagePort, Transferable } from "node:worker_threads";

/** What a helper's worker posts back for each request: its answer, or why it could not give one. */
export type HelperReply<Answer> = { id: number; answer: Answer } | { id: number; error: string };

/**
 * The worker side of a HelperThread (./helper-thread.ts): answers each request with `handle`
 * (or what it resolves to), moving what `transfer` lists; a throw becomes an error reply. Apart
 * from helper-thread.ts, so that a bundled worker carries none of the code that starts workers.
 */
export function serveRequests<Request, Answer>(port: MessagePort, handle: (request: Request) => Answer | Promise<Answer>, transfer: (answer: Answer) => Transferable[] = () => []): void {
  port.on("message", async ({ id, request }: { id: number; request: Request }) => {
    let answer: Answer;
    try {
      answer = await handle(request);
    } catch (error) {
      port.postMessage({ id, error: String((error as Error)?.message ?? error) } satisfies HelperReply<Answer>);
      return;
    }
    port.postMessage({ id, answer } satisfies HelperReply<Answer>, transfer(answer));
  });
}
