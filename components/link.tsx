"use client";

import NextLink from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

/**
 * next/link that prefetches on intent (pointer over it, a touch, or focus) instead of as soon as
 * it scrolls into view. Every page here is rendered per request, so a viewport prefetch fetches
 * only a route's shell; yet the service dashboard's nav bar and header links sent 24 of them while
 * it loaded, on the same few browser connections and server cores as the charts' own reads.
 * Only app paths (strings starting "/") are prefetched.
 */
export function Link({ href, onMouseEnter, onFocus, onTouchStart, ...props }: Omit<ComponentProps<typeof NextLink>, "prefetch">) {
  const router = useRouter();
  const prefetch = () => {
    if (typeof href === "string" && href.startsWith("/")) router.prefetch(href);
  };
  return (
    <NextLink
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        prefetch();
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        prefetch();
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        prefetch();
        onTouchStart?.(e);
      }}
    />
  );
}
