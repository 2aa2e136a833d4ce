// A compiled formula's input as its caller names it. In a file of its own so
// that the module emitter (module.ts) and the compiler (index.ts) share it
// without importing each other.

export interface CompiledInput {
  /** The key of its value in `inputs.values` (`w`; `w_{jk}` where ranges split a name: core/names.ts `inputKey`). */
  readonly name: string;
  /** Number of indices (0 for a scalar). */
  readonly indices: number;
  /** An index letter that addresses each slot (`['j', 'k']` for `w_{jk}`; `·` where only literals or offsets do). */
  readonly slots: readonly string[];
}
