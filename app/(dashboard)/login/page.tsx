import type { Metadata } from "next";
import { LoginForm } from "./client";

export const metadata: Metadata = { title: "Sign in" };

export default function LoginPage() {
  return (
    <div className="mx-auto max-w-md space-y-4 pt-8">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="text-sm text-slate-600">
        Paste a write token to enable the UI&apos;s write actions (success criteria, retention, rollbacks). Without it the UI is
        read-only. The server prints where its generated token lives at start (<code>data/token</code> by default), or use one from{" "}
        <code>DEPLOYLINES_TOKEN</code>.
      </p>
      <LoginForm />
    </div>
  );
}
