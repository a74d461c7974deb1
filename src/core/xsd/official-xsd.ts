import type { Dictionary } from '../../dictionary';
import { officialXsdText } from '../../i18n/official-xsd';
import { readGuardedXml, XmlGuardStop } from '../receipt/xml-guard';

/**
 * The official XSD a user downloads from the CDC portal, loaded to validate exports against it as well as
 * against ours ("seule la dernière version du XSD est acceptée", guide erreurs XML V4 §3.3). Before that, its
 * targetNamespace and version are compared with the dictionary's schema, so a mismatch is said plainly instead
 * of showing up as a cryptic validation error on the first element.
 */

export interface OfficialXsdIdentity {
  readonly targetNamespace?: string;
  readonly version?: string;
}

export type ReadOfficialXsdResult =
  | { readonly ok: true; readonly identity: OfficialXsdIdentity }
  | { readonly ok: false; readonly message: string };

const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';
/** An XSD is a few hundred kB at most; a bigger file is something else. */
const MAX_XSD_CHARS = 10 * 1024 * 1024;

export function readOfficialXsd(text: string): ReadOfficialXsdResult {
  if (text.length > MAX_XSD_CHARS) {
    return {
      ok: false,
      message: officialXsdText.tooLarge,
    };
  }
  let identity: OfficialXsdIdentity | undefined;
  let root: string | undefined;
  const failure = readGuardedXml(
    text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    { maxDepth: 64, maxElements: 1_000_000 },
    {
      open(tag, depth) {
        if (depth !== 1) return;
        root = tag.local;
        if (tag.local === 'schema' && tag.uri === XSD_NAMESPACE) {
          const attribute = (name: string) => {
            const value = tag.attributes[name];
            return typeof value === 'string' ? value : value?.value;
          };
          const targetNamespace = attribute('targetNamespace');
          const version = attribute('version');
          identity = {
            ...(targetNamespace !== undefined ? { targetNamespace } : {}),
            ...(version !== undefined ? { version } : {}),
          };
        }
        // The root is all we need.
        throw new XmlGuardStop({ code: 'notXml', detail: 'root read', line: 0 });
      },
    },
  );
  if (identity) return { ok: true, identity };
  if (root !== undefined) {
    return {
      ok: false,
      message: officialXsdText.notASchema(root),
    };
  }
  if (failure?.code === 'doctype') {
    return {
      ok: false,
      message: officialXsdText.doctype,
    };
  }
  const unreadable =
    failure?.code === 'notXml'
      ? officialXsdText.unreadable(failure.line, failure.detail)
      : officialXsdText.unreadable();
  return { ok: false, message: unreadable };
}

export interface SchemaComparison {
  /** True when files made by this tool cannot pass the given XSD (another namespace). */
  readonly blocking: boolean;
  /** French remarks: nothing when the XSD is the one the tool was made for. */
  readonly notes: readonly string[];
}

export function compareOfficialXsd(
  identity: OfficialXsdIdentity,
  dictionary: Dictionary,
): SchemaComparison {
  const ours = dictionary.schema;
  const version = identity.version ?? officialXsdText.unknownVersion;
  if (identity.targetNamespace !== ours.namespace) {
    return {
      blocking: true,
      notes: [
        officialXsdText.otherNamespace(
          identity.targetNamespace ?? officialXsdText.noNamespace,
          version,
          ours.namespace,
          ours.version,
        ),
      ],
    };
  }
  if (identity.version !== ours.version) {
    return {
      blocking: false,
      notes: [
        officialXsdText.otherVersion(version, ours.version),
      ],
    };
  }
  return { blocking: false, notes: [] };
}
