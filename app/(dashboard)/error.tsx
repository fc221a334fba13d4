"use client";

/** Any dashboard page that fails to load (e.g. the database is unreachable) says so and offers a retry. */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-800" role="alert">
      <h2 className="font-medium">This page could not be loaded</h2>
      <p className="mt-1">{error.message || "the server failed; see its log"}</p>
      <button type="button" onClick={reset} className="mt-3 rounded border border-red-300 bg-white px-2 py-1 text-red-700 hover:bg-red-100">
        Try again
      </button>
    </div>
  );
}
