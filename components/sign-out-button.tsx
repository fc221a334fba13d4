"use client";

import { useRouter } from "next/navigation";
import { useSave } from "@/components/hooks/use-save";

/** Ends the UI's session (server-side too, so a copied cookie stops working) and shows the page read-only again. */
export function SignOutButton() {
  const router = useRouter();
  const { save, busy, error } = useSave("/api/v1/session", "DELETE");
  return (
    <button
      type="button"
      disabled={busy}
      title={error ?? "Sign out: the UI becomes read-only"}
      className="rounded border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-100 disabled:opacity-50"
      onClick={async () => {
        if (await save({})) router.refresh();
      }}
    >
      {error ? "sign out failed, retry" : "Sign out"}
    </button>
  );
}
