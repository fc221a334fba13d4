/** A shell command shown in an empty state: what to run to make the page fill up. */
export function CommandExample({ children }: { children: string }) {
  return <pre className="mx-auto mt-3 max-w-3xl overflow-x-auto rounded bg-slate-900 p-3 text-left text-xs text-slate-100">{children}</pre>;
}
