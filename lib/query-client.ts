import { QueryClient } from "@tanstack/react-query";

/** How often live views refetch: new points and deploy lines appear without a reload. */
export const REFRESH_MS = 10_000;

/** The one QueryClient factory: data is fresh for 5 s and refreshed every 10 s while visible. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchInterval: REFRESH_MS,
        refetchOnWindowFocus: true,
        retry: 1,
      },
    },
  });
}
