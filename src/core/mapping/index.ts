/** Mapping another spreadsheet's columns onto the template: proposal, conversions, saved mappings, copy. */
export {
  applyMapping,
  RowMapper,
  type MappedContent,
  type MappingIssue,
  type MappingSummary,
  type RowMapperOptions,
} from './apply';
export { convertForTarget, dateOfCell, type Conversion, type ConversionContext } from './conversions';
export { CONFIDENT, headerWords, proposeMapping, type ColumnProposal, type MatchReason } from './headers';
export type { MappingIssueCode } from '../../i18n/mapping-messages';
export {
  parseSavedMapping,
  resolveSavedMapping,
  SAVED_MAPPING_FORMAT,
  SAVED_MAPPING_VERSION,
  savedMappingFrom,
  savedMappingToJson,
  type ColumnMapping,
  type ParsedMapping,
  type ResolvedMapping,
  type SavedColumn,
  type SavedMapping,
} from './saved-mapping';
export { BIRTH_DATE_PARTS, BIRTH_DATE_TARGET } from './synonyms';
export { mappingTargets, type MappingTarget, type TargetKind } from './targets';
