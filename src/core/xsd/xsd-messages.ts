import type { FieldDef } from '../../dictionary/types';
import type { XmlLocation } from '../model/types';
import type { DocumentText } from './document-text';
import type { SchemaLookup } from './schema-lookup';
import type { XsdErrorCode } from './types';
import { localName, namespaceOf, type XmllintMessage } from './xmllint-output';

/**
 * Turns libxml2's English messages into French ones, sorted into the error classes of the CDC's
 * guide (docs/cdc-guide-resolution-erreurs-xml-V4, §1). The CDC's own report uses Xerces wording,
 * libxml2's differs, so each message is recognised by its shape (one pattern per kind of message,
 * whatever the element) and the element is named with its dictionary label and id.
 */

/** Title of the CDC error class of each code, as in the CDC guide's table. */
export const XSD_ERROR_CLASSES: Readonly<Record<XsdErrorCode, string>> = {
  forbiddenComment: 'Commentaire interdit',
  xmlVersionMissing: 'Version XML non déclarée',
  xmlVersion: 'Version XML erronée',
  xsdVersion: 'Version du format erronée',
  closingTagMissing: 'Balise fermante absente',
  unclosedTag: 'Balise XML non fermée',
  invalidCharacter: 'XML mal formé',
  malformedXml: 'XML mal formé',
  badFormat: 'Donnée mal formatée',
  outOfRange: 'Donnée mal formatée',
  nilWithValue: 'Donnée mal formatée',
  tooLong: 'Donnée trop longue ou trop courte',
  tooShort: 'Donnée trop longue ou trop courte',
  missing: 'Donnée absente',
  notNillable: 'Donnée absente',
  unexpected: 'Donnée en trop',
  unexpectedAttribute: 'Donnée en trop',
  exclusiveChoice: 'Non-respect du ou-exclusif',
  enumeration: "Non-respect d'une énumération",
  schemaError: 'Fichier de format invalide',
  invalid: 'Erreur de format',
};

/** What the mapping found: the class, who it is about, and what is wrong (French). */
export interface DescribedMessage {
  readonly code: XsdErrorCode;
  /** The element in French, e.g. "Nom de naissance (8.1)" or "élément titulaire (bloc 8)". */
  readonly subject?: string;
  readonly detail: string;
  /** Local name of the element, when libxml2 named one. */
  readonly tag?: string;
  readonly column?: number;
}

export interface MessageContext {
  readonly lookup: SchemaLookup;
  /** The document, to recover values, columns and parents libxml2 does not print. */
  readonly document?: DocumentText;
  /** Field given by the source map for a line, most precise when a tag is ambiguous. */
  readonly fieldOnLine?: (line: number) => string | undefined;
}

/** French description of one libxml2 message. */
export function describeXmllintMessage(message: XmllintMessage, context: MessageContext): DescribedMessage {
  switch (message.domain) {
    case 'validity':
      return describeValidityError(message, context);
    case 'parser':
    case 'namespace':
      return describeParserError(message, context);
    case 'schemaParser':
      return {
        code: 'schemaError',
        detail: `le schéma XSD ${message.file ?? ''} est invalide (ligne ${message.line} : ${message.text}).`,
      };
    default:
      return { code: 'invalid', detail: `erreur signalée par xmllint : ${message.text}` };
  }
}

/** « Ligne 57 (feuille « Passages », ligne 12) : Nom de naissance (8.1) : la valeur … ». */
export function formatProblemMessage(line: number | null, location: XmlLocation | undefined, described: DescribedMessage): string {
  const where = line === null ? '' : `Ligne ${line}${location ? ` (feuille « ${location.sheet} », ligne ${location.row})` : ''} : `;
  const about = described.subject ? `${capitalize(described.subject)} : ` : '';
  return capitalize(`${where}${about}${described.detail}`);
}

