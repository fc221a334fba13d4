import { Link } from "@/components/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">Nothing lives at this address.</p>
      <Link href="/" className="mt-4 inline-block text-indigo-700 hover:underline">
        back to the overview
      </Link>
    </main>
  );
}
