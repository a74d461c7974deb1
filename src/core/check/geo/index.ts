export { COG_SOURCE } from './cog-data';
export {
  communeStatus,
  isInseeCommuneCodeShape,
  isKnownPostalCode,
  postalCodesOfCommune,
  type CommuneStatus,
} from './communes';
export { countryOfInseeCode, FRANCE_COUNTRY_CODE, type Country } from './countries';
