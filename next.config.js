/** @type {import('next').NextConfig} */
module.exports = {
  // Native and pooled drivers must stay in node_modules, not the server bundle.
  serverExternalPackages: ["better-sqlite3", "pg"],
  poweredByHeader: false,
};