/** « Passages, ligne 12 : Nom de naissance (8.1) : la valeur … », for documents the user never sees. */
export function formatLocatedMessage(location: XmlLocation, described: DescribedMessage): string {
  const where = location.row > 0 ? `${location.sheet}, ligne ${location.row}` : location.sheet;
  const about = described.subject ? `${capitalize(described.subject)} : ` : '';
  return `${where} : ${about}${described.detail}`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// ---------------------------------------------------------------------------------------------
// Validity errors: "Element '{ns}tag': <text>"

interface ValidityRule {
  readonly pattern: RegExp;
  readonly describe: (match: RegExpExecArray, element: ElementInfo) => Omit<DescribedMessage, 'subject' | 'tag'>;
}

interface ElementInfo {
  readonly tag: string;
  readonly field?: FieldDef;
  /** The element's value read from the document when libxml2 does not print it. */
  readonly value: () => string | undefined;
  readonly context: MessageContext;
  readonly expandedName: string;
}

/** Values are quoted as in the CDC's messages; very long ones are cut so the message stays readable. */
const quote = (value: string) => `'${value.length > 80 ? `${value.slice(0, 77)}…` : value}'`;
const characters = (count: number) => `${count} caractère${count > 1 ? 's' : ''}`;
const theValue = (value: string | undefined) => (value === undefined ? 'la valeur' : `la valeur ${quote(value)}`);

/** What a value of each kind must look like, for "mal formatée" messages. */
const EXPECTED_FORMAT: Readonly<Record<FieldDef['kind'], string>> = {
  string: 'un texte',
  enum: 'une valeur de la liste',
  int: 'un nombre entier sans décimales ni espaces',
  boolean: 'true ou false',
  date: 'une date existante au format AAAA-MM-JJ (années 1900 à 2099)',
  dateTime: 'une date et heure au format AAAA-MM-JJThh:mm:ss+hh:mm (décalage horaire obligatoire, sans fraction de seconde)',
};

const VALIDITY_RULES: readonly ValidityRule[] = [
  {
    pattern: /^\[facet 'maxLength'\] The value (?:'([\s\S]*)' )?has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'\.$/,
    describe: ([, value, length, max], element) => ({
      code: 'tooLong',
      detail: `${theValue(value ?? element.value())} dépasse ${characters(Number(max))} (${length} saisis).`,
    }),
  },
  {
    pattern: /^\[facet 'minLength'\] The value (?:'([\s\S]*)' )?has a length of '(\d+)'; this underruns the allowed minimum length of '(\d+)'\.$/,
    describe: ([, , length, min]) => ({
      code: 'tooShort',
      detail:
        length === '0'
          ? 'la valeur est vide ; saisissez une valeur (un champ facultatif vide ne doit pas être envoyé).'
          : `la valeur doit compter au moins ${characters(Number(min))} (${length} saisis).`,
    }),
  },
  {
    pattern: /^\[facet 'length'\] The value (?:'([\s\S]*)' )?has a length of '(\d+)'; this differs from the allowed length of '(\d+)'\.$/,
    describe: ([, value, length, expected], element) => ({
      code: Number(length) > Number(expected) ? 'tooLong' : 'tooShort',
      detail: `${theValue(value ?? element.value())} doit compter exactement ${characters(Number(expected))} (${length} saisis).`,
    }),
  },
  {
    pattern: /^\[facet 'pattern'\] The value '([\s\S]*)' is not accepted by the pattern '([\s\S]*)'\.$/,
    describe: ([, value], element) => ({
      code: 'badFormat',
      detail: `la valeur ${quote(value)} n'a pas le format attendu${formatHint(element.field)}.`,
    }),
  },
  {
    pattern: /^\[facet 'enumeration'\] The value '([\s\S]*)' is not an element of the set \{([\s\S]*)\}\.$/,
    describe: ([, value, set], element) => ({
      code: 'enumeration',
      detail: `la valeur ${quote(value)} n'est pas dans la liste autorisée : ${allowedValues(set, element.field)}.`,
    }),
  },
  {
    pattern: /^\[facet 'minInclusive'\] The value '([\s\S]*)' is less than the minimum value allowed \('([\s\S]*)'\)\.$/,
    describe: ([, value, min], element) => ({
      code: 'outOfRange',
      detail: `la valeur ${quote(value)} est inférieure au minimum autorisé (${min})${rangeHint(element.field)}.`,
    }),
  },
  {
    pattern: /^\[facet 'maxInclusive'\] The value '([\s\S]*)' is greater than the maximum value allowed \('([\s\S]*)'\)\.$/,
    describe: ([, value, max], element) => ({
      code: 'outOfRange',
      detail: `la valeur ${quote(value)} est supérieure au maximum autorisé (${max})${rangeHint(element.field)}.`,
    }),
  },
  {
    // "'x' is not a valid value of the atomic type 'xs:int'" / "… of the local atomic type."
    pattern: /^'([\s\S]*)' is not a valid value of the (?:local )?(?:atomic|list|union) type(?: '[^']*')?\.$/,
    describe: ([, value], element) => ({
      code: 'badFormat',
      detail:
        value === ''
          ? `la valeur est vide ; il faut ${element.field ? EXPECTED_FORMAT[element.field.kind] : 'une valeur'}.`
          : `la valeur ${quote(value)} n'a pas le format attendu${formatHint(element.field)}.`,
    }),
  },
  {
    pattern: /^The element is not 'nillable'\.$/,
    describe: () => ({
      code: 'notNillable',
      detail: 'ce champ ne peut pas être « nil » (vide) : une valeur est obligatoire.',
    }),
  },
  {
    pattern: /^Neither character nor element content is allowed because the element is 'nilled'\.$/,
    describe: () => ({
      code: 'nilWithValue',
      detail: "l'élément est marqué « nil » (xsi:nil=\"true\") et ne doit alors contenir aucune valeur.",
    }),
  },
  {
    pattern: /^Missing child element\(s\)\. Expected is (?:one of )?\( ([\s\S]*) \)\.$/,
    describe: ([, expected], element) => ({
      code: 'missing',
      detail: `il manque ${missingChildren(element, expected)}.`,
    }),
  },
  {
    pattern: /^This element is not expected\.(?: Expected is (?:one of )?\( ([\s\S]*) \)\.)?$/,
    describe: (match, element) => describeUnexpected(element, match[1]),
  },
  {
    pattern: /^No matching global declaration available for the validation root\.$/,
    describe: (_, element) => {
      const { namespace, version } = element.context.lookup.dictionary.schema;
      const found = namespaceOf(element.expandedName);
      return {
        code: 'xsdVersion',
        detail:
          `l'élément racine n'est pas reconnu : il doit être ${element.context.lookup.dictionary.schema.root.tag} dans l'espace de noms ` +
          `${namespace} (XSD ${version})${found ? `, le fichier utilise ${found}` : ", le fichier n'en déclare aucun"}.`,
      };
    },
  },
  {
    pattern: /^Element content is not allowed, because the type definition is simple\.$/,
    describe: () => ({
      code: 'unexpected',
      detail: "ce champ ne contient qu'une valeur : une autre balise s'y trouve (balise fermante oubliée ?).",
    }),
  },
  {
    pattern: /^Character content other than whitespace is not allowed because the content type is 'element-only'\.$/,
    describe: () => ({
      code: 'unexpected',
      detail: 'cet élément ne contient que des balises : du texte y a été écrit en trop.',
    }),
  },
];

function describeValidityError(message: XmllintMessage, context: MessageContext): DescribedMessage {
  const expandedName = message.element ?? '';
  const tag = localName(expandedName);
  const field = resolveField(tag, message.line, context);
  const element: ElementInfo = {
    tag,
    field,
    expandedName,
    context,
    value: () => (message.line === null ? undefined : context.document?.valueOn(message.line, tag)),
  };
  const subject = tag ? subjectOf(tag, field, context) : undefined;
  if (message.attribute !== undefined) {
    return { ...describeAttributeError(message.attribute, message.text), subject, tag };
  }
  const rootMissing = /^No matching global declaration/.test(message.text);
  if (expandedName !== '' && !expandedName.startsWith('{') && !rootMissing) {
    // "Element 'verbatim'" or "Element 'foo:verbatim'": the element is in no namespace (prefix missing
    // or not declared), so the schema does not know it even when its name is right.
    return {
      code: 'unexpected',
      detail: `la balise ${expandedName} n'est pas dans l'espace de noms de la CDC : écrivez-la avec le préfixe déclaré pour ${context.lookup.dictionary.schema.namespace} (ex. ${context.lookup.dictionary.schema.prefix}:${tag}).`,
      subject,
      tag,
    };
  }
  for (const rule of VALIDITY_RULES) {
    const match = rule.pattern.exec(message.text);
    if (match) return { ...rule.describe(match, element), subject, tag };
  }
  return { code: 'invalid', detail: `valeur ou structure refusée par le schéma (${message.text})`, subject, tag };
}

function describeAttributeError(attribute: string, text: string): Omit<DescribedMessage, 'subject' | 'tag'> {
  const name = localName(attribute);
  if (name === 'nil' && namespaceOf(attribute) === 'http://www.w3.org/2001/XMLSchema-instance') {
    return { code: 'badFormat', detail: 'l\'attribut xsi:nil doit valoir "true" (ou être absent).' };
  }
  if (/is not allowed/.test(text)) {
    return { code: 'unexpectedAttribute', detail: `l'attribut ${quote(name)} n'est pas autorisé ici.` };
  }
  return { code: 'badFormat', detail: `l'attribut ${quote(name)} est invalide (${text}).` };
}

/** The field a tag stands for: by the source map, then by the tag, then by its parent in the document. */
function resolveField(tag: string, line: number | null, context: MessageContext): FieldDef | undefined {
  const candidates = context.lookup.fieldsWithTag(tag);
  if (candidates.length === 0) return undefined;
  if (line !== null) {
    const fromMap = context.fieldOnLine?.(line);
    const mapped = candidates.find((placement) => placement.field.id === fromMap);
    if (mapped) return mapped.field;
  }
  if (candidates.length === 1) return candidates[0].field;
  const ancestors = line === null ? undefined : context.document?.ancestorsOf(tag, line);
  if (!ancestors) return undefined;
  const parent = ancestors[ancestors.length - 1];
  return candidates.find((placement) => placement.path[placement.path.length - 2] === parent)?.field;
}

function subjectOf(tag: string, field: FieldDef | undefined, context: MessageContext): string {
  if (field) return `${field.label} (${field.id})`;
  const candidates = context.lookup.fieldsWithTag(tag);
  if (candidates.length > 0) return `élément ${tag} (${candidates.map((c) => c.field.id).join(' ou ')})`;
  const hint = containerHint(tag, context);
  return `élément ${tag}${hint ? ` (${hint})` : ''}`;
}

/** French name of a child element: "Nom de naissance (8.1)" for a field, the tag otherwise. */
function childName(tag: string, parent: string | undefined, context: MessageContext): string {
  const candidates = context.lookup.fieldsWithTag(tag);
  const placed = candidates.find((c) => c.path[c.path.length - 2] === parent) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (placed) return `${placed.field.label} (${placed.field.id}, balise ${tag})`;
  const hint = containerHint(tag, context);
  return `l'élément ${tag}${hint ? ` (${hint})` : ''}`;
}

/** Which dictionary fields a container holds: "champs 8.10 ou 8.11", "bloc 8", or nothing. */
function containerHint(tag: string, context: MessageContext): string | undefined {
  const ids = context.lookup.fieldIdsUnder(tag);
  if (ids.length === 0) return undefined;
  if (ids.length <= 3) return ids.length === 1 ? `champ ${ids[0]}` : `champs ${ids.join(', ')}`;
  const blocks = new Set(ids.map((id) => id.split('.')[0]));
  return blocks.size === 1 ? `bloc ${[...blocks][0]}` : undefined;
}

/**
 * libxml2 lists, for an xsd:all, the missing required children mixed with optional ones it has not
 * seen yet; the dictionary tree says which of them are required.
 */
function missingChildren(element: ElementInfo, expected: string): string {
  const { lookup } = element.context;
  const listed = expected.split(', ').map(localName);
  const required = lookup.requiredChildren(element.tag);
  const missing: string[] = [];
  for (const child of required) {
    if (typeof child === 'string') {
      if (listed.includes(child)) missing.push(childName(child, element.tag, element.context));
    } else if (child.some((option) => listed.includes(option))) {
      missing.push(child.map((option) => childName(option, element.tag, element.context)).join(' ou '));
    }
  }
  if (missing.length === 0) return listed.map((tag) => childName(tag, element.tag, element.context)).join(' ou ');
  return missing.join(', ');
}

function describeUnexpected(element: ElementInfo, expected: string | undefined): Omit<DescribedMessage, 'subject' | 'tag'> {
  const options = element.context.lookup.choiceOptions(element.tag);
  // Without an "Expected" list libxml2 means "the content is already complete"; for an option of an
  // exclusive choice that is the second option of the pair (CDC class cvc-complex-type.2.4.d).
  if (options && expected === undefined) {
    return {
      code: 'exclusiveChoice',
      detail: `un seul élément parmi ${options.join(' et ')} est permis : supprimez l'un des deux.`,
    };
  }
  const known = element.context.lookup.fieldsWithTag(element.tag).length > 0 || element.context.lookup.container(element.tag);
  const { version } = element.context.lookup.dictionary.schema;
  return {
    code: 'unexpected',
    detail: known
      ? "cet élément n'est pas attendu à cet endroit (en double ou mal placé)."
      : `cet élément n'existe pas dans le schéma ${version} de la CDC : supprimez-le.`,
  };
}

function formatHint(field: FieldDef | undefined): string {
  return field ? ` (${EXPECTED_FORMAT[field.kind]})` : '';
}

function rangeHint(field: FieldDef | undefined): string {
  if (field?.minInclusive === undefined || field.maxInclusive === undefined) return '';
  return ` ; il faut un nombre entre ${field.minInclusive} et ${field.maxInclusive}`;
}

/** "'M', 'F'" → "M, F", with the French labels when the dictionary has them. */
function allowedValues(set: string, field: FieldDef | undefined): string {
  const codes = [...set.matchAll(/'([^']*)'/g)].map((match) => match[1]);
  return codes
    .map((code) => {
      const label = field?.enumeration?.find((value) => value.code === code)?.label;
      return label && label !== code ? `${code} (${label})` : code;
    })
    .join(', ');
}

// ---------------------------------------------------------------------------------------------
// Well-formedness errors (the parser stops at the first one, as the CDC's does).

interface ParserRule {
  readonly pattern: RegExp;
  readonly describe: (match: RegExpExecArray) => { code: XsdErrorCode; detail: string };
}

const PARSER_RULES: readonly ParserRule[] = [
  {
    pattern: /Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)/,
    describe: ([, opened, line, closing]) => ({
      code: 'closingTagMissing',
      detail: `la balise <${opened}> ouverte ligne ${line} n'est pas fermée avant </${closing}> : ajoutez </${opened}>.`,
    }),
  },
  {
    pattern: /Premature end of data in tag (\S+) line (\d+)/,
    describe: ([, opened, line]) => ({
      code: 'closingTagMissing',
      detail: `le fichier s'arrête avant la fermeture de la balise <${opened}> ouverte ligne ${line} (fichier tronqué ?).`,
    }),
  },
  {
    pattern: /Couldn't find end of Start Tag (\S+)|error parsing attribute name|attributes construct error|StartTag: invalid element name|Specification mandates value for attribute|expected '>'/,
    describe: ([, tag]) => ({
      code: 'unclosedTag',
      detail: `${tag ? `la balise <${tag}>` : 'une balise'} est mal écrite ou n'est pas fermée par « > ».`,
    }),
  },
  {
    pattern: /Unsupported version '([^']*)'/,
    describe: ([, version]) => ({
      code: 'xmlVersion',
      detail: `la version XML "${version}" n'est pas prise en charge : la déclaration doit être <?xml version="1.0" encoding="UTF-8"?>.`,
    }),
  },
  {
    pattern: /Malformed declaration expecting version|ParsePI: PI xml\S* space expected|parsing XML declaration: '\?>' expected|XML declaration allowed only at the start/,
    describe: () => ({
      code: 'xmlVersionMissing',
      detail: 'la déclaration XML est incorrecte : elle doit être <?xml version="1.0" encoding="UTF-8"?>.',
    }),
  },
  {
    pattern: /Double hyphen within comment|Comment not terminated/,
    describe: () => ({
      code: 'forbiddenComment',
      detail: 'un commentaire contient « -- » ou n\'est pas fermé : la chaîne « -- » est interdite dans un commentaire.',
    }),
  },
  {
    pattern: /Char 0x([0-9A-Fa-f]+) out of allowed range|PCDATA invalid Char value (\d+)|invalid character in attribute value/,
    describe: () => ({
      code: 'invalidCharacter',
      detail: 'le fichier contient un caractère interdit en XML (caractère de contrôle invisible) : supprimez-le.',
    }),
  },
  {
    pattern: /Input is not proper UTF-8|Invalid bytes in character encoding|Document labelled UTF-16 but has UTF-8 content|Unsupported encoding/,
    describe: () => ({
      code: 'invalidCharacter',
      detail: "le fichier n'est pas encodé en UTF-8 : enregistrez-le en UTF-8.",
    }),
  },
  {
    pattern: /xmlParseEntityRef: no name|EntityRef: expecting ';'|Entity '([^']*)' not defined/,
    describe: () => ({
      code: 'malformedXml',
      detail: 'un caractère « & » doit être écrit &amp; dans le XML.',
    }),
  },
  {
    pattern: /Namespace prefix (\S+) on (\S+) is not defined/,
    describe: ([, prefix, tag]) => ({
      code: 'malformedXml',
      detail: `le préfixe « ${prefix} » de la balise ${tag} n'est pas déclaré (xmlns:${prefix}).`,
    }),
  },
  {
    pattern: /Document is empty|Start tag expected, '<' not found/,
    describe: () => ({ code: 'malformedXml', detail: "le fichier est vide ou n'est pas un fichier XML." }),
  },
  {
    pattern: /Extra content at the end of the document/,
    describe: () => ({
      code: 'malformedXml',
      detail: 'du contenu suit la balise racine fermante : le fichier doit tenir dans une seule balise racine.',
    }),
  },
];

function describeParserError(message: XmllintMessage, context: MessageContext): DescribedMessage {
  const column = parserColumn(message, context.document);
  for (const rule of PARSER_RULES) {
    const match = rule.pattern.exec(message.text);
    if (match) return { ...rule.describe(match), ...(column ? { column } : {}) };
  }
  return {
    code: 'malformedXml',
    detail: `le fichier XML est mal formé (${message.text.trim()}).`,
    ...(column ? { column } : {}),
  };
}

/** libxml2 prints an excerpt of at most 80 characters; find it in the real line to get the column. */
function parserColumn(message: XmllintMessage, document: DocumentText | undefined): number | undefined {
  if (!message.excerpt || message.line === null || !document) return undefined;
  const line = document.line(message.line);
  if (line === undefined || message.excerpt.text === '') return undefined;
  const at = line.indexOf(message.excerpt.text);
  return at === -1 ? undefined : at + message.excerpt.caret + 1;
}
