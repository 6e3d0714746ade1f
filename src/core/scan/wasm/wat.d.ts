// esbuild.config.mjs compiles `.wat` imports to WebAssembly and inlines the bytes.
declare module '*.wat' {
  const bytes: Uint8Array;
  export default bytes;
}

// The few WebAssembly globals the scan uses (Node has them; @types/node 20 does not declare them).
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, unknown>);
    readonly exports: Record<string, unknown>;
  }
  interface Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
}
