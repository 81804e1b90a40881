import vm from 'node:vm';

/*
 * Lets modules loaded by Jest use `import()` of ESM-only packages without
 * `--experimental-vm-modules`.
 *
 * The Kubernetes backend loads `@kubernetes/client-node` (ESM only) with a dynamic `import()`
 * on every proxy request. Jest compiles each module with a dynamic-import callback that Node
 * honours only under `--experimental-vm-modules`; without the flag the import throws
 * `ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG`. Node (20.17+, 21.7+) offers
 * `vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER`, which resolves such imports with Node's
 * own loader. Importing this module swaps Jest's callback for that constant for the modules
 * compiled afterwards in this test file, and puts the original back after the file's tests
 * (the `vm` module is shared by every test file of a Jest worker). With the flag set it does
 * nothing: Jest then handles the imports itself.
 *
 * Import it before the modules that need it.
 */

const loader = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;

if (typeof vm.SyntheticModule !== 'function' && loader !== undefined) {
  const original = vm.compileFunction;
  const patched = ((code, params, options) =>
    original(code, params, {
      ...options,
      importModuleDynamically: loader,
    })) as typeof vm.compileFunction;
  vm.compileFunction = patched;
  afterAll(() => {
    if (vm.compileFunction === patched) {
      vm.compileFunction = original;
    }
  });
}

export {};
