import { Link } from "@/components/link";
import { SignOutButton } from "@/components/sign-out-button";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/deployments", label: "Deployments" },
  { href: "/builds", label: "Builds" },
  { href: "/rollbacks", label: "Rollbacks" },
  { href: "/metrics", label: "Metrics" },
  { href: "/dark-launch", label: "Dark launch" },
  { href: "/dora", label: "Delivery" },
  { href: "/webhooks", label: "Webhooks" },
  { href: "/standup", label: "Standup TV" },
];

export function NavBar({ signedIn }: { signedIn: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="inline-block h-5 w-1 rounded bg-indigo-600" />
          deploylines
        </Link>
        <nav className="flex flex-wrap gap-4 text-sm text-slate-600">
          {LINKS.map((l) => (
            <Link key={l.href} href={l.href} className="hover:text-slate-900">
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto text-sm">
          {signedIn ? (
            <span className="flex items-center gap-2">
              <span className="rounded bg-emerald-50 px-2 py-1 text-emerald-700" title="Write actions are enabled">
                signed in
              </span>
              <SignOutButton />
            </span>
          ) : (
            <Link href="/login" className="rounded border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-100" title="The UI is read-only until you sign in with a write token">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
