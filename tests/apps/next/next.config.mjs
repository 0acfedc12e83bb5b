// Nothing for coc-script-exec: the point of this app is that it needs no configuration.
// The root is this folder, not the repository's (which has a lockfile of its own).
export default { turbopack: { root: import.meta.dirname } };
