/** Writing CDC XML: public API of src/core/xml (test helpers and the benchmark are imported directly). */
export { escapeXmlText, findForbiddenXmlChar } from './escape';
export { formatHorodatage } from './horodatage';
export { compilePassageSerializer, type PassageSerializer } from './passage-serializer';
export { compilePassageLineFields, passageLineFields, type PassageLine } from './line-origins';
export { buildReferenceFluxXml, referencePassageXml } from './reference-serializer';
export {
  buildFluxXml,
  buildFluxXmlWithMap,
  writeFluxXml,
  writeFluxXmlWithMap,
  type WriteFluxOptions,
} from './flux-writer';
export { FluxSourceMap, type ChunkOrigin, type SourceMapSheets } from './source-map';
export { createFlux, groupCertifications, type CreateFluxInput } from './group';
