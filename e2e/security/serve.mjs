// Starts the production build for the scan. Imported rather than run as `node build/index.js`,
// so that the scan's server is told apart from other servers of the same build on the machine.
await import("../../build/index.js");
