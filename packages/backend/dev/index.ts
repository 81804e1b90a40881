// The development entry point that `backstage-cli package start --role backend-plugin` runs
// (`./kitstage start` does): the demo portal's backend. Its code lives in src/demo, where it
// is type-checked and linted with the rest of the package.
import '../src/demo';
