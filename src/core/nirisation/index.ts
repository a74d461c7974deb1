export { MAX_AGE_AT_AWARD, MIN_AGE_AT_AWARD, NIRISATION_RULES } from './rules';
export {
  assessReadiness,
  INFORMATIONAL_WARNINGS,
  summarizeReadiness,
  type ReadinessLevel,
  type ReadinessSummary,
  type RowReadiness,
} from './readiness';
