// The simplification rule table, in the order rules are tried for each node
// kind (structural clean-up first, reordering and assumptions last).

import { compileRules, type RuleTable } from '../engine.js';
import { ALGEBRA_RULES } from './algebra.js';
import { assumptionRule } from './assumptions.js';
import { COLLECT_RULES } from './collect.js';
import { EXTREME_RULES } from './extremes.js';
import { INDEX_SUM_RULES } from './index-sums.js';
import { NAMED_RULES } from './named.js';
import { POWER_RULES } from './powers.js';
import { PRODUCT_RULES } from './products.js';
import { SUM_RULES } from './sums.js';

export const RULES: RuleTable = compileRules([
  ...SUM_RULES, ...INDEX_SUM_RULES, ...PRODUCT_RULES, ...EXTREME_RULES, ...ALGEBRA_RULES, ...COLLECT_RULES, ...POWER_RULES, ...NAMED_RULES, assumptionRule,
]);
