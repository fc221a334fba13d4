import type { ReactNode } from "react";
import { Providers } from "@/components/providers";

// The TV view has no nav and no controls: dark, full screen, nothing to scroll.
export default function StandupLayout({ children }: { children: ReactNode }) {
  return (
    <Providers>
      <div className="fixed inset-0 overflow-hidden bg-slate-950 text-slate-100 [color-scheme:dark]">{children}</div>
    </Providers>
  );
}
