// vitest runs lib code outside Next, where the "server-only" guard has no meaning.
export {};
