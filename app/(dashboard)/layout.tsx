import type { ReactNode } from "react";
import { NavBar } from "@/components/nav-bar";
import { Providers } from "@/components/providers";
import { isSignedIn } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <Providers>
      {/* theme-auto: light or dark following the system preference (app/theme-dark.css). */}
      <div className="theme-auto min-h-screen bg-slate-50 text-slate-900">
        <NavBar signedIn={await isSignedIn()} />
        <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
      </div>
    </Providers>
  );
}
