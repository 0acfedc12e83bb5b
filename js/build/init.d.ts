/**
 * The instance type of a global class (`"URL"`, `"Response"`, ...) when the project's libs
 * declare it, and `never` when they do not: the package's types name no DOM or Node type, so
 * they check in a project without the DOM lib (or `@types/node`) and `skipLibCheck: false`.
 */
type GlobalInstance<Name extends string> = typeof globalThis extends { readonly [K in Name]: { readonly prototype: infer T } } ? T : never;

/** A `WebAssembly.Module` where the project's libs declare one. */
type CompiledModule = typeof globalThis extends { readonly WebAssembly: { readonly Module: { readonly prototype: infer T } } } ? T : never;

/** The instance's linear memory: a `WebAssembly.Memory`, or what of it can be typed without one. */
type LinearMemory = typeof globalThis extends { readonly WebAssembly: { readonly Memory: { readonly prototype: infer T } } } ? T : { readonly buffer: ArrayBuffer };

/** A fetch `Headers` where the project's libs declare it (`parse_response` reads one). */
export type FetchHeaders = GlobalInstance<"Headers">;

/** The module's bytes (`readFileSync`, `await response.arrayBuffer()`), or the module compiled. */
export type SyncInitInput = ArrayBuffer | ArrayBufferView | CompiledModule;

/** Where `init` loads the module from: a URL, a request or response to read, or what `initSync` takes. */
export type InitInput = string | GlobalInstance<"URL"> | GlobalInstance<"Request"> | GlobalInstance<"Response"> | SyncInitInput;

/**
 * The instance, for what only it can tell: how much linear memory it holds. Its other
 * exports are the glue's own and not part of the API.
 */
export interface InitOutput {
  readonly memory: LinearMemory;
}

/**
 * Instantiates the module synchronously from its bytes or a compiled module. Needed only
 * where neither `init()` nor an entry that loads the module itself fits (a worker handed
 * the bytes); a second call hands back the first instance.
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * Loads and instantiates the module (browsers and bundlers: from beside the package's
 * entry, or from `module_or_path`). Every other export throws an `Error` saying to call
 * this until it has resolved. In Node, Deno and Bun, and with "coc-script-exec/inline", the
 * module is loaded on import and this only hands back the instance.
 */
export default function init(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
