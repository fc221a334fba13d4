/** @type {import('next').NextConfig} */
module.exports = {
  // Native and pooled drivers must stay in node_modules, not the server bundle.
  serverExternalPackages: ["better-sqlite3", "pg"],
  poweredByHeader: false,
  // Next.js gzips every response on the fly, on the thread that serves requests: about a third of a
  // health check's time and of a 30-day series read's, and ~1.2 MB of scripts again on every
  // dashboard load. Sending the bytes is cheaper on a local network; see README, "Compression".
  compress: false,
  // Graphite clients POST to `/events/`; the default trailing-slash redirect (308) would make many
  // of them drop the body or give up. So that path is rewritten in place, and every other
  // trailing-slash URL is still redirected as Next.js would.
  skipTrailingSlashRedirect: true,
  async redirects() {
    return [{ source: "/:path((?!events/$).+)/", destination: "/:path", permanent: true }];
  },
  async rewrites() {
    return [{ source: "/events/", destination: "/events" }];
  },
};
